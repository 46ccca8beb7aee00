/// A threshold alarm with hysteresis: it turns on past one threshold and off only past another,
/// so a value hovering around a limit does not make it flap.
///
/// The fuel-level problem: a tank at 10 % ± 3 % of slosh would raise and clear a "low fuel" alert
/// every few seconds with one threshold. With `activate` at 10 % and `deactivate` at 15 % it raises
/// once and clears only after a refill. The direction follows from the thresholds: activating
/// below the release point makes a low alarm, above it a high alarm.
///
/// ```swift
/// var lowFuel = try HysteresisAlarm<Double>(activateAt: 10, deactivateAt: 15)
/// if lowFuel.update(level) == .activated { notify("low fuel") }
/// ```
@frozen
public struct HysteresisAlarm<Scalar: FilterScalar>: Sendable {
    /// The value at (or past) which the alarm turns on.
    public let activationThreshold: Scalar
    /// The value at (or past) which the alarm turns off.
    public let deactivationThreshold: Scalar
    @usableFromInline let activatesBelow: Bool
    @usableFromInline var active = false

    /// Whether the alarm is on.
    @inlinable public var isActive: Bool { active }

    /// Creates an alarm, initially off.
    ///
    /// - Parameters:
    ///   - activateAt: Turn on when the value reaches this threshold (from the release side).
    ///   - deactivateAt: Turn off when the value reaches this threshold (from the alarm side).
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` when the thresholds are equal or not
    ///   finite.
    public init(activateAt: Scalar, deactivateAt: Scalar) throws(FieldFiltersError) {
        guard activateAt.isFinite, deactivateAt.isFinite, activateAt != deactivateAt else {
            throw .invalidParameter(name: "thresholds", reason: "must be finite and different")
        }
        activationThreshold = activateAt
        deactivationThreshold = deactivateAt
        activatesBelow = activateAt < deactivateAt
    }

    /// Feeds a value and reports a change of state.
    ///
    /// - Parameter value: The new value; NaN and infinity are ignored.
    /// - Returns: ``AlarmTransition/activated`` or ``AlarmTransition/deactivated`` when the state
    ///   changed, `nil` otherwise.
    @inlinable
    public mutating func update(_ value: Scalar) -> AlarmTransition? {
        guard value.isFinite else { return nil }
        if active {
            let release = activatesBelow ? value >= deactivationThreshold : value <= deactivationThreshold
            if release {
                active = false
                return .deactivated
            }
        } else {
            let trigger = activatesBelow ? value <= activationThreshold : value >= activationThreshold
            if trigger {
                active = true
                return .activated
            }
        }
        return nil
    }
}

/// A change of an alarm's state.
public enum AlarmTransition: Sendable, Equatable {
    /// The alarm turned on.
    case activated
    /// The alarm turned off.
    case deactivated
}

extension AlarmTransition: CustomStringConvertible {
    /// `activated` or `deactivated`.
    public var description: String {
        switch self {
        case .activated: "activated"
        case .deactivated: "deactivated"
        }
    }
}
