import FieldCore
import FieldMQTT
import Testing

/// The matcher's storage paths (long levels compared through the arena, slot table growth and
/// deletion marks, node and entry reuse, arena compaction, copy on write), each checked against
/// `TopicFilter.matches`, the independent filter-by-filter rule.
@Suite("Topic matcher storage against brute force")
struct TopicMatcherTests {
    /// Levels chosen to collide where the matcher takes shortcuts: 8- and 16-byte boundaries, long
    /// levels sharing their first 16 bytes (told apart only by the arena tail), `$`, empty levels.
    static let words: [String] = [
        "a", "b", "", "$x", "dd", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop",
        "abcdefghijklmnopq", "abcdefghijklmnopr", "abcdefghijklmnopqrstuvwxyz0123456789",
        "abcdefghijklmnopqrstuvwxyz0123456788", "\u{e9}t\u{e9}",
    ]

    static func level(_ rng: inout SplitMix64) -> String {
        words[Int.random(in: 0..<words.count, using: &rng)]
    }

    static func randomFilter(_ rng: inout SplitMix64) -> String {
        var levels = (0..<Int.random(in: 1...5, using: &rng)).map { _ in
            Int.random(in: 0...4, using: &rng) == 0 ? "+" : level(&rng)
        }
        if Int.random(in: 0...3, using: &rng) == 0 { levels.append("#") }
        let joined = levels.joined(separator: "/")
        return joined.isEmpty ? "a" : joined
    }

    static func randomTopic(_ rng: inout SplitMix64) -> String {
        let joined = (0..<Int.random(in: 1...6, using: &rng)).map { _ in level(&rng) }.joined(separator: "/")
        return joined.isEmpty ? "b" : joined
    }

    /// Every value's match, through both entry points, sorted.
    static func matched(_ matcher: TopicMatcher<Int>, _ topic: TopicName) -> [Int] {
        var viaRaw: [Int] = []
        topic.bytes.withUnsafeBytes { raw in matcher.forEachMatch(topic: raw) { viaRaw.append($0) } }
        let viaName = matcher.matches(topic)
        #expect(viaRaw.sorted() == viaName.sorted())
        return viaName.sorted()
    }

    static func expected(_ entries: [(TopicFilter, Int)], _ topic: TopicName) -> [Int] {
        entries.filter { $0.0.matches(topic) }.map(\.1).sorted()
    }

    @Test("inserts, removes and re-inserts agree with brute force", arguments: 0..<4)
    func churn(seed: UInt64) throws {
        var rng = SplitMix64(seed: 0x5EED_0000 &+ seed)
        var matcher = TopicMatcher<Int>()
        var entries: [(TopicFilter, Int)] = []
        var nextValue = 0
        for round in 0..<6 {
            // Grow: enough distinct levels to force several rehashes of the slot table.
            for _ in 0..<300 {
                let filter = try TopicFilter(Self.randomFilter(&rng))
                let value = nextValue % 97  // values repeat across filters
                nextValue += 1
                let present = entries.contains { $0.0.matchingFilter == filter.matchingFilter && $0.1 == value }
                let inserted = matcher.insert(filter, value: value)
                #expect(inserted == !present)
                if !present { entries.append((filter, value)) }
            }
            #expect(matcher.count == entries.count)
            for _ in 0..<200 {
                let topic = try TopicName(Self.randomTopic(&rng))
                #expect(Self.matched(matcher, topic) == Self.expected(entries, topic), "round \(round)")
            }
            // Shrink: remove about two thirds, in random order, and some absent pairs.
            var kept: [(TopicFilter, Int)] = []
            for entry in entries.shuffled(using: &rng) {
                if Int.random(in: 0..<3, using: &rng) == 0 {
                    kept.append(entry)
                } else {
                    let removed = matcher.remove(entry.0, value: entry.1)
                    let removedAgain = matcher.remove(entry.0, value: entry.1)
                    #expect(removed && !removedAgain)
                }
            }
            entries = kept
            #expect(matcher.count == entries.count)
            let absent = matcher.remove(try TopicFilter("never/inserted/+"), value: 1)
            #expect(!absent)
            for _ in 0..<200 {
                let topic = try TopicName(Self.randomTopic(&rng))
                #expect(Self.matched(matcher, topic) == Self.expected(entries, topic), "round \(round), shrunk")
            }
        }
        // Remove everything: the matcher is empty and matches nothing.
        for entry in entries {
            let removed = matcher.remove(entry.0, value: entry.1)
            #expect(removed)
        }
        #expect(matcher.isEmpty)
        for _ in 0..<50 { #expect(matcher.matches(try TopicName(Self.randomTopic(&rng))).isEmpty) }
    }

    @Test("long levels: tails compared past the first 16 bytes, arena compacted after removals")
    func longLevels() throws {
        var matcher = TopicMatcher<Int>()
        var entries: [(TopicFilter, Int)] = []
        // 600 levels of 40 bytes that differ only in their last bytes.
        for i in 0..<600 {
            let level = "0123456789abcdef-long-level-\(1_000_000 + i)-tail"
            let filter = try TopicFilter("root/\(level)/\(i % 2 == 0 ? "+" : "leaf")")
            matcher.insert(filter, value: i)
            entries.append((filter, i))
        }
        func check(_ indices: [Int]) throws {
            for i in indices {
                let level = "0123456789abcdef-long-level-\(1_000_000 + i)-tail"
                for last in ["leaf", "x"] {
                    let topic = try TopicName("root/\(level)/\(last)")
                    #expect(Self.matched(matcher, topic) == Self.expected(entries, topic))
                }
            }
            let near = try TopicName("root/0123456789abcdef-long-level-9999999-tail/leaf")
            #expect(matcher.matches(near).isEmpty)
        }
        try check(Array(0..<600))
        // Removing 5/6 of them leaves over 4 KiB of dead tail bytes: the arena is compacted.
        var kept: [(TopicFilter, Int)] = []
        for entry in entries {
            if entry.1 % 6 == 0 {
                kept.append(entry)
            } else {
                let removed = matcher.remove(entry.0, value: entry.1)
                #expect(removed)
            }
        }
        entries = kept
        try check(Array(0..<600))
        #expect(matcher.count == 100)
    }

    @Test("copies are independent (copy on write)")
    func copyOnWrite() throws {
        var original = TopicMatcher<Int>()
        original.insert(try TopicFilter("a/+/c"), value: 1)
        original.insert(try TopicFilter("a/#"), value: 2)
        var copy = original
        copy.insert(try TopicFilter("a/b/c"), value: 3)
        let removedMulti = copy.remove(try TopicFilter("a/#"), value: 2)
        #expect(removedMulti)
        let topic = try TopicName("a/b/c")
        #expect(original.matches(topic).sorted() == [1, 2])
        #expect(copy.matches(topic).sorted() == [1, 3])
        #expect(original.count == 2 && copy.count == 2)
        let third = copy
        let removedPlus = copy.remove(try TopicFilter("a/+/c"), value: 1)
        #expect(removedPlus)
        #expect(third.matches(topic).sorted() == [1, 3])
        #expect(copy.matches(topic) == [3])
    }

    @Test("values under one filter come back in insertion order, once each")
    func insertionOrder() throws {
        var matcher = TopicMatcher<Int>()
        let filter = try TopicFilter("x/y")
        for value in [5, 3, 9, 1, 7] {
            let inserted = matcher.insert(filter, value: value)
            #expect(inserted)
        }
        let again = matcher.insert(filter, value: 9)
        #expect(!again)
        #expect(matcher.matches(try TopicName("x/y")) == [5, 3, 9, 1, 7])
        let removed = matcher.remove(filter, value: 3)
        #expect(removed)
        #expect(matcher.matches(try TopicName("x/y")) == [5, 9, 1, 7])
    }
}
