/// A validated topic filter: what a subscription asks for, possibly with wildcards, possibly shared.
///
/// `+` matches one level, `#` (last) matches any number of levels including none; a
/// `$share/ShareName/filter` filter is a shared subscription whose matching part is `filter`.
///
/// ```swift
/// let filter = try TopicFilter("$share/meters/meters/+/energy")
/// print(filter.shareName?.string ?? "-")          // meters
/// print(filter.matches(try TopicName("meters/1/energy")))   // true
/// ```
public struct TopicFilter: Equatable, Sendable {
    /// The whole filter as subscribed, `$share/` prefix included.
    public let bytes: MQTTBytes
    /// The share name of a shared subscription, or `nil`.
    public let shareName: MQTTBytes?
    /// The part that is matched against topic names (the filter after `$share/ShareName/`).
    public let matchingFilter: MQTTBytes

    /// Validates and wraps a topic filter.
    ///
    /// - Parameters:
    ///   - bytes: The filter.
    ///   - sharedSubscriptions: Whether `$share/` filters are shared subscriptions (MQTT 5.0).
    ///   - strictUTF8: Whether to reject the SHOULD NOT code points.
    /// - Throws: ``FieldMQTTError`` naming the broken rule.
    /// - Complexity: O(n).
    public init(_ bytes: MQTTBytes, sharedSubscriptions: Bool = true, strictUTF8: Bool = false) throws(FieldMQTTError) {
        let shared = try bytes.withUnsafeBytes { raw throws(FieldMQTTError) -> Bool in
            try UTF8Validation.validate(raw, strict: strictUTF8, offset: 0)
            return try TopicRules.validateFilter(raw, sharedSubscriptions: sharedSubscriptions, offset: 0)
        }
        self.bytes = bytes
        if shared {
            let all = bytes.array
            var end = 7
            while all[end] != 0x2F { end += 1 }
            shareName = MQTTBytes(Array(all[7..<end]))
            matchingFilter = MQTTBytes(Array(all[(end + 1)...]))
        } else {
            shareName = nil
            matchingFilter = bytes
        }
    }

    /// Validates and wraps a topic filter given as a string.
    ///
    /// - Parameter string: The filter.
    /// - Throws: ``FieldMQTTError`` naming the broken rule.
    public init(_ string: String) throws(FieldMQTTError) {
        try self.init(MQTTBytes(string))
    }

    /// Whether this is a shared subscription.
    public var isShared: Bool { shareName != nil }

    /// Whether the filter contains `+` or `#`.
    public var hasWildcards: Bool {
        for i in 0..<matchingFilter.count where matchingFilter[i] == 0x2B || matchingFilter[i] == 0x23 { return true }
        return false
    }

    /// Whether `name` matches this filter (MQTT 5.0 section 4.7), including the rule that a filter
    /// starting with a wildcard does not match a name starting with `$` [MQTT-4.7.2-1].
    ///
    /// - Parameter name: A topic name.
    /// - Returns: Whether it matches.
    /// - Complexity: O(length of the name and the filter).
    public func matches(_ name: TopicName) -> Bool {
        matchingFilter.withUnsafeBytes { filter in
            name.bytes.withUnsafeBytes { topic in TopicFilter.matches(filter: filter, topic: topic) }
        }
    }

    /// Matches raw bytes of a valid filter against raw bytes of a valid topic name.
    ///
    /// - Parameters:
    ///   - filter: A valid topic filter (without `$share/` prefix).
    ///   - topic: A valid topic name.
    /// - Returns: Whether the name matches.
    /// - Complexity: O(length of the name and the filter).
    public static func matches(filter: UnsafeRawBufferPointer, topic: UnsafeRawBufferPointer) -> Bool {
        if !topic.isEmpty && topic[0] == 0x24 && !filter.isEmpty && (filter[0] == 0x2B || filter[0] == 0x23) {
            return false
        }
        var f = 0
        var t = 0
        while f < filter.count {
            let c = filter[f]
            if c == 0x23 { return true }  // '#' matches the rest, including the parent level.
            if c == 0x2B {
                while t < topic.count && topic[t] != 0x2F { t += 1 }
                f += 1
            } else {
                // Compare one level.
                while f < filter.count && filter[f] != 0x2F {
                    guard t < topic.count, topic[t] == filter[f] else { return false }
                    f += 1
                    t += 1
                }
                if t < topic.count && topic[t] != 0x2F { return false }
            }
            // Both at a level end.
            if f == filter.count { return t == topic.count }
            // filter[f] == '/'
            f += 1
            if t == topic.count {
                // "a/#" matches "a": the only thing allowed after the topic ends is "#".
                return f < filter.count && filter[f] == 0x23 && f + 1 == filter.count
            }
            t += 1  // skip the topic's '/'
        }
        return t == topic.count
    }
}
