extension Duration {
    /// The duration in whole milliseconds, rounded toward zero; saturates at `Int64`'s range.
    ///
    /// FieldKit's formats and timers count milliseconds; this is the one place a `Duration` is
    /// turned into that count.
    ///
    /// ```swift
    /// Duration.seconds(2).wholeMilliseconds           // 2000
    /// Duration.microseconds(1_999).wholeMilliseconds  // 1
    /// ```
    @inlinable
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let (fromSeconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflowSum) = fromSeconds.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
        if overflowSum { return seconds < 0 ? .min : .max }
        return sum
    }
}
