import FieldClock
import FieldCore
import Testing

/// The HLC paper's theorems as seeded property tests: nodes whose physical clocks are monotonic
/// and within ε of each other exchange messages with random delays. No forward-offset limit is
/// configured: the bounds must follow from the rules alone.
@Suite("HLC paper invariants (property tests)")
struct PaperInvariantTests {
    struct Message {
        var stamp: HybridTimestamp
        var deliverAt: UInt64
        var receiver: Int
    }

    @Test("l >= pt, l - pt <= ε, c bounded, receive later than send", arguments: 0..<40)
    func invariants(seed: UInt64) throws {
        var rng = SplitMix64(seed: 0x5EED_0000 + seed)
        let nodeCount = Int.random(in: 2...6, using: &rng)
        let epsilon = UInt64.random(in: 0...200, using: &rng)
        // Each node's clock runs at a fixed offset within [0, ε] of true time.
        let offsets = (0..<nodeCount).map { _ in UInt64.random(in: 0...epsilon, using: &rng) }
        var clocks = (0..<nodeCount).map { TestClock(node: UInt64($0), source: ManualTimeSource()) }
        var lastStamp = [HybridTimestamp?](repeating: nil, count: nodeCount)
        var sameL: [UInt64: Int] = [:]  // events issued so far per value of l
        var inFlight: [Message] = []
        var trueTime: UInt64 = 1_700_000_000_000
        var received = 0
        var eventTimes: [UInt64] = []

        func check(_ stamp: HybridTimestamp, node: Int, pt: UInt64) {
            #expect(stamp.physical >= pt, "l >= pt")
            #expect(stamp.physical - pt <= epsilon, "l - pt <= ε (\(stamp.physical - pt) > \(epsilon))")
            // c counts a chain of earlier events with the same l, so it cannot exceed their number.
            #expect(Int(stamp.logical) <= sameL[stamp.physical, default: 0], "c bounded by events at l")
            // Every event sharing this l happened within true time [l - 2ε, l] (pt is within ε of
            // true time and l - pt <= ε), so c is bounded by the events in that window.
            let windowStart = stamp.physical >= 2 * epsilon ? stamp.physical - 2 * epsilon : 0
            let inWindow = eventTimes.reversed().prefix { $0 >= windowStart }.count
            #expect(Int(stamp.logical) <= inWindow, "c bounded by the events within 2ε")
            eventTimes.append(trueTime)
            if let last = lastStamp[node] { #expect(stamp > last, "monotonic") }
            lastStamp[node] = stamp
            sameL[stamp.physical, default: 0] += 1
        }

        for _ in 0..<600 {
            // At most four events per node per millisecond of true time.
            if Int.random(in: 0..<4, using: &rng) == 0 { trueTime += UInt64.random(in: 1...30, using: &rng) }
            let due = inFlight.indices.filter { inFlight[$0].deliverAt <= trueTime }
            if let index = due.first, Bool.random(using: &rng) {
                let message = inFlight.remove(at: index)
                let pt = trueTime + offsets[message.receiver]
                clocks[message.receiver].source.instant = .milliseconds(Int64(pt))
                let stamp = try clocks[message.receiver].receive(message.stamp)
                #expect(stamp > message.stamp, "a receive is later than its send")
                check(stamp, node: message.receiver, pt: pt)
                received += 1
                continue
            }
            let node = Int.random(in: 0..<nodeCount, using: &rng)
            let pt = trueTime + offsets[node]
            clocks[node].source.instant = .milliseconds(Int64(pt))
            let stamp = try clocks[node].now()
            check(stamp, node: node, pt: pt)
            if Bool.random(using: &rng) {
                var receiver = Int.random(in: 0..<(nodeCount - 1), using: &rng)
                if receiver >= node { receiver += 1 }
                inFlight.append(
                    Message(
                        stamp: stamp, deliverAt: trueTime + UInt64.random(in: 0...100, using: &rng), receiver: receiver)
                )
            }
        }
        #expect(received > 50)
    }
}
