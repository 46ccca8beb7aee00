/// Where a ``ClientSession`` keeps the state that must survive a process restart: outbound QoS 1
/// and 2 messages not yet acknowledged, and inbound QoS 2 packet identifiers received but not yet
/// released (so a redelivered QoS 2 message is not handed to the application twice).
///
/// The session calls the store synchronously and treats a thrown error as "not stored": a publish
/// that cannot be stored is refused, never silently kept in RAM only. Implementations:
/// ``InMemorySessionStore`` (tests, devices without storage) and, on hosts, `FileSessionStore`.
public protocol SessionStore {
    /// Everything stored, read once when the session is created.
    ///
    /// - Returns: The outbound messages (in any order) and inbound QoS 2 identifiers.
    /// - Throws: ``SessionStoreError`` when the stored state cannot be read.
    mutating func load() throws(SessionStoreError) -> SessionSnapshot

    /// Inserts or replaces (by ``StoredMessage/id``) an outbound message.
    ///
    /// - Parameter message: The message and its delivery state.
    /// - Throws: ``SessionStoreError`` when it could not be made durable.
    mutating func save(_ message: StoredMessage) throws(SessionStoreError)

    /// Forgets an outbound message (acknowledged or rejected).
    ///
    /// - Parameter id: The message.
    /// - Throws: ``SessionStoreError`` when the removal could not be made durable.
    mutating func remove(_ id: MessageID) throws(SessionStoreError)

    /// Records that an inbound QoS 2 message with this packet identifier was delivered.
    ///
    /// - Parameter packetIdentifier: The identifier.
    /// - Throws: ``SessionStoreError`` when it could not be made durable.
    mutating func insertInbound(_ packetIdentifier: UInt16) throws(SessionStoreError)

    /// Forgets an inbound QoS 2 packet identifier (PUBREL received).
    ///
    /// - Parameter packetIdentifier: The identifier.
    /// - Throws: ``SessionStoreError`` when the removal could not be made durable.
    mutating func removeInbound(_ packetIdentifier: UInt16) throws(SessionStoreError)
}

/// The stored state of a session.
public struct SessionSnapshot: Equatable, Sendable {
    /// Outbound messages not yet acknowledged.
    public var outbound: [StoredMessage]
    /// Inbound QoS 2 packet identifiers delivered but not yet released.
    public var inbound: [UInt16]

    /// Creates a snapshot.
    ///
    /// - Parameters:
    ///   - outbound: Outbound messages.
    ///   - inbound: Inbound QoS 2 identifiers.
    public init(outbound: [StoredMessage] = [], inbound: [UInt16] = []) {
        self.outbound = outbound
        self.inbound = inbound
    }
}

/// An outbound QoS 1 or 2 message and where it is in its delivery.
public struct StoredMessage: Equatable, Sendable {
    /// Where an outbound message is in the QoS flow.
    public enum Stage: UInt8, Sendable, Hashable {
        /// Waiting for PUBACK (QoS 1) or PUBREC (QoS 2); resent as PUBLISH after a reconnect.
        case awaitingAcknowledgement = 1
        /// PUBREC received, PUBREL sent, waiting for PUBCOMP; resent as PUBREL after a reconnect.
        case awaitingCompletion = 2
    }

    /// The session's identifier (publication order).
    public var id: MessageID
    /// The MQTT packet identifier it was assigned (never reused while the message is stored).
    public var packetIdentifier: UInt16
    /// The message.
    public var publish: Publish
    /// The delivery stage.
    public var stage: Stage

    /// Creates a stored message.
    ///
    /// - Parameters:
    ///   - id: The session's identifier.
    ///   - packetIdentifier: The packet identifier.
    ///   - publish: The message (owned bytes).
    ///   - stage: The delivery stage.
    public init(id: MessageID, packetIdentifier: UInt16, publish: Publish, stage: Stage) {
        self.id = id
        self.packetIdentifier = packetIdentifier
        self.publish = publish
        self.stage = stage
    }
}

/// A session store failure.
///
/// ```swift
/// catch let error as SessionStoreError where error.code == .io {
///     print(error.systemError ?? 0)
/// }
/// ```
public struct SessionStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable { case io, corrupt }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The operating system refused a read, write, sync or rename (``SessionStoreError/systemError``).
        public static let io = Code(.io)
        /// The stored state is not a FieldKit session file or cannot be decoded.
        public static let corrupt = Code(.corrupt)

        /// The code's name (`io`).
        public var description: String { backing.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What failed, in words (the operation and the path).
    public var message: String
    /// The operating system error number, when there is one.
    public var systemError: Int32?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - message: What failed.
    ///   - code: The kind of failure (``Code/io`` when `systemError` is given, else ``Code/corrupt``).
    ///   - systemError: The OS error number, or `nil`.
    public init(_ message: String, code: Code? = nil, systemError: Int32? = nil) {
        self.message = message
        self.systemError = systemError
        self.code = code ?? (systemError == nil ? .corrupt : .io)
    }

    /// The message and error number.
    public var description: String { systemError.map { "\(message) (errno \($0))" } ?? message }
}

/// A session store in memory: state survives reconnects but not a process restart.
public struct InMemorySessionStore: SessionStore {
    /// The stored outbound messages by identifier.
    public private(set) var outbound: [MessageID: StoredMessage] = [:]
    /// The stored inbound QoS 2 identifiers.
    public private(set) var inbound: Set<UInt16> = []

    /// Creates an empty store.
    public init() {}

    /// Returns what is stored.
    ///
    /// - Returns: The snapshot.
    public mutating func load() throws(SessionStoreError) -> SessionSnapshot {
        SessionSnapshot(outbound: outbound.values.sorted { $0.id < $1.id }, inbound: inbound.sorted())
    }

    /// Stores a message.
    ///
    /// - Parameter message: The message.
    public mutating func save(_ message: StoredMessage) throws(SessionStoreError) {
        outbound[message.id] = message
    }

    /// Removes a message.
    ///
    /// - Parameter id: The message.
    public mutating func remove(_ id: MessageID) throws(SessionStoreError) {
        outbound[id] = nil
    }

    /// Stores an inbound identifier.
    ///
    /// - Parameter packetIdentifier: The identifier.
    public mutating func insertInbound(_ packetIdentifier: UInt16) throws(SessionStoreError) {
        inbound.insert(packetIdentifier)
    }

    /// Removes an inbound identifier.
    ///
    /// - Parameter packetIdentifier: The identifier.
    public mutating func removeInbound(_ packetIdentifier: UInt16) throws(SessionStoreError) {
        inbound.remove(packetIdentifier)
    }
}
