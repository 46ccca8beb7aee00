public import FieldCore

extension ClientSession {
    /// The next time at which ``tick(now:)`` must be called (a connect timeout, a ping to send, or a
    /// ping timeout), on the clock the driver passes as `now`, or `nil` when no timer is running.
    public var nextDeadline: Instant? {
        deadlineMilliseconds.map { Instant.milliseconds($0) }
    }

    var deadlineMilliseconds: Int64? {
        switch state {
        case .disconnected:
            return nil
        case .connecting:
            return connectDeadline
        case .connected:
            let keepAlive = Int64(connection?.keepAliveSeconds ?? configuration.keepAliveSeconds) * 1000
            if let pingDeadline { return pingDeadline }
            return keepAlive > 0 ? lastSent + keepAlive : nil
        }
    }

    /// Advances the session's timers: connect timeout, keep-alive pings and ping timeout.
    ///
    /// - Parameter now: The current time (the session's clock; only differences matter).
    public mutating func tick(now: Instant) {
        let now = now.millisecondsSinceEpoch
        switch state {
        case .disconnected:
            return
        case .connecting:
            if let connectDeadline, now >= connectDeadline {
                endConnection(.connectTimeout(configuration.connectTimeout))
            }
        case .connected:
            if let pingDeadline {
                if now >= pingDeadline {
                    endConnection(.keepAliveTimeout(configuration.pingTimeout))
                }
                return
            }
            let keepAlive = Int64(connection?.keepAliveSeconds ?? configuration.keepAliveSeconds) * 1000
            if keepAlive > 0 && now >= lastSent + keepAlive {
                send(.pingreq, now: now)
                pingDeadline = now + configuration.pingTimeout.wholeMilliseconds
            }
        }
    }
}
