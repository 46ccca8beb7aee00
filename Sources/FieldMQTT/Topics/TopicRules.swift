/// The topic name and topic filter rules (MQTT 5.0 section 4.7, shared subscriptions 4.8.2).
///
/// These work on raw UTF-8 bytes and are what the decoder applies; ``TopicName`` and
/// ``TopicFilter`` wrap them in validated types.
///
/// ```swift
/// try TopicRules.validateFilter(bytes, sharedSubscriptions: true, offset: 0)
/// ```
public enum TopicRules {
    /// Checks a topic name: at least one byte [MQTT-4.7.3-1] unless `allowEmpty`, and no `+` or `#`
    /// [MQTT-3.3.2-2]. UTF-8 validity is checked separately.
    ///
    /// - Parameters:
    ///   - bytes: The topic name's bytes.
    ///   - allowEmpty: Whether an empty name is acceptable (a 5.0 PUBLISH using a topic alias).
    ///   - offset: The offset of `bytes` in the packet, for errors.
    /// - Throws: ``FieldMQTTError`` with `emptyTopicName` or `wildcardInTopicName`.
    /// - Complexity: O(n).
    public static func validateName(
        _ bytes: UnsafeRawBufferPointer, allowEmpty: Bool = false, offset: Int
    )
        throws(FieldMQTTError)
    {
        if bytes.isEmpty && !allowEmpty {
            throw FieldMQTTError(.emptyTopicName, rule: "MQTT-4.7.3-1", at: offset, reasonCode: .topicNameInvalid)
        }
        var i = 0
        // Eight bytes at a time: '+' (0x2B) and '#' (0x23) differ only in bit 3, so OR-ing 0x08 in
        // and comparing with 0x2B finds both; a word that may hold one is rechecked byte by byte.
        while i + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let v = (word | 0x0808_0808_0808_0808) ^ 0x2B2B_2B2B_2B2B_2B2B
            if (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x2B || b == 0x23 {
                throw FieldMQTTError(
                    .wildcardInTopicName, rule: "MQTT-3.3.2-2", at: offset + i,
                    reasonCode: .topicNameInvalid)
            }
            i += 1
        }
    }

    /// Checks a topic filter: non-empty [MQTT-4.7.3-1]; `+` alone in its level [MQTT-4.7.1-2];
    /// `#` alone in the last level [MQTT-4.7.1-1]; and with `sharedSubscriptions`, a
    /// `$share/ShareName/filter` must have a non-empty share name without wildcards or `/`
    /// [MQTT-4.8.2-1, MQTT-4.8.2-2] followed by a valid non-empty filter.
    ///
    /// - Parameters:
    ///   - bytes: The filter's bytes.
    ///   - sharedSubscriptions: Whether `$share/` filters follow the 5.0 shared subscription rules.
    ///   - offset: The offset of `bytes` in the packet, for errors.
    /// - Returns: Whether the filter is a shared subscription.
    /// - Throws: ``FieldMQTTError`` with `invalidTopicFilter` or `invalidSharedSubscription`.
    /// - Complexity: O(n).
    @discardableResult
    public static func validateFilter(
        _ bytes: UnsafeRawBufferPointer, sharedSubscriptions: Bool = true, offset: Int
    )
        throws(FieldMQTTError) -> Bool
    {
        var start = 0
        var shared = false
        if sharedSubscriptions, let prefixEnd = sharePrefixLength(bytes) {
            shared = true
            // ShareName runs to the next '/'.
            var i = prefixEnd
            while i < bytes.count && bytes[i] != 0x2F {
                if bytes[i] == 0x2B || bytes[i] == 0x23 {
                    throw FieldMQTTError(
                        .invalidSharedSubscription, rule: "MQTT-4.8.2-2", at: offset + i,
                        reasonCode: .topicFilterInvalid)
                }
                i += 1
            }
            if i == prefixEnd {
                throw FieldMQTTError(
                    .invalidSharedSubscription, rule: "MQTT-4.8.2-1", at: offset + i,
                    reasonCode: .topicFilterInvalid)
            }
            if i >= bytes.count - 1 {
                throw FieldMQTTError(
                    .invalidSharedSubscription, rule: "§4.8.2", at: offset + bytes.count,
                    reasonCode: .topicFilterInvalid)
            }
            start = i + 1
        }
        if start >= bytes.count {
            throw FieldMQTTError(.invalidTopicFilter, rule: "MQTT-4.7.3-1", at: offset, reasonCode: .topicFilterInvalid)
        }
        var levelStart = start
        var i = start
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == 0x2F {
                let length = i - levelStart
                for j in levelStart..<i {
                    let b = bytes[j]
                    if b == 0x2B && length != 1 {
                        throw FieldMQTTError(
                            .invalidTopicFilter, rule: "MQTT-4.7.1-2", at: offset + j,
                            reasonCode: .topicFilterInvalid)
                    }
                    if b == 0x23 && (length != 1 || i != bytes.count) {
                        throw FieldMQTTError(
                            .invalidTopicFilter, rule: "MQTT-4.7.1-1", at: offset + j,
                            reasonCode: .topicFilterInvalid)
                    }
                }
                levelStart = i + 1
            }
            i += 1
        }
        return shared
    }

    /// The length of a leading `$share/`, or `nil` when the filter does not start with it.
    internal static func sharePrefixLength(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let prefix: [UInt8] = [0x24, 0x73, 0x68, 0x61, 0x72, 0x65, 0x2F]  // "$share/"
        guard bytes.count >= prefix.count else { return nil }
        for i in 0..<prefix.count where bytes[i] != prefix[i] { return nil }
        return prefix.count
    }
}
