/// What a ``ClientSession`` asks its driver to do, in order.
public enum ClientAction: Equatable {
    /// Write these bytes to the transport.
    case send([UInt8])
    /// Tell the application.
    case event(ClientEvent)
    /// Close the transport (after writing any bytes sent before this action).
    case close
}

/// Why a ``ClientSession`` command was refused.
public enum ClientError: Error, Equatable, CustomStringConvertible {
    /// The topic name is not valid for PUBLISH (empty, wildcards, bad UTF-8).
    case invalidTopic(FieldMQTTError)
    /// The server does not support this QoS (its CONNACK Maximum QoS).
    case qosNotSupported(QoS)
    /// The outbound queue is full (``ClientConfiguration/maximumQueuedMessages``).
    case queueFull(limit: Int)
    /// The message could not be stored durably, so it was not accepted.
    case storage(SessionStoreError)
    /// The packet would exceed the server's maximum packet size.
    case packetTooLarge(size: Int, limit: Int)
    /// The command needs a connection (subscribe, unsubscribe, authentication).
    case notConnected
    /// The message could not be encoded.
    case encoding(FieldMQTTError)

    /// A sentence naming the problem.
    public var description: String {
        switch self {
        case .invalidTopic(let error): "invalid topic name: \(error)"
        case .qosNotSupported(let qos): "the server does not support QoS \(qos.rawValue)"
        case .queueFull(let limit): "the outbound queue is full (\(limit) messages)"
        case .storage(let error): "the message could not be stored: \(error)"
        case .packetTooLarge(let size, let limit): "packet of \(size) bytes exceeds the server's limit of \(limit)"
        case .notConnected: "not connected"
        case .encoding(let error): "cannot encode: \(error)"
        }
    }
}
