#if !hasFeature(Embedded)
    public import FieldCore
    #if canImport(Glibc)
        import Glibc
    #elseif canImport(Musl)
        import Musl
    #elseif canImport(Darwin)
        import Darwin
    #endif

    /// A blocking MQTT client for hosts: a ``ClientSession`` driven over a ``TCPTransport`` by a
    /// small `poll` loop, reconnecting by its ``ReconnectPolicy``.
    ///
    /// ```swift
    /// let client = MQTTClient(configuration: configuration, store: InMemorySessionStore(), host: "localhost", port: 1883)
    /// try client.connect()
    /// let id = try client.publish(topic: "meters/42", payload: reading, qos: .atLeastOnce)
    /// try client.run(timeout: .seconds(5)) { event in event == .delivered(id) }
    /// client.disconnect()
    /// ```
    public final class MQTTClient<Store: SessionStore> {
        /// The session state machine.
        public private(set) var session: ClientSession<Store>
        /// The host to connect to.
        public let host: String
        /// The port to connect to.
        public let port: Int
        /// The reconnect schedule.
        public var reconnectPolicy: ReconnectPolicy
        private var transport: TCPTransport?
        private var buffer = [UInt8](repeating: 0, count: 1 << 16)
        private var pendingEvents: [ClientEvent] = []
        private var random: SplitMix64
        private var reconnectAt: Instant?

        /// Creates a client; nothing is connected until ``connect(timeout:)``.
        ///
        /// - Parameters:
        ///   - configuration: The session configuration.
        ///   - store: The session store.
        ///   - host: The broker's host.
        ///   - port: The broker's port.
        ///   - reconnectPolicy: When to reconnect after a failure.
        /// - Throws: ``SessionStoreError`` when the store cannot be read.
        public init(
            configuration: ClientConfiguration, store: Store, host: String, port: Int,
            reconnectPolicy: ReconnectPolicy = ReconnectPolicy()
        ) throws(SessionStoreError) {
            session = try ClientSession(configuration: configuration, store: store)
            self.host = host
            self.port = port
            self.reconnectPolicy = reconnectPolicy
            random = SplitMix64(
                seed: UInt64(truncatingIfNeeded: Self.now().millisecondsSinceEpoch) ^ 0x6A09_E667_F3BC_C908)
        }

        /// The host's monotonic clock reading, the clock the client drives its session with.
        public static func now() -> Instant {
            MonotonicClock().now()
        }

        /// Opens the connection and waits for CONNACK.
        ///
        /// - Parameter timeout: The longest wait for TCP and CONNACK together.
        /// - Returns: What the server allowed.
        /// - Throws: ``MQTTClientError`` when the broker cannot be reached or refuses.
        @discardableResult
        public func connect(timeout: Duration = .seconds(10)) throws(MQTTClientError) -> ConnectionInfo {
            try openTransport(timeout: timeout)
            var info: ConnectionInfo?
            var refusal: DisconnectReason?
            try run(timeout: timeout, reconnect: false) { event in
                switch event {
                case .connected(let connection):
                    info = connection
                    return true
                case .disconnected(let reason):
                    refusal = reason
                    return true
                default:
                    return false
                }
            }
            if let info { return info }
            throw .connectionFailed(refusal ?? .connectTimeout(timeout))
        }

        private func openTransport(timeout: Duration) throws(MQTTClientError) {
            transport?.close()
            do throws(TransportError) {
                transport = try TCPTransport.connect(host: host, port: port, timeout: timeout)
            } catch {
                throw .transport(error)
            }
            session.connect(now: Self.now())
        }

        /// Publishes a message (stored first for QoS 1 and 2) and sends what it can without waiting.
        ///
        /// - Parameters:
        ///   - topic: The topic name.
        ///   - payload: The payload.
        ///   - qos: The QoS.
        ///   - retain: The retain flag.
        /// - Returns: The message's identifier.
        /// - Throws: ``MQTTClientError`` when the session refuses it.
        @discardableResult
        public func publish(
            topic: String, payload: [UInt8], qos: QoS, retain: Bool = false
        ) throws(MQTTClientError) -> MessageID {
            do throws(ClientError) {
                let id = try session.publish(topic: topic, payload: payload, qos: qos, retain: retain, now: Self.now())
                flush()
                return id
            } catch {
                throw .session(error)
            }
        }

        /// Subscribes and waits for SUBACK.
        ///
        /// - Parameters:
        ///   - filter: The topic filter.
        ///   - qos: The maximum QoS.
        ///   - timeout: The longest wait.
        /// - Returns: The granted reason code.
        /// - Throws: ``MQTTClientError`` when not connected or no SUBACK arrives.
        @discardableResult
        public func subscribe(
            _ filter: String, qos: QoS, timeout: Duration = .seconds(10)
        ) throws(MQTTClientError) -> ReasonCode {
            let packetIdentifier: UInt16
            do throws(ClientError) {
                packetIdentifier = try session.subscribe(
                    [Subscription(filter: MQTTBytes(filter), options: SubscriptionOptions(qos: qos))], now: Self.now())
            } catch {
                throw .session(error)
            }
            var granted: ReasonCode?
            try run(timeout: timeout) { event in
                if case .subscribed(packetIdentifier, let codes) = event {
                    granted = codes.first
                    return true
                }
                return false
            }
            guard let granted else { throw .timeout }
            if granted.isFailure { throw .subscriptionRefused(granted) }
            return granted
        }

        /// Runs the loop until `until` returns true for an event, or the timeout passes. Every event
        /// is also passed to `until`, in order. Lost connections are re-established by the policy.
        ///
        /// - Parameters:
        ///   - timeout: The longest run (`nil`: until `until` says stop).
        ///   - reconnect: Whether to reconnect after a lost connection.
        ///   - until: Called with every event; return `true` to stop.
        /// - Throws: ``MQTTClientError/timeout`` when the time ran out first, or
        ///   ``MQTTClientError/connectionFailed(_:)`` when the policy gives up.
        public func run(
            timeout: Duration?, reconnect: Bool = true, until: (ClientEvent) -> Bool
        ) throws(MQTTClientError) {
            let end = timeout.map { Self.now() + $0 }
            while true {
                flush()
                if !pendingEvents.isEmpty {
                    // Hand events over in order; the rest stay queued if `until` stops early.
                    var handled = 0
                    defer { pendingEvents.removeFirst(handled) }
                    while handled < pendingEvents.count {
                        let event = pendingEvents[handled]
                        handled += 1
                        if until(event) { return }
                    }
                }
                let now = Self.now()
                if let end, now >= end { throw .timeout }
                if session.state == .disconnected {
                    guard reconnect, let at = reconnectAt else {
                        throw .connectionFailed(.transportClosed)
                    }
                    if now >= at {
                        reconnectAt = nil
                        do throws(MQTTClientError) {
                            try openTransport(timeout: .seconds(10))
                        } catch {
                            scheduleReconnect(after: .transportClosed)
                        }
                    } else {
                        let wait = min((at - now).wholeMilliseconds, end.map { ($0 - now).wholeMilliseconds } ?? .max)
                        _ = poll(nil, 0, Int32(clamping: max(1, wait)))
                    }
                    continue
                }
                var wait = Duration.seconds(1)
                if let deadline = session.nextDeadline { wait = min(wait, max(.zero, deadline - now)) }
                if let end { wait = min(wait, max(.zero, end - now)) }
                do throws(TransportError) {
                    guard var transport else { throw .closed }
                    let n = try transport.read(into: &buffer, timeout: wait)
                    self.transport = transport
                    if n > 0 {
                        buffer.withUnsafeBytes {
                            session.receive(UnsafeRawBufferPointer(rebasing: $0[0..<n]), now: Self.now())
                        }
                    }
                } catch {
                    transport?.close()
                    transport = nil
                    session.connectionLost(now: Self.now())
                }
                session.tick(now: Self.now())
            }
        }

        /// Drops the connection without DISCONNECT, as a crash or a dead link would (the broker then
        /// publishes the will). The session keeps its state and reconnects on the next
        /// ``run(timeout:reconnect:until:)``.
        public func abortConnection() {
            transport?.close()
            transport = nil
            session.connectionLost(now: Self.now())
            _ = session.takeActions()
        }

        /// Sends DISCONNECT and closes the connection.
        public func disconnect() {
            session.disconnect(now: Self.now())
            flush()
            transport?.close()
            transport = nil
        }

        /// Performs the session's actions: writes bytes (coalesced), collects events, closes.
        private func flush() {
            var outgoing: [UInt8] = []
            for action in session.takeActions() {
                switch action {
                case .send(let bytes):
                    outgoing += bytes
                case .event(let event):
                    if case .connected = event { reconnectPolicy.reset() }
                    if case .disconnected(let reason) = event { scheduleReconnect(after: reason) }
                    pendingEvents.append(event)
                case .close:
                    write(&outgoing)
                    transport?.close()
                    transport = nil
                }
            }
            write(&outgoing)
        }

        private func write(_ outgoing: inout [UInt8]) {
            guard !outgoing.isEmpty else { return }
            defer { outgoing.removeAll(keepingCapacity: true) }
            guard var transport else { return }
            do throws(TransportError) {
                try transport.write(outgoing)
                self.transport = transport
            } catch {
                transport.close()
                self.transport = nil
                session.connectionLost(now: Self.now())
                for action in session.takeActions() {
                    if case .event(let event) = action {
                        if case .disconnected(let reason) = event { scheduleReconnect(after: reason) }
                        pendingEvents.append(event)
                    }
                }
            }
        }

        private func scheduleReconnect(after reason: DisconnectReason) {
            if let delay = reconnectPolicy.delay(after: reason, using: &random) {
                reconnectAt = Self.now() + delay
            } else {
                reconnectAt = nil
            }
        }
    }

    /// Why an ``MQTTClient`` call failed.
    ///
    /// Built like every FieldKit error: a ``code`` over a private enum and named optional fields;
    /// the static constructors (`.timeout`, `.session(_:)`) read like the cases they replace.
    public struct MQTTClientError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What kind of failure this is.
        public struct Code: Hashable, Sendable, CustomStringConvertible {
            private enum Backing: String, Hashable, Sendable {
                case transport, connectionFailed, session, subscriptionRefused, timeout
            }

            private let backing: Backing

            private init(_ backing: Backing) { self.backing = backing }

            /// The transport could not connect or failed (``MQTTClientError/transportError``).
            public static let transport = Code(.transport)
            /// The connection ended, refused or lost and not retried (``MQTTClientError/reason``).
            public static let connectionFailed = Code(.connectionFailed)
            /// The session refused the command (``MQTTClientError/sessionError``).
            public static let session = Code(.session)
            /// The server refused a subscription (``MQTTClientError/reasonCode``).
            public static let subscriptionRefused = Code(.subscriptionRefused)
            /// The time ran out.
            public static let timeout = Code(.timeout)

            /// The code's name (`timeout`).
            public var description: String { backing.rawValue }
        }

        /// What kind of failure this is.
        public var code: Code
        /// For ``Code/transport``: the transport's error.
        public var transportError: TransportError?
        /// For ``Code/connectionFailed``: why the connection ended.
        public var reason: DisconnectReason?
        /// For ``Code/session``: the session's refusal.
        public var sessionError: ClientError?
        /// For ``Code/subscriptionRefused``: the server's reason code.
        public var reasonCode: ReasonCode?

        private init(
            _ code: Code, transportError: TransportError? = nil, reason: DisconnectReason? = nil,
            sessionError: ClientError? = nil, reasonCode: ReasonCode? = nil
        ) {
            self.code = code
            self.transportError = transportError
            self.reason = reason
            self.sessionError = sessionError
            self.reasonCode = reasonCode
        }

        /// The transport could not connect or failed.
        ///
        /// - Parameter error: The transport's error.
        /// - Returns: A ``Code/transport`` error.
        public static func transport(_ error: TransportError) -> MQTTClientError {
            MQTTClientError(.transport, transportError: error)
        }

        /// The connection ended.
        ///
        /// - Parameter reason: Why.
        /// - Returns: A ``Code/connectionFailed`` error.
        public static func connectionFailed(_ reason: DisconnectReason) -> MQTTClientError {
            MQTTClientError(.connectionFailed, reason: reason)
        }

        /// The session refused the command.
        ///
        /// - Parameter error: The session's refusal.
        /// - Returns: A ``Code/session`` error.
        public static func session(_ error: ClientError) -> MQTTClientError {
            MQTTClientError(.session, sessionError: error)
        }

        /// The server refused a subscription.
        ///
        /// - Parameter code: The server's reason code.
        /// - Returns: A ``Code/subscriptionRefused`` error.
        public static func subscriptionRefused(_ code: ReasonCode) -> MQTTClientError {
            MQTTClientError(.subscriptionRefused, reasonCode: code)
        }

        /// The time ran out.
        public static let timeout = MQTTClientError(.timeout)

        /// A sentence naming the failure.
        public var description: String {
            switch code {
            case .transport: transportError.map { "\($0)" } ?? "transport failure"
            case .connectionFailed: reason.map { "\($0)" } ?? "connection failed"
            case .session: sessionError.map { "\($0)" } ?? "refused by the session"
            case .subscriptionRefused:
                "the server refused the subscription (reason 0x\(String(reasonCode?.rawValue ?? 0x80, radix: 16)))"
            case .timeout: "timed out"
            default: "\(code)"
            }
        }
    }
#endif
