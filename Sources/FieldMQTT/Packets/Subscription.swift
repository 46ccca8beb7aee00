/// A subscription request: a topic filter and its options.
///
/// ```swift
/// let subscription = Subscription(filter: "meters/+/energy", options: SubscriptionOptions(qos: .atLeastOnce))
/// ```
public struct Subscription: Equatable, Sendable {
    /// The topic filter (UTF-8, may contain wildcards, may be a `$share/` filter).
    public var filter: MQTTBytes
    /// The options.
    public var options: SubscriptionOptions

    /// Creates a subscription.
    ///
    /// - Parameters:
    ///   - filter: The topic filter.
    ///   - options: The options.
    public init(filter: MQTTBytes, options: SubscriptionOptions = SubscriptionOptions()) {
        self.filter = filter
        self.options = options
    }
}

/// The options byte of a subscription: maximum QoS, and in 5.0 no local, retain as published
/// and retain handling.
///
/// ```swift
/// let options = SubscriptionOptions(qos: .exactlyOnce, noLocal: true, retainHandling: .doNotSend)
/// ```
public struct SubscriptionOptions: Hashable, Sendable {
    /// When the server sends retained messages on subscribing (5.0).
    public enum RetainHandling: UInt8, Sendable, Hashable {
        /// Send retained messages at the time of the subscribe.
        case sendOnSubscribe = 0
        /// Send them only if the subscription did not exist.
        case sendIfNew = 1
        /// Do not send retained messages.
        case doNotSend = 2
    }

    /// The options byte as sent on the wire.
    public var rawValue: UInt8

    /// Creates options from a validated byte.
    ///
    /// - Parameter rawValue: The byte.
    @inlinable
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Creates options.
    ///
    /// - Parameters:
    ///   - qos: The maximum QoS.
    ///   - noLocal: Do not receive one's own messages (5.0).
    ///   - retainAsPublished: Keep the retain flag as published (5.0).
    ///   - retainHandling: When to send retained messages (5.0).
    public init(
        qos: QoS = .atMostOnce,
        noLocal: Bool = false,
        retainAsPublished: Bool = false,
        retainHandling: RetainHandling = .sendOnSubscribe
    ) {
        rawValue = qos.rawValue | (noLocal ? 0x04 : 0) | (retainAsPublished ? 0x08 : 0) | retainHandling.rawValue << 4
    }

    /// The maximum QoS.
    public var qos: QoS { QoS(rawValue: rawValue & 0x03) ?? .exactlyOnce }
    /// No local (5.0).
    public var noLocal: Bool { rawValue & 0x04 != 0 }
    /// Retain as published (5.0).
    public var retainAsPublished: Bool { rawValue & 0x08 != 0 }
    /// Retain handling (5.0).
    public var retainHandling: RetainHandling { RetainHandling(rawValue: (rawValue >> 4) & 0x03) ?? .doNotSend }
}
