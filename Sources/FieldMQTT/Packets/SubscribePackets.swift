/// A SUBSCRIBE packet.
///
/// ```swift
/// let subscribe = Subscribe(packetIdentifier: 1, subscriptions: SubscriptionList([Subscription(filter: "a/#")]))
/// ```
public struct Subscribe: Equatable, Sendable {
    /// The packet identifier (non-zero).
    public var packetIdentifier: UInt16
    /// The properties (5.0 only).
    public var properties: Properties
    /// The subscriptions (at least one).
    public var subscriptions: SubscriptionList

    /// Creates a SUBSCRIBE packet.
    ///
    /// - Parameters:
    ///   - packetIdentifier: The packet identifier.
    ///   - properties: The properties (5.0).
    ///   - subscriptions: The subscriptions.
    public init(packetIdentifier: UInt16, properties: Properties = Properties(), subscriptions: SubscriptionList) {
        self.packetIdentifier = packetIdentifier
        self.properties = properties
        self.subscriptions = subscriptions
    }
}

/// A SUBACK packet: one reason code (or granted QoS) per subscription.
///
/// ```swift
/// let suback = Suback(packetIdentifier: 1, reasonCodes: ReasonCodeList([.grantedQoS1]))
/// ```
public struct Suback: Equatable, Sendable {
    /// The identifier of the SUBSCRIBE being acknowledged.
    public var packetIdentifier: UInt16
    /// The properties (5.0 only).
    public var properties: Properties
    /// One code per subscription.
    public var reasonCodes: ReasonCodeList

    /// Creates a SUBACK packet.
    ///
    /// - Parameters:
    ///   - packetIdentifier: The packet identifier.
    ///   - properties: The properties (5.0).
    ///   - reasonCodes: The codes.
    public init(packetIdentifier: UInt16, properties: Properties = Properties(), reasonCodes: ReasonCodeList) {
        self.packetIdentifier = packetIdentifier
        self.properties = properties
        self.reasonCodes = reasonCodes
    }
}

/// An UNSUBSCRIBE packet.
///
/// ```swift
/// let unsubscribe = Unsubscribe(packetIdentifier: 2, filters: TopicFilterList(["a/#"]))
/// ```
public struct Unsubscribe: Equatable, Sendable {
    /// The packet identifier (non-zero).
    public var packetIdentifier: UInt16
    /// The properties (5.0 only).
    public var properties: Properties
    /// The topic filters (at least one).
    public var filters: TopicFilterList

    /// Creates an UNSUBSCRIBE packet.
    ///
    /// - Parameters:
    ///   - packetIdentifier: The packet identifier.
    ///   - properties: The properties (5.0).
    ///   - filters: The topic filters.
    public init(packetIdentifier: UInt16, properties: Properties = Properties(), filters: TopicFilterList) {
        self.packetIdentifier = packetIdentifier
        self.properties = properties
        self.filters = filters
    }
}

/// An UNSUBACK packet (in 5.0 with one reason code per filter; in 3.x without codes).
///
/// ```swift
/// let unsuback = Unsuback(packetIdentifier: 2, reasonCodes: ReasonCodeList([.success]))
/// ```
public struct Unsuback: Equatable, Sendable {
    /// The identifier of the UNSUBSCRIBE being acknowledged.
    public var packetIdentifier: UInt16
    /// The properties (5.0 only).
    public var properties: Properties
    /// One code per filter (5.0 only; empty in 3.x).
    public var reasonCodes: ReasonCodeList

    /// Creates an UNSUBACK packet.
    ///
    /// - Parameters:
    ///   - packetIdentifier: The packet identifier.
    ///   - properties: The properties (5.0).
    ///   - reasonCodes: The codes (5.0).
    public init(
        packetIdentifier: UInt16, properties: Properties = Properties(),
        reasonCodes: ReasonCodeList = ReasonCodeList([])
    ) {
        self.packetIdentifier = packetIdentifier
        self.properties = properties
        self.reasonCodes = reasonCodes
    }
}
