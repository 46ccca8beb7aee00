/// A subscription trie for servers: maps topic filters to values and finds every value whose filter
/// matches a topic name.
///
/// Each filter level is a node. Literal children are found through one open-addressing table keyed
/// by (parent, level bytes): a level of up to 16 bytes is compared inside its 64-byte slot, which
/// also mirrors the child's node record, so a successful lookup usually touches one cache line. A
/// 32-bit mask of child level hashes per node skips most lookups that would fail. `+` children and
/// the values of `/#` filters hang off their parent's 16-byte node record. Matching walks the topic
/// once per branch (finding each level's end and hashing it eight bytes at a time), branches only
/// into `+` children, and neither allocates nor retains. Filters starting with a wildcard do not match topics starting with `$`
/// [MQTT-4.7.2-1]. Shared subscriptions are matched on their filter part; the value decides which
/// member receives the message.
///
/// All storage sits behind one reference (copy on write), so copying a matcher costs one retain.
///
/// ```swift
/// var matcher = TopicMatcher<Int>()
/// matcher.insert(try TopicFilter("meters/+/energy"), value: 1)
/// matcher.insert(try TopicFilter("meters/#"), value: 2)
/// matcher.forEachMatch(try TopicName("meters/7/energy")) { print($0) }   // 1, 2 (in some order)
/// ```
public struct TopicMatcher<Value: Equatable> {
    @usableFromInline internal var storage: Storage
    @usableFromInline internal var view: View

    /// The number of (filter, value) entries.
    public var count: Int { storage.entryCount }

    /// Whether the matcher holds no entries.
    public var isEmpty: Bool { storage.entryCount == 0 }

    /// Creates an empty matcher.
    public init() {
        storage = Storage()
        view = View(storage)
    }

    // MARK: Matching

    /// Calls `body` with every value whose filter matches `topic` (once per matching filter).
    ///
    /// - Parameters:
    ///   - topic: The topic name.
    ///   - body: Called for each match.
    /// - Complexity: O(levels × wildcard branching), independent of the number of literal filters.
    @inlinable
    public func forEachMatch(_ topic: TopicName, _ body: (Value) -> Void) {
        topic.bytes.withUnsafeBytes { forEachMatch(topic: $0, body) }
    }

    /// Calls `body` with every value whose filter matches the topic name in `topic` (raw bytes of a
    /// valid topic name, for example a decoded PUBLISH's topic).
    ///
    /// - Parameters:
    ///   - topic: The topic name's bytes.
    ///   - body: Called for each match.
    /// - Complexity: O(levels × wildcard branching).
    @inlinable
    public func forEachMatch(topic: UnsafeRawBufferPointer, _ body: (Value) -> Void) {
        let dollar = !topic.isEmpty && topic[0] == 0x24
        withExtendedLifetime(storage) {
            TopicMatcher.walk(view, topic, dollar, 0, 0, body)
        }
    }

    /// The values whose filters match `topic`.
    ///
    /// - Parameter topic: The topic name.
    /// - Returns: The values, once per matching filter.
    @inlinable
    public func matches(_ topic: TopicName) -> [Value] {
        var result: [Value] = []
        forEachMatch(topic) { result.append($0) }
        return result
    }
}
