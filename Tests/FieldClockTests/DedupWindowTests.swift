import FieldClock
import FieldCore
import Testing

@Suite("DedupWindow")
struct DedupWindowTests {
    @Test("first sight is new, a repeat is a duplicate")
    func basics() {
        var window = DedupWindow<String>(capacity: 4, maxAge: .milliseconds(1_000))
        let r1 = window.insert("a", at: .milliseconds(0))
        #expect(r1)
        let r2 = window.insert("a", at: .milliseconds(10))
        #expect(!r2)
        let r3 = window.insert("b", at: .milliseconds(10))
        #expect(r3)
        #expect(window.contains("a") && window.contains("b") && !window.contains("c"))
        #expect(window.count == 2)
    }

    @Test("age bound: a key is forgotten after maxAge, measured from its first sighting")
    func ageBound() {
        var window = DedupWindow<Int>(capacity: 100, maxAge: .milliseconds(1_000))
        let r4 = window.insert(1, at: .milliseconds(5_000))
        #expect(r4)
        let r5 = window.insert(1, at: .milliseconds(6_000))
        #expect(!r5)  // exactly maxAge old: still remembered
        let r6 = window.insert(1, at: .milliseconds(6_001))
        #expect(r6)  // older than maxAge: new again
        #expect(window.evictedByAge == 1 && window.evictedByCount == 0)
        // Time going backward does not resurrect or expire anything early.
        let r7 = window.insert(1, at: .milliseconds(10))
        #expect(!r7)
    }

    @Test("count bound: the oldest key is forgotten and counted")
    func countBound() {
        var window = DedupWindow<Int>(capacity: 3, maxAge: .milliseconds(Int64.max))
        for key in 0..<3 {
            let r8 = window.insert(key, at: .epoch)
            #expect(r8)
        }
        let r9 = window.insert(3, at: .epoch)
        #expect(r9)
        #expect(window.evictedByCount == 1 && window.count == 3)
        #expect(!window.contains(0) && window.contains(1) && window.contains(3))
    }

    /// A key type whose hashes collide heavily, to exercise probing and backward-shift deletion.
    struct Colliding: Hashable {
        var value: Int
        func hash(into hasher: inout Hasher) { hasher.combine(value % 7) }
    }

    @Test("matches a naive model, with random and colliding keys", arguments: 0..<12)
    func model(seed: UInt64) {
        var rng = SplitMix64(seed: 0xDED0 + seed)
        let capacity = Int.random(in: 1...200, using: &rng)
        let maxAge = UInt64.random(in: 0...500, using: &rng)
        var window = DedupWindow<Colliding>(capacity: capacity, maxAge: .milliseconds(maxAge))
        var model: [(key: Int, time: UInt64)] = []  // insertion order
        var now: UInt64 = 0
        var mismatches = 0
        for _ in 0..<6_000 {
            now += UInt64.random(in: 0...3, using: &rng)
            let key = Int.random(in: 0..<(capacity * 2 + 5), using: &rng)
            model.removeAll { now - $0.time > maxAge }
            let modelNew = !model.contains { $0.key == key }
            if modelNew {
                if model.count == capacity { model.removeFirst() }
                model.append((key, now))
            }
            let r10 = window.insert(Colliding(value: key), at: .milliseconds(Int64(now)))
            if r10 != modelNew || window.count != model.count { mismatches += 1 }
            if Int.random(in: 0..<50, using: &rng) == 0 {
                for probe in 0..<(capacity * 2 + 5) {
                    if window.contains(Colliding(value: probe)) != model.contains(where: { $0.key == probe }) {
                        mismatches += 1
                    }
                }
            }
        }
        #expect(mismatches == 0)
    }
}
