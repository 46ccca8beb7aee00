/// A fixed-lag smoother: the estimate of the step `Capacity - 1` steps ago given every
/// measurement up to now, in bounded memory.
///
/// It keeps the last `Capacity` step records inline (no heap) and runs a Rauch-Tung-Striebel
/// backward pass over them on demand. A device that can afford a few seconds of delay gets most of
/// the benefit of full smoothing with constant memory.
///
/// ```swift
/// var lagged = FixedLagSmoother<4, 6, Double>()   // 5 steps of lag
/// lagged.append(record)
/// if let estimate = try lagged.smoothedOldest() { send(estimate.state) }
/// ```
@frozen
public struct FixedLagSmoother<let StateSize: Int, let Capacity: Int, Scalar: FilterScalar>: Sendable {
    @usableFromInline var records: InlineArray<Capacity, KalmanStepRecord<StateSize, Scalar>>
    @usableFromInline var head = 0
    @usableFromInline var storedCount = 0

    /// The number of records held, up to `Capacity`.
    @inlinable public var count: Int { storedCount }

    /// Creates an empty smoother.
    ///
    /// ```swift
    /// var lagged = FixedLagSmoother<2, 4, Double>()
    /// ```
    @inlinable
    public init() {
        precondition(Capacity > 0, "FixedLagSmoother needs a capacity of at least 1")
        records = InlineArray(
            repeating: KalmanStepRecord(
                transition: .identity, priorState: .zero, priorCovariance: .identity, state: .zero,
                covariance: .identity))
    }

    /// Adds the newest step, dropping the oldest when full.
    ///
    /// - Parameter record: The newest step of the forward filter.
    @inlinable
    public mutating func append(_ record: KalmanStepRecord<StateSize, Scalar>) {
        records[(head + count) % Capacity] = record
        if storedCount < Capacity {
            storedCount += 1
        } else {
            head = (head + 1) % Capacity
        }
    }

    /// The smoothed estimate `lag` steps before the newest one.
    ///
    /// ```swift
    /// let fiveBack = try lagged.smoothed(lag: 5)
    /// ```
    /// - Parameter lag: How many steps back, in `0..<count` (0 is the filtered newest estimate).
    /// - Returns: The smoothed estimate, or `nil` when fewer than `lag + 1` steps are held.
    /// - Throws: ``FieldFiltersError/notPositiveDefinite(pivot:)`` when a prior covariance is not
    ///   positive definite.
    /// - Complexity: O(lag × StateSize³).
    @inlinable
    public func smoothed(lag: Int) throws(FieldFiltersError) -> KalmanEstimate<StateSize, Scalar>? {
        guard lag >= 0, lag < count else { return nil }
        var index = count - 1
        var next = records[(head + index) % Capacity]
        var estimate = KalmanEstimate(state: next.state, covariance: next.covariance)
        while index > count - 1 - lag {
            index -= 1
            let current = records[(head + index) % Capacity]
            estimate = try current.smoothed(next: next, smoothedNext: estimate)
            next = current
        }
        return estimate
    }

    /// The smoothed estimate of the oldest step held, once the window is full.
    ///
    /// - Returns: The estimate `Capacity - 1` steps back, or `nil` until `Capacity` steps were added.
    /// - Throws: ``FieldFiltersError/notPositiveDefinite(pivot:)`` as ``smoothed(lag:)``.
    /// - Complexity: O(Capacity × StateSize³).
    @inlinable
    public func smoothedOldest() throws(FieldFiltersError) -> KalmanEstimate<StateSize, Scalar>? {
        count == Capacity ? try smoothed(lag: Capacity - 1) : nil
    }
}
