extension Packet {
    /// A copy of the packet that owns all its bytes, independent of the buffer it was decoded from.
    ///
    /// Decoded packets borrow the input; call this before the input buffer is reused or freed (for
    /// example to keep an outgoing QoS 1 message for retransmission).
    ///
    /// ```swift
    /// let kept = try decoder.decode(raw).owned()
    /// ```
    ///
    /// - Returns: An equal packet holding owned bytes.
    /// - Complexity: O(n) in the packet size.
    public func owned() -> Packet {
        switch self {
        case .connect(var p):
            p.clientIdentifier = p.clientIdentifier.owned()
            p.userName = p.userName?.owned()
            p.password = p.password?.owned()
            p.properties = p.properties.owned()
            if var will = p.will {
                will.topic = will.topic.owned()
                will.payload = will.payload.owned()
                will.properties = will.properties.owned()
                p.will = will
            }
            return .connect(p)
        case .connack(var p):
            p.properties = p.properties.owned()
            return .connack(p)
        case .publish(var p):
            p.topic = p.topic.owned()
            p.payload = p.payload.owned()
            p.properties = p.properties.owned()
            return .publish(p)
        case .puback(let p): return .puback(p.owned())
        case .pubrec(let p): return .pubrec(p.owned())
        case .pubrel(let p): return .pubrel(p.owned())
        case .pubcomp(let p): return .pubcomp(p.owned())
        case .subscribe(var p):
            p.properties = p.properties.owned()
            p.subscriptions = SubscriptionList(validated: p.subscriptions.bytes.owned())
            return .subscribe(p)
        case .suback(var p):
            p.properties = p.properties.owned()
            p.reasonCodes = ReasonCodeList(validated: p.reasonCodes.bytes.owned())
            return .suback(p)
        case .unsubscribe(var p):
            p.properties = p.properties.owned()
            p.filters = TopicFilterList(validated: p.filters.bytes.owned())
            return .unsubscribe(p)
        case .unsuback(var p):
            p.properties = p.properties.owned()
            p.reasonCodes = ReasonCodeList(validated: p.reasonCodes.bytes.owned())
            return .unsuback(p)
        case .pingreq, .pingresp: return self
        case .disconnect(var p):
            p.properties = p.properties.owned()
            return .disconnect(p)
        case .auth(var p):
            p.properties = p.properties.owned()
            return .auth(p)
        }
    }
}

extension PublishAcknowledgement {
    /// A copy owning its property bytes.
    ///
    /// - Returns: An equal acknowledgement.
    public func owned() -> PublishAcknowledgement {
        var copy = self
        copy.properties = properties.owned()
        return copy
    }
}

extension Properties {
    /// A copy owning its bytes.
    ///
    /// - Returns: Equal properties.
    /// - Complexity: O(n).
    public func owned() -> Properties { Properties(validated: bytes.owned()) }
}
