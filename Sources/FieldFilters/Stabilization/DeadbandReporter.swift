/// Report-by-exception: decides which samples are worth sending.
///
/// A sample is reported when it moved more than `deadband` from the last reported value (and at
/// least `minimumInterval` passed), or when `maximumInterval` passed since the last report (a
/// heartbeat proving the device is alive). A meter sampling every second but reporting only on
/// change saves most of its radio time.
///
/// ```swift
/// var reporter = try DeadbandReporter<Double>(deadband: 0.5, maximumInterval: 900)
/// if reporter.shouldReport(temperature, at: now) { send(temperature) }
/// ```
@frozen
public struct DeadbandReporter<Scalar: FilterScalar>: Sendable {
    /// The change that triggers a report (strictly more than this).
    public let deadband: Scalar
    /// The longest silence: a report is forced after this many seconds.
    public let maximumInterval: Scalar
    /// The shortest spacing between change-triggered reports.
    public let minimumInterval: Scalar
    /// The last reported value and its time.
    public private(set) var lastReport: (value: Scalar, time: Scalar)?

    /// Creates a reporter.
    ///
    /// - Parameters:
    ///   - deadband: Change threshold (≥ 0).
    ///   - maximumInterval: Heartbeat period in seconds (> 0; `.infinity` disables it).
    ///   - minimumInterval: Minimum seconds between change reports (≥ 0).
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` for out-of-range values.
    public init(
        deadband: Scalar, maximumInterval: Scalar = .infinity, minimumInterval: Scalar = 0
    ) throws(FieldFiltersError) {
        guard deadband >= 0, deadband.isFinite else {
            throw .invalidParameter(name: "deadband", reason: "must be >= 0")
        }
        guard maximumInterval > 0 else { throw .invalidParameter(name: "maximumInterval", reason: "must be > 0") }
        guard minimumInterval >= 0, minimumInterval.isFinite, minimumInterval <= maximumInterval else {
            throw .invalidParameter(name: "minimumInterval", reason: "must be in 0...maximumInterval")
        }
        self.deadband = deadband
        self.maximumInterval = maximumInterval
        self.minimumInterval = minimumInterval
    }

    /// Decides whether to report `value` observed at `time`, and records it if so.
    ///
    /// - Parameters:
    ///   - value: The sample; non-finite values are never reported.
    ///   - time: Its time in seconds. A time before the last report (clock stepped back) forces a
    ///     report so the receiver resynchronises.
    /// - Returns: `true` when the sample should be sent.
    public mutating func shouldReport(_ value: Scalar, at time: Scalar) -> Bool {
        guard value.isFinite, time.isFinite else { return false }
        guard let last = lastReport else {
            lastReport = (value, time)
            return true
        }
        let elapsed = time - last.time
        let report =
            elapsed < 0 || elapsed >= maximumInterval
            || ((value - last.value).magnitude > deadband && elapsed >= minimumInterval)
        if report { lastReport = (value, time) }
        return report
    }
}
