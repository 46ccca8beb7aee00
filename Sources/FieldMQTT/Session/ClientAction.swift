/// What a ``ClientSession`` asks its driver to do, in order.
public enum ClientAction: Equatable, Sendable {
    /// Write these bytes to the transport.
    case send([UInt8])
    /// Tell the application.
    case event(ClientEvent)
    /// Close the transport (after writing any bytes sent before this action).
    case close
}

/// Why a ``ClientSession`` command was refused.
///
/// Built like every FieldKit error: a ``code`` (a struct over a private enum, so new codes never
/// break a `switch`) and named optional fields for what describes the problem. The static
/// constructors (`.queueFull(limit:)`, `.notConnected`) read like the cases they replace.
///
/// ```swift
/// do {
///     _ = try session.publish(topic: "meters/42", payload: reading, qos: .atLeastOnce, now: now)
/// } catch {
///     if error.code == .queueFull { shed(oldest: 1) } else { print(error) }
/// }
/// ```
public struct ClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of refusal this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case invalidTopic, qosNotSupported, queueFull, storage, packetTooLarge, notConnected, encoding
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// The topic name is not valid for PUBLISH (empty, wildcards, bad UTF-8).
        public static let invalidTopic = Code(.invalidTopic)
        /// The server does not support this QoS (its CONNACK Maximum QoS).
        public static let qosNotSupported = Code(.qosNotSupported)
        /// The outbound queue is full (``ClientConfiguration/maximumQueuedMessages``).
        public static let queueFull = Code(.queueFull)
        /// The message could not be stored durably, so it was not accepted.
        public static let storage = Code(.storage)
        /// The packet would exceed the server's maximum packet size.
        public static let packetTooLarge = Code(.packetTooLarge)
        /// The command needs a connection (subscribe, unsubscribe, authentication).
        public static let notConnected = Code(.notConnected)
        /// The message could not be encoded.
        public static let encoding = Code(.encoding)

        /// The code's name, as written in source (`queueFull`).
        public var description: String { backing.rawValue }
    }

    /// What kind of refusal this is.
    public var code: Code
    /// For ``Code/invalidTopic`` and ``Code/encoding``: the codec's error.
    public var codecError: FieldMQTTError?
    /// For ``Code/storage``: the store's error.
    public var storeError: SessionStoreError?
    /// For ``Code/qosNotSupported``: the QoS asked for.
    public var qos: QoS?
    /// For ``Code/queueFull`` and ``Code/packetTooLarge``: the limit in force.
    public var limit: Int?
    /// For ``Code/packetTooLarge``: the packet's size in bytes.
    public var size: Int?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What kind of refusal it is.
    ///   - codecError: The codec's error, for ``Code/invalidTopic`` and ``Code/encoding``.
    ///   - storeError: The store's error, for ``Code/storage``.
    ///   - qos: The QoS asked for, for ``Code/qosNotSupported``.
    ///   - limit: The limit in force.
    ///   - size: The packet size.
    public init(
        _ code: Code, codecError: FieldMQTTError? = nil, storeError: SessionStoreError? = nil, qos: QoS? = nil,
        limit: Int? = nil, size: Int? = nil
    ) {
        self.code = code
        self.codecError = codecError
        self.storeError = storeError
        self.qos = qos
        self.limit = limit
        self.size = size
    }

    /// The topic name is not valid for PUBLISH.
    ///
    /// - Parameter error: The codec's reason.
    /// - Returns: An ``Code/invalidTopic`` error.
    public static func invalidTopic(_ error: FieldMQTTError) -> ClientError {
        ClientError(.invalidTopic, codecError: error)
    }
    /// The server does not support this QoS.
    ///
    /// - Parameter qos: The QoS asked for.
    /// - Returns: A ``Code/qosNotSupported`` error.
    public static func qosNotSupported(_ qos: QoS) -> ClientError { ClientError(.qosNotSupported, qos: qos) }
    /// The outbound queue is full.
    ///
    /// - Parameter limit: The queue's capacity.
    /// - Returns: A ``Code/queueFull`` error.
    public static func queueFull(limit: Int) -> ClientError { ClientError(.queueFull, limit: limit) }
    /// The message could not be stored durably.
    ///
    /// - Parameter error: The store's reason.
    /// - Returns: A ``Code/storage`` error.
    public static func storage(_ error: SessionStoreError) -> ClientError { ClientError(.storage, storeError: error) }
    /// The packet would exceed the server's maximum packet size.
    ///
    /// - Parameters:
    ///   - size: The packet's size.
    ///   - limit: The server's limit.
    /// - Returns: A ``Code/packetTooLarge`` error.
    public static func packetTooLarge(size: Int, limit: Int) -> ClientError {
        ClientError(.packetTooLarge, limit: limit, size: size)
    }
    /// The command needs a connection.
    public static let notConnected = ClientError(.notConnected)
    /// The message could not be encoded.
    ///
    /// - Parameter error: The codec's reason.
    /// - Returns: An ``Code/encoding`` error.
    public static func encoding(_ error: FieldMQTTError) -> ClientError { ClientError(.encoding, codecError: error) }

    /// A sentence naming the problem.
    public var description: String {
        switch code {
        case .invalidTopic: "invalid topic name: \(codecError.map { "\($0)" } ?? "")"
        case .qosNotSupported: "the server does not support QoS \(qos?.rawValue ?? 0)"
        case .queueFull: "the outbound queue is full (\(limit ?? 0) messages)"
        case .storage: "the message could not be stored: \(storeError.map { "\($0)" } ?? "")"
        case .packetTooLarge: "packet of \(size ?? 0) bytes exceeds the server's limit of \(limit ?? 0)"
        case .notConnected: "not connected"
        case .encoding: "cannot encode: \(codecError.map { "\($0)" } ?? "")"
        default: "\(code)"
        }
    }
}
