import FieldCore
import FieldMQTT
import Testing

@Suite("Topic names, filters and the matcher")
struct TopicTests {
    @Test(
        "filter validation",
        arguments: [
            ("a/b", true), ("+", true), ("#", true), ("a/+/b", true), ("a/#", true), ("/", true), ("+/+", true),
            ("a+", false), ("a/b+", false), ("a/#/b", false), ("#/a", false), ("a#", false), ("", false),
            ("$share/g/a/+", true), ("$share//a", false), ("$share/g+/a", false), ("$share/g", false),
            ("$share/g/", false), ("$SYS/#", true),
        ])
    func filters(text: String, valid: Bool) {
        #expect(((try? TopicFilter(text)) != nil) == valid, "\(text)")
    }

    @Test("shared subscription parts")
    func shared() throws {
        let filter = try TopicFilter("$share/group/meters/+")
        #expect(filter.isShared)
        #expect(filter.shareName?.string == "group")
        #expect(filter.matchingFilter.string == "meters/+")
        #expect(filter.matches(try TopicName("meters/1")))
        #expect(!(try TopicFilter("$share/g/a", sharedSubscriptions: false)).isShared)
    }

    @Test(
        "matching rules, including $ topics",
        arguments: [
            ("sport/tennis/player1/#", "sport/tennis/player1", true),
            ("sport/tennis/player1/#", "sport/tennis/player1/ranking", true),
            ("sport/#", "sport", true), ("#", "a/b/c", true), ("+", "a", true), ("+", "a/b", false),
            ("+/+", "/finance", true), ("/+", "/finance", true), ("+", "/finance", false),
            ("sport/+", "sport/", true), ("sport/+", "sport", false), ("a/b", "a/bc", false),
            ("#", "$SYS/x", false), ("+/monitor/Clients", "$SYS/monitor/Clients", false),
            ("$SYS/#", "$SYS/monitor/Clients", true), ("$SYS/monitor/+", "$SYS/monitor/Clients", true),
        ])
    func matching(filter: String, topic: String, expected: Bool) throws {
        #expect(try TopicFilter(filter).matches(try TopicName(topic)) == expected)
        var matcher = TopicMatcher<Int>()
        matcher.insert(try TopicFilter(filter), value: 1)
        #expect(matcher.matches(try TopicName(topic)) == (expected ? [1] : []))
    }

    @Test("trie agrees with brute force on random filters and topics, through inserts and removes", arguments: 0..<5)
    func trieVersusBruteForce(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let words = ["a", "b", "c", "$x", "", "dd"]
        func level() -> String { words[Int.random(in: 0..<words.count, using: &rng)] }
        var filters: [(TopicFilter, Int)] = []
        var matcher = TopicMatcher<Int>()
        for value in 0..<400 {
            var levels = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                Int.random(in: 0...3, using: &rng) == 0 ? "+" : level()
            }
            if Bool.random(using: &rng) { levels.append("#") }
            let joined = levels.joined(separator: "/")
            let filter = try TopicFilter(joined.isEmpty ? "a" : joined)
            let inserted = matcher.insert(filter, value: value)
            #expect(inserted)
            filters.append((filter, value))
        }
        let again = matcher.insert(filters[0].0, value: filters[0].1)
        #expect(!again)
        for round in 0..<2 {
            for _ in 0..<300 {
                let raw = (0..<Int.random(in: 1...5, using: &rng)).map { _ in level() }.joined(separator: "/")
                guard !raw.isEmpty, let topic = try? TopicName(raw) else { continue }
                let expected = filters.filter { $0.0.matches(topic) }.map(\.1).sorted()
                #expect(matcher.matches(topic).sorted() == expected, "\(raw)")
            }
            if round == 0 {
                // Remove half, then check again.
                var kept: [(TopicFilter, Int)] = []
                for (index, entry) in filters.enumerated() {
                    if index % 2 == 0 {
                        let removed = matcher.remove(entry.0, value: entry.1)
                        #expect(removed)
                    } else {
                        kept.append(entry)
                    }
                }
                let removedTwice = matcher.remove(filters[0].0, value: filters[0].1)
                #expect(!removedTwice)
                filters = kept
                #expect(matcher.count == filters.count)
            }
        }
    }

    @Test("fuzz regression: a $share filter matches on its filter part only")
    func sharedFilterSelfMatch() throws {
        // From fuzz-artifacts/crash-8c5e30d3...: these bytes are both a valid topic name and a
        // valid shared filter; the harness wrongly expected the filter to match itself.
        let text = "$share/gre/g/Int////////////////////////////////[////////\n//"
        let name = try TopicName(text)
        let shared = try TopicFilter(text)
        #expect(shared.shareName?.string == "gre")
        #expect(shared.matchingFilter.string == "g/Int////////////////////////////////[////////\n//")
        #expect(!shared.matches(name))
        #expect(try TopicFilter(MQTTBytes(text), sharedSubscriptions: false).matches(name))
        var matcher = TopicMatcher<Int>()
        matcher.insert(shared, value: 1)
        #expect(matcher.matches(name).isEmpty)
        #expect(matcher.matches(try TopicName("g/Int////////////////////////////////[////////\n//")) == [1])
    }

    @Test("topic names")
    func names() throws {
        #expect(throws: FieldMQTTError.self) { try TopicName("a/+") }
        #expect(throws: FieldMQTTError.self) { try TopicName("") }
        #expect(throws: FieldMQTTError.self) { try TopicName(MQTTBytes([0x61, 0x00])) }
        #expect(try TopicName("$SYS/x").isServerSpecific)
        #expect(try TopicName("a/b/c").levelCount == 3)
    }
}
