/// A debouncer: a new state is accepted only after it has held for a minimum time.
///
/// Feed it the raw state (a switch, an alarm, "engine on") with its timestamp; it reports the
/// stable state, which changes only when the raw state stayed the same for `minimumDuration`.
/// Chattering contacts and alarms on noisy values stop producing bursts of events. A timestamp
/// earlier than the previous one (an untrusted clock) restarts the wait instead of accepting.
///
/// ```swift
/// var door = Debouncer<Bool, Double>(initial: false, minimumDuration: 2)
/// if let stable = door.update(sensorOpen, at: t) { print("door now \(stable)") }
/// ```
@frozen
public struct Debouncer<State: Equatable & Sendable, Scalar: FilterScalar>: Sendable {
    /// How long a new state must hold before it is accepted (seconds).
    public let minimumDuration: Scalar
    /// The accepted state.
    public private(set) var state: State
    @usableFromInline var candidate: State?
    @usableFromInline var candidateSince: Scalar = 0
    @usableFromInline var lastTime: Scalar?

    /// Creates a debouncer.
    ///
    /// - Parameters:
    ///   - initial: The accepted state at start.
    ///   - minimumDuration: Seconds a new state must hold (≥ 0; NaN or negative is taken as 0).
    public init(initial: State, minimumDuration: Scalar) {
        state = initial
        self.minimumDuration = minimumDuration >= 0 ? minimumDuration : 0
    }

    /// Feeds the raw state observed at `time`.
    ///
    /// - Parameters:
    ///   - raw: The state just observed.
    ///   - time: The observation time in seconds.
    /// - Returns: The new accepted state when it changed, `nil` otherwise.
    public mutating func update(_ raw: State, at time: Scalar) -> State? {
        defer { lastTime = time }
        if let last = lastTime, !(time >= last) {
            // Time went backwards: distrust the running wait.
            candidate = raw == state ? nil : raw
            candidateSince = time
            return nil
        }
        if raw == state {
            candidate = nil
            return nil
        }
        if candidate != raw {
            candidate = raw
            candidateSince = time
        }
        if time - candidateSince >= minimumDuration {
            state = raw
            candidate = nil
            return raw
        }
        return nil
    }
}
