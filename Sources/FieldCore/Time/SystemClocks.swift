#if !hasFeature(Embedded)
    #if canImport(Glibc)
        import Glibc
    #elseif canImport(Musl)
        import Musl
    #elseif canImport(Darwin)
        import Darwin
    #endif

    /// The host's wall clock: milliseconds since the Unix epoch (`CLOCK_REALTIME`).
    ///
    /// Wall-clock time can jump (NTP, a user, a dead RTC battery); use it for timestamps a person
    /// reads, and ``MonotonicClock`` for timeouts. Not available in Embedded Swift, where the
    /// device supplies its own ``ClockSource``.
    public struct SystemClock: ClockSource, Sendable {
        /// Creates the system wall clock.
        public init() {}

        /// The current wall-clock time.
        ///
        /// - Returns: Milliseconds since 1970-01-01T00:00:00Z.
        public func now() -> Instant { read(CLOCK_REALTIME) }
    }

    /// The host's monotonic clock (`CLOCK_MONOTONIC`): never jumps back, epoch unspecified.
    ///
    /// Use it for timeouts, keep-alives and backoff. Not available in Embedded Swift.
    public struct MonotonicClock: ClockSource, Sendable {
        /// Creates the monotonic clock.
        public init() {}

        /// The current monotonic reading.
        ///
        /// - Returns: Milliseconds since an arbitrary, fixed point (usually boot).
        public func now() -> Instant { read(CLOCK_MONOTONIC) }
    }

    private func read(_ clock: clockid_t) -> Instant {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Instant(millisecondsSinceEpoch: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }
#endif
