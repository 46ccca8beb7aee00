public import FieldCore

/// A sans-IO MQTT 3.1.1 and 5.0 client: bytes, time and commands in; bytes, events and deadlines out.
///
/// The session owns no socket and reads no clock. A driver feeds it what the transport received
/// (`receive(_:now:)`), the time (``tick(now:)``, at the latest by ``nextDeadline``) and the
/// application's commands (``publish(topic:payload:qos:retain:properties:now:)``, ``subscribe(_:now:)``),
/// then performs the ``ClientAction``s it returns from ``takeActions()``. The same state machine runs
/// on a microcontroller, in a server, and in deterministic simulation tests.
///
/// What it guarantees:
/// - QoS 1 and 2 messages are stored (through the ``SessionStore``) before `publish` returns and
///   removed only when acknowledged, so neither a reconnect nor a restart loses them; after a
///   reconnect unacknowledged PUBLISH and PUBREL packets are resent in their original order, PUBLISH
///   with DUP set, and no packet identifier is reused while its message is in flight.
/// - Inbound QoS 2 messages reach the application exactly once, across reconnects and restarts.
/// - At most the server's Receive Maximum of QoS 1 and 2 messages are in flight; packets over the
///   server's Maximum Packet Size are refused, not sent; topic aliases are used up to the server's
///   Topic Alias Maximum.
///
/// ```swift
/// var session = try ClientSession(configuration: .init(clientIdentifier: "meter-0042"), store: InMemorySessionStore())
/// session.connect(now: clock.now())
/// for action in session.takeActions() { perform(action) }
/// let id = try session.publish(topic: "meters/0042/energy", payload: reading, qos: .atLeastOnce, now: clock.now())
/// ```
public struct ClientSession<Store: SessionStore> {
    /// Where the connection stands.
    public enum State: Equatable, Sendable {
        /// No connection (before ``connect(now:)``, or after it ended).
        case disconnected
        /// CONNECT sent, waiting for CONNACK (or in an AUTH exchange).
        case connecting
        /// CONNACK accepted.
        case connected
    }

    /// The configuration.
    public let configuration: ClientConfiguration
    /// Where the connection stands.
    public internal(set) var state: State = .disconnected
    /// What the server allowed in its last CONNACK.
    public internal(set) var connection: ConnectionInfo?
    /// The store of outbound and inbound QoS state.
    public internal(set) var store: Store

    // Outbound QoS 1/2 messages: by id, in publication order (with removed ids skipped lazily),
    // by packet identifier; the cursor is the next position in `order` not yet sent on this
    // connection. Every operation is O(1) amortized, whatever the number in flight.
    var messages: [MessageID: StoredMessage] = [:]
    var order: [MessageID] = []
    var orderHead = 0
    var sendCursor = 0
    var byPacketIdentifier: [UInt16: MessageID] = [:]
    var sentOnConnection: Set<MessageID> = []
    var sentEver: Set<MessageID> = []
    // QoS 0 messages waiting for a connection.
    var queuedQoS0: [(MessageID, Publish)] = []
    var nextMessageID: UInt64 = 1
    var nextPacketIdentifier: UInt16 = 1
    var pendingSubscriptions: [UInt16: [Subscription]] = [:]
    var pendingUnsubscriptions: [UInt16: [MQTTBytes]] = [:]
    var activeSubscriptions: [Subscription] = []
    var inboundQoS2: Set<UInt16> = []
    // Topic aliases for this connection.
    var outboundAliases: [[UInt8]: UInt16] = [:]
    var inboundAliases: [UInt16: [UInt8]] = [:]
    // Timers.
    var connectDeadline: Int64?
    var lastSent: Int64 = 0
    var pingDeadline: Int64?
    var hasConnectedBefore = false
    var decoder: StreamDecoder
    var actions: [ClientAction] = []

    /// Creates a session and loads the stored state.
    ///
    /// - Parameters:
    ///   - configuration: Identity, keep-alive and limits.
    ///   - store: Where in-flight QoS state is kept; what it holds is resumed.
    /// - Throws: ``SessionStoreError`` when the store cannot be read.
    public init(configuration: ClientConfiguration, store: Store) throws(SessionStoreError) {
        self.configuration = configuration
        self.store = store
        let snapshot = try self.store.load()
        for message in snapshot.outbound.sorted(by: { $0.id < $1.id }) {
            messages[message.id] = message
            order.append(message.id)
            byPacketIdentifier[message.packetIdentifier] = message.id
        }
        inboundQoS2 = Set(snapshot.inbound)
        // Everything loaded may have been sent by an earlier process: resend with DUP.
        sentEver = Set(order)
        nextMessageID = (order.last?.rawValue ?? 0) + 1
        decoder = StreamDecoder(options: Self.decodingOptions(configuration))
    }

    static func decodingOptions(_ configuration: ClientConfiguration) -> DecodingOptions {
        var options = DecodingOptions(version: configuration.version)
        options.sender = .server
        options.maximumPacketSize = Int(configuration.maximumPacketSize)
        return options
    }

    /// The actions produced since the last call, in order; the driver performs them all.
    ///
    /// - Returns: Bytes to send, events, and close requests.
    public mutating func takeActions() -> [ClientAction] {
        defer { actions.removeAll(keepingCapacity: true) }
        return actions
    }

    /// How many QoS 1 and 2 messages are stored (in flight or waiting for the window).
    public var storedMessageCount: Int { messages.count }

    /// How many QoS 1 and 2 messages are in flight on this connection.
    public var inFlightCount: Int { sentOnConnection.count }

    /// How many messages (any QoS) wait to be sent.
    public var queuedCount: Int { messages.count - sentOnConnection.count + queuedQoS0.count }

    /// Whether a packet identifier belongs to a stored outbound message or a pending
    /// (un)subscription, and so must not be given to anything else.
    ///
    /// - Parameter packetIdentifier: The identifier.
    /// - Returns: `true` when it is in use.
    public func isPacketIdentifierInUse(_ packetIdentifier: UInt16) -> Bool {
        byPacketIdentifier[packetIdentifier] != nil || pendingSubscriptions[packetIdentifier] != nil
            || pendingUnsubscriptions[packetIdentifier] != nil
    }

    /// The stored outbound messages in publication order.
    public var storedMessages: [StoredMessage] { order[orderHead...].compactMap { messages[$0] } }

    // MARK: Commands

    /// Starts a connection: produces CONNECT. Call once the transport is open.
    ///
    /// The first connection uses ``ClientConfiguration/cleanStart``; later ones always resume the
    /// session so that in-flight messages survive the reconnect.
    ///
    /// - Parameter now: The current time (the session's clock; only differences matter).
    public mutating func connect(now: Instant) {
        let now = now.millisecondsSinceEpoch
        decoder.reset()
        state = .connecting
        connection = nil
        sentOnConnection.removeAll()
        sendCursor = orderHead
        outboundAliases.removeAll()
        inboundAliases.removeAll()
        pingDeadline = nil
        connectDeadline = now + configuration.connectTimeout.wholeMilliseconds
        var packet = Connect(
            protocolVersion: configuration.version,
            clientIdentifier: MQTTBytes(configuration.clientIdentifier),
            cleanStart: hasConnectedBefore ? false : configuration.cleanStart,
            keepAlive: configuration.keepAliveSeconds,
            will: configuration.will,
            userName: configuration.userName.map { MQTTBytes($0) },
            password: configuration.password.map { MQTTBytes($0) }
        )
        if configuration.version == .v5 {
            var properties = Properties()
            if configuration.sessionExpiryInterval > 0 {
                properties.append(.sessionExpiryInterval(configuration.sessionExpiryInterval))
            }
            if configuration.receiveMaximum != 65_535 {
                properties.append(.receiveMaximum(max(1, configuration.receiveMaximum)))
            }
            properties.append(.maximumPacketSize(max(1, configuration.maximumPacketSize)))
            if configuration.topicAliasMaximum > 0 {
                properties.append(.topicAliasMaximum(configuration.topicAliasMaximum))
            }
            if let method = configuration.authenticationMethod {
                properties.append(.authenticationMethod(MQTTBytes(method)))
                if let data = configuration.authenticationData {
                    properties.append(.authenticationData(MQTTBytes(data)))
                }
            }
            packet.properties = properties
        }
        send(.connect(packet), now: now)
    }

    /// Publishes a message. QoS 1 and 2 messages are stored before this returns.
    ///
    /// While disconnected, or when the in-flight window is full, the message waits and is sent as
    /// soon as it can be.
    ///
    /// - Parameters:
    ///   - topic: The topic name (no wildcards).
    ///   - payload: The payload.
    ///   - qos: The QoS.
    ///   - retain: Whether the server should retain it.
    ///   - properties: PUBLISH properties (5.0), e.g. message expiry or user properties.
    ///   - now: The current time (the session's clock; only differences matter).
    /// - Returns: The message's identifier, reported again in ``ClientEvent/delivered(_:)``.
    /// - Throws: ``ClientError`` when the topic is invalid, the QoS unsupported, the queue full, or
    ///   the message could not be stored.
    @discardableResult
    public mutating func publish(
        topic: String,
        payload: [UInt8],
        qos: QoS,
        retain: Bool = false,
        properties: Properties = Properties(),
        now: Instant
    ) throws(ClientError) -> MessageID {
        let now = now.millisecondsSinceEpoch
        let name: TopicName
        do throws(FieldMQTTError) {
            name = try TopicName(topic)
        } catch {
            throw .invalidTopic(error)
        }
        if let connection, qos > connection.maximumQoS { throw .qosNotSupported(qos) }
        let limit = min(configuration.maximumQueuedMessages, 65_000)
        if queuedCount >= limit { throw .queueFull(limit: limit) }
        let id = MessageID(rawValue: nextMessageID)
        var message = Publish(
            topic: name.bytes.owned(), payload: MQTTBytes(payload), qos: qos, retain: retain,
            properties: properties.owned()
        )
        if qos == .atMostOnce {
            nextMessageID += 1
            queuedQoS0.append((id, message))
        } else {
            let packetIdentifier = allocatePacketIdentifier()
            message.packetIdentifier = packetIdentifier
            let stored = StoredMessage(
                id: id, packetIdentifier: packetIdentifier, publish: message, stage: .awaitingAcknowledgement)
            do throws(SessionStoreError) {
                try store.save(stored)
            } catch {
                throw .storage(error)
            }
            nextMessageID += 1
            messages[id] = stored
            order.append(id)
            byPacketIdentifier[packetIdentifier] = id
        }
        pump(now: now)
        return id
    }

    /// Subscribes to topic filters. Needs a connection.
    ///
    /// - Parameters:
    ///   - subscriptions: The filters and their options.
    ///   - now: The current time (the session's clock; only differences matter).
    /// - Returns: The SUBSCRIBE packet identifier, reported again in ``ClientEvent/subscribed(packetIdentifier:reasonCodes:)``.
    /// - Throws: ``ClientError/notConnected`` when not connected.
    @discardableResult
    public mutating func subscribe(_ subscriptions: [Subscription], now: Instant) throws(ClientError) -> UInt16 {
        let now = now.millisecondsSinceEpoch
        guard state == .connected else { throw .notConnected }
        let packetIdentifier = allocatePacketIdentifier()
        pendingSubscriptions[packetIdentifier] = subscriptions
        send(
            .subscribe(Subscribe(packetIdentifier: packetIdentifier, subscriptions: SubscriptionList(subscriptions))),
            now: now)
        return packetIdentifier
    }

    /// Unsubscribes from topic filters. Needs a connection.
    ///
    /// - Parameters:
    ///   - filters: The filters, as given to ``subscribe(_:now:)``.
    ///   - now: The current time (the session's clock; only differences matter).
    /// - Returns: The UNSUBSCRIBE packet identifier.
    /// - Throws: ``ClientError/notConnected`` when not connected.
    @discardableResult
    public mutating func unsubscribe(_ filters: [String], now: Instant) throws(ClientError) -> UInt16 {
        let now = now.millisecondsSinceEpoch
        guard state == .connected else { throw .notConnected }
        let packetIdentifier = allocatePacketIdentifier()
        let bytes = filters.map { MQTTBytes($0) }
        pendingUnsubscriptions[packetIdentifier] = bytes
        send(.unsubscribe(Unsubscribe(packetIdentifier: packetIdentifier, filters: TopicFilterList(bytes))), now: now)
        return packetIdentifier
    }

    /// Answers an AUTH challenge (5.0 enhanced authentication) or starts re-authentication.
    ///
    /// - Parameters:
    ///   - data: The authentication data for the configured method.
    ///   - reauthenticate: `true` to start re-authentication on a live connection (reason 0x19).
    ///   - now: The current time (the session's clock; only differences matter).
    /// - Throws: ``ClientError/notConnected`` without a connection or a configured method.
    public mutating func continueAuthentication(
        data: [UInt8], reauthenticate: Bool = false, now: Instant
    ) throws(ClientError) {
        let now = now.millisecondsSinceEpoch
        guard state != .disconnected, let method = configuration.authenticationMethod else { throw .notConnected }
        let properties = Properties([.authenticationMethod(MQTTBytes(method)), .authenticationData(MQTTBytes(data))])
        send(
            .auth(Auth(reasonCode: reauthenticate ? .reauthenticate : .continueAuthentication, properties: properties)),
            now: now)
    }

    /// Ends the connection cleanly: DISCONNECT, then close. Stored messages stay stored.
    ///
    /// - Parameters:
    ///   - reason: The 5.0 reason code (``ReasonCode/success`` for a normal disconnect; 0x04 asks the
    ///     server to publish the will).
    ///   - now: The current time (the session's clock; only differences matter).
    public mutating func disconnect(reason: ReasonCode = .success, now: Instant) {
        let now = now.millisecondsSinceEpoch
        guard state != .disconnected else { return }
        send(.disconnect(Disconnect(reasonCode: reason)), now: now)
        endConnection(.requested)
    }

    /// Tells the session the transport closed or failed. In-flight messages will be resent after
    /// the next ``connect(now:)``.
    ///
    /// - Parameter now: The current time (the session's clock; only differences matter).
    public mutating func connectionLost(now: Instant) {
        guard state != .disconnected else { return }
        endConnection(.transportClosed, close: false)
    }

    // MARK: Internals shared by the extensions

    mutating func allocatePacketIdentifier() -> UInt16 {
        while true {
            let candidate = nextPacketIdentifier
            nextPacketIdentifier = nextPacketIdentifier == UInt16.max ? 1 : nextPacketIdentifier + 1
            if !isPacketIdentifierInUse(candidate) { return candidate }
        }
    }

    /// Forgets a stored message in memory (the caller updated the store) in O(1) amortized.
    mutating func forget(_ id: MessageID) {
        guard let message = messages.removeValue(forKey: id) else { return }
        byPacketIdentifier[message.packetIdentifier] = nil
        sentOnConnection.remove(id)
        sentEver.remove(id)
        while orderHead < order.count && messages[order[orderHead]] == nil { orderHead += 1 }
        if orderHead >= 1_024 && orderHead * 2 >= order.count {
            order.removeFirst(orderHead)
            sendCursor = max(0, sendCursor - orderHead)
            orderHead = 0
        }
        sendCursor = max(sendCursor, orderHead)
    }

    mutating func send(_ packet: Packet, now: Int64) {
        var bytes: [UInt8] = []
        do throws(FieldMQTTError) {
            try packet.encode(appendingTo: &bytes, version: configuration.version)
        } catch {
            // Packets built by the session are valid by construction; an application-provided
            // property that fails to encode ends the connection rather than sending garbage.
            endConnection(.protocolViolation(.implementationSpecificError, detail: "cannot encode: \(error)"))
            return
        }
        actions.append(.send(bytes))
        lastSent = now
    }

    mutating func endConnection(_ reason: DisconnectReason, close: Bool = true) {
        state = .disconnected
        connectDeadline = nil
        pingDeadline = nil
        sentOnConnection.removeAll()
        if close { actions.append(.close) }
        actions.append(.event(.disconnected(reason)))
    }
}

/// A session is a value: it can move to another task or thread when its store can.
extension ClientSession: Sendable where Store: Sendable {}
