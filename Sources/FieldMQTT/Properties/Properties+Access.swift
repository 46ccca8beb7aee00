extension Properties {
    /// The first property with the given identifier, if any.
    ///
    /// - Parameter identifier: The property to look for.
    /// - Returns: The property, or `nil`.
    /// - Complexity: O(n) in the block size.
    public func first(_ identifier: PropertyIdentifier) -> Property? {
        for property in self where property.identifier == identifier { return property }
        return nil
    }

    /// The Payload Format Indicator (0x01), if present.
    public var payloadFormatIndicator: UInt8? {
        if case .payloadFormatIndicator(let v)? = first(.payloadFormatIndicator) { return v }
        return nil
    }

    /// The Message Expiry Interval (0x02) in seconds, if present.
    public var messageExpiryInterval: UInt32? {
        if case .messageExpiryInterval(let v)? = first(.messageExpiryInterval) { return v }
        return nil
    }

    /// The Content Type (0x03), if present.
    public var contentType: MQTTBytes? {
        if case .contentType(let v)? = first(.contentType) { return v }
        return nil
    }

    /// The Response Topic (0x08), if present.
    public var responseTopic: MQTTBytes? {
        if case .responseTopic(let v)? = first(.responseTopic) { return v }
        return nil
    }

    /// The Correlation Data (0x09), if present.
    public var correlationData: MQTTBytes? {
        if case .correlationData(let v)? = first(.correlationData) { return v }
        return nil
    }

    /// Every Subscription Identifier (0x0B), in order (a server may send several in one PUBLISH).
    public var subscriptionIdentifiers: [UInt32] {
        var result: [UInt32] = []
        for case .subscriptionIdentifier(let v) in self { result.append(v) }
        return result
    }

    /// The Session Expiry Interval (0x11) in seconds, if present.
    public var sessionExpiryInterval: UInt32? {
        if case .sessionExpiryInterval(let v)? = first(.sessionExpiryInterval) { return v }
        return nil
    }

    /// The Assigned Client Identifier (0x12), if present.
    public var assignedClientIdentifier: MQTTBytes? {
        if case .assignedClientIdentifier(let v)? = first(.assignedClientIdentifier) { return v }
        return nil
    }

    /// The Server Keep Alive (0x13) in seconds, if present.
    public var serverKeepAlive: UInt16? {
        if case .serverKeepAlive(let v)? = first(.serverKeepAlive) { return v }
        return nil
    }

    /// The Authentication Method (0x15), if present.
    public var authenticationMethod: MQTTBytes? {
        if case .authenticationMethod(let v)? = first(.authenticationMethod) { return v }
        return nil
    }

    /// The Authentication Data (0x16), if present.
    public var authenticationData: MQTTBytes? {
        if case .authenticationData(let v)? = first(.authenticationData) { return v }
        return nil
    }

    /// The Reason String (0x1F), if present.
    public var reasonString: MQTTBytes? {
        if case .reasonString(let v)? = first(.reasonString) { return v }
        return nil
    }

    /// The Receive Maximum (0x21), if present.
    public var receiveMaximum: UInt16? {
        if case .receiveMaximum(let v)? = first(.receiveMaximum) { return v }
        return nil
    }

    /// The Topic Alias Maximum (0x22), if present.
    public var topicAliasMaximum: UInt16? {
        if case .topicAliasMaximum(let v)? = first(.topicAliasMaximum) { return v }
        return nil
    }

    /// The Topic Alias (0x23), if present.
    public var topicAlias: UInt16? {
        if case .topicAlias(let v)? = first(.topicAlias) { return v }
        return nil
    }

    /// The Maximum QoS (0x24), if present.
    public var maximumQoS: UInt8? {
        if case .maximumQoS(let v)? = first(.maximumQoS) { return v }
        return nil
    }

    /// The Maximum Packet Size (0x27), if present.
    public var maximumPacketSize: UInt32? {
        if case .maximumPacketSize(let v)? = first(.maximumPacketSize) { return v }
        return nil
    }

    /// Every User Property (0x26) as name and value, in order.
    public var userProperties: [(name: MQTTBytes, value: MQTTBytes)] {
        var result: [(name: MQTTBytes, value: MQTTBytes)] = []
        for case .userProperty(let name, let value) in self { result.append((name, value)) }
        return result
    }
}
