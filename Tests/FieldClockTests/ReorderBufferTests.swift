import FieldClock
import FieldCore
import Testing

@Suite("ReorderBuffer")
struct ReorderBufferTests {
    func stamp(_ ms: UInt64, _ c: UInt16 = 0, node: UInt64 = 0) -> HybridTimestamp {
        HybridTimestamp(physical: ms, logical: c, node: node)
    }

    @Test("releases in timestamp order only once the watermark passes")
    func watermark() {
        var buffer = ReorderBuffer<String>(allowedLateness: .milliseconds(100), capacity: 8)
        #expect(buffer.watermark == nil)
        let r1 = buffer.insert("b", at: stamp(1_050))
        #expect(r1.isBuffered)
        let r2 = buffer.insert("a", at: stamp(1_000))
        #expect(r2.isBuffered)
        #expect(buffer.watermark == .milliseconds(950))
        let r3 = buffer.popReady()
        #expect(r3 == nil)
        let r4 = buffer.insert("c", at: stamp(1_120))
        #expect(r4.isBuffered)  // watermark 1020: "a" is complete
        let r5 = buffer.popReady()
        #expect(r5?.event == "a")
        let r6 = buffer.popReady()
        #expect(r6 == nil)
        buffer.advance(to: .milliseconds(1_151))  // idle source: advance from the local clock
        let r7 = buffer.popReady()
        #expect(r7?.event == "b")
        let r8 = buffer.popReady()
        #expect(r8 == nil)
        #expect(buffer.count == 1 && buffer.earliest == stamp(1_120))
    }

    @Test("events behind the watermark or a released timestamp are handed back as late")
    func lateSideOutput() {
        var buffer = ReorderBuffer<Int>(allowedLateness: .milliseconds(10), capacity: 8)
        _ = buffer.insert(1, at: stamp(100))
        _ = buffer.insert(2, at: stamp(200))  // watermark 190
        guard case .late(let event) = buffer.insert(3, at: stamp(189)) else {
            Issue.record("expected late")
            return
        }
        #expect(event == 3 && buffer.lateCount == 1)
        let r9 = buffer.insert(4, at: stamp(190))
        #expect(r9.isBuffered)  // at the watermark: still in time
        let r10 = buffer.popReady()
        #expect(r10?.event == 1)
        let r11 = buffer.popReady()
        #expect(r11 == nil)
        // Force out the earliest (190): now an event at 190 with a smaller counter is late too.
        let r12 = buffer.popEarliest()
        #expect(r12?.event == 4)
        #expect(buffer.isLate(stamp(190, 0, node: 0)) && !buffer.isLate(stamp(190, 0, node: 1)))
    }

    @Test("at capacity the event is handed back, never dropped")
    func capacity() {
        var buffer = ReorderBuffer<Int>(allowedLateness: .milliseconds(1_000), capacity: 3)
        for i in 0..<3 {
            let r13 = buffer.insert(i, at: stamp(UInt64(10 + i)))
            #expect(r13.isBuffered)
        }
        guard case .full(let event) = buffer.insert(9, at: stamp(5)) else {
            Issue.record("expected full")
            return
        }
        #expect(event == 9 && buffer.fullCount == 1 && buffer.count == 3)
        let r14 = buffer.popEarliest()
        #expect(r14?.event == 0)
        let r15 = buffer.insert(9, at: stamp(11, 1))
        #expect(r15.isBuffered)
    }

    @Test("matches a sort-based model on random streams", arguments: 0..<20)
    func model(seed: UInt64) {
        var rng = SplitMix64(seed: 0xB0FF + seed)
        let lateness = UInt64.random(in: 0...50, using: &rng)
        let capacity = Int.random(in: 1...64, using: &rng)
        var buffer = ReorderBuffer<Int>(allowedLateness: .milliseconds(lateness), capacity: capacity)
        // Model: a plain array, the watermark rule and the release frontier, recomputed naively.
        var held: [(HybridTimestamp, Int)] = []
        var maxSeen: UInt64? = nil
        var lastReleased: HybridTimestamp? = nil
        var base: UInt64 = 1_000
        for id in 0..<2_000 {
            base += UInt64.random(in: 0...3, using: &rng)
            let ts = stamp(
                base + UInt64.random(in: 0...40, using: &rng) - 20, UInt16.random(in: 0...2, using: &rng),
                node: UInt64.random(in: 0...2, using: &rng))
            let watermark = maxSeen.map { $0 > lateness ? $0 - lateness : 0 }
            let modelLate = (watermark.map { ts.physical < $0 } ?? false) || (lastReleased.map { ts <= $0 } ?? false)
            switch buffer.insert(id, at: ts) {
            case .buffered:
                #expect(!modelLate && held.count < capacity)
                held.append((ts, id))
                maxSeen = max(maxSeen ?? 0, ts.physical)
            case .late(let back):
                #expect(modelLate && back == id)
            case .full(let back):
                #expect(!modelLate && held.count == capacity && back == id)
                let forced = buffer.popEarliest()
                let expected = held.indices.min { (held[$0].0, held[$0].1) < (held[$1].0, held[$1].1) }!
                #expect(forced?.event == held[expected].1)
                lastReleased = held.remove(at: expected).0
            }
            if Bool.random(using: &rng) {
                while let ready = buffer.popReady() {
                    let expected = held.indices.min { (held[$0].0, held[$0].1) < (held[$1].0, held[$1].1) }!
                    #expect(ready.event == held[expected].1 && ready.timestamp == held[expected].0)
                    let wm = maxSeen! > lateness ? maxSeen! - lateness : 0
                    #expect(ready.timestamp.physical < wm)
                    lastReleased = held.remove(at: expected).0
                }
                // Nothing left is complete.
                let wm = maxSeen.map { $0 > lateness ? $0 - lateness : 0 } ?? 0
                #expect(!held.contains { $0.0.physical < wm })
            }
        }
        #expect(buffer.count == held.count)
    }
}

extension ReorderBuffer.Admission {
    var isBuffered: Bool {
        if case .buffered = self { return true }
        return false
    }
}
