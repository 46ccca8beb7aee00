/// A validated topic name: what a PUBLISH is sent to.
///
/// Well-formed UTF-8, at least one byte, no `+` or `#`. Names starting with `$` are reserved for the
/// server (`$SYS/...`) and are not matched by filters that start with a wildcard.
///
/// ```swift
/// let name = try TopicName("meters/0042/energy")
/// print(name.levelCount)   // 3
/// ```
public struct TopicName: Equatable, Sendable {
    /// The name's bytes.
    public let bytes: MQTTBytes

    /// Validates and wraps a topic name.
    ///
    /// - Parameters:
    ///   - bytes: The name.
    ///   - strictUTF8: Whether to reject the SHOULD NOT code points.
    /// - Throws: ``FieldMQTTError`` naming the broken rule (offset 0 is the first byte of the name).
    /// - Complexity: O(n).
    public init(_ bytes: MQTTBytes, strictUTF8: Bool = false) throws(FieldMQTTError) {
        try bytes.withUnsafeBytes { raw throws(FieldMQTTError) in
            try UTF8Validation.validate(raw, strict: strictUTF8, offset: 0)
            try TopicRules.validateName(raw, offset: 0)
        }
        self.bytes = bytes
    }

    /// Validates and wraps a topic name given as a string.
    ///
    /// - Parameter string: The name.
    /// - Throws: ``FieldMQTTError`` naming the broken rule.
    public init(_ string: String) throws(FieldMQTTError) {
        try self.init(MQTTBytes(string))
    }

    /// Whether the name starts with `$` (server-specific topics).
    public var isServerSpecific: Bool { !bytes.isEmpty && bytes[0] == 0x24 }

    /// The number of levels (`/` count plus one).
    public var levelCount: Int {
        var levels = 1
        for i in 0..<bytes.count where bytes[i] == 0x2F { levels += 1 }
        return levels
    }
}
