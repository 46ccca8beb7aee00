extension ClientSession {
    /// The next time, in milliseconds, at which ``tick(now:)`` must be called (a connect timeout, a
    /// ping to send, or a ping timeout), or `nil` when no timer is running.
    public var nextDeadline: Int64? {
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
    /// - Parameter now: The current time in milliseconds.
    public mutating func tick(now: Int64) {
        switch state {
        case .disconnected:
            return
        case .connecting:
            if let connectDeadline, now >= connectDeadline {
                endConnection(.connectTimeout(milliseconds: configuration.connectTimeoutMilliseconds))
            }
        case .connected:
            if let pingDeadline {
                if now >= pingDeadline {
                    endConnection(.keepAliveTimeout(milliseconds: configuration.pingTimeoutMilliseconds))
                }
                return
            }
            let keepAlive = Int64(connection?.keepAliveSeconds ?? configuration.keepAliveSeconds) * 1000
            if keepAlive > 0 && now >= lastSent + keepAlive {
                send(.pingreq, now: now)
                pingDeadline = now + configuration.pingTimeoutMilliseconds
            }
        }
    }
}
