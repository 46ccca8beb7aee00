import FieldClock
import FieldCore
import Testing

/// A multi-node field simulation: skewed, drifting and jumping clocks, RTC resets on reboot,
/// message delays, devices offline for weeks that upload late, duplicated uploads. Every event is
/// then collected, de-duplicated and put in order. Checks: monotonic per node across reboots,
/// receive after send, drift bounded by the configured offset, every event ordered after
/// everything that happened before it (vector clocks), and a collector output that is totally
/// ordered with nothing lost.
@Suite("Multi-node simulation")
struct SimulationTests {
    typealias Clock = HybridClock<ManualTimeSource, MemoryHighWaterMark>

    struct Node {
        var clock: Clock
        var skew: Int64
        var offlineUntil: UInt64 = 0
        var vector: [Int]
        var events = 0
        var bootMark: UInt64 = 0
        var maxPhysicalSinceBoot: UInt64 = 0
        var last: HybridTimestamp?
    }

    struct Event {
        var node: Int
        var index: Int  // 1-based position in its node's history
        var stamp: HybridTimestamp
        var vector: [Int]
        var trueTime: UInt64
    }

    struct Message {
        var stamp: HybridTimestamp
        var vector: [Int]
        var receiver: Int
        var deliverAt: UInt64
        var attempts = 0
    }

    static let epsilon: UInt64 = 600_000  // ten minutes
    static let lease: UInt64 = 30_000

    /// The simulated field: the nodes, the messages between them and everything that happened.
    struct World {
        let nodeCount = 5
        let config = Clock.Configuration(
            maxForwardOffset: .milliseconds(SimulationTests.epsilon),
            leaseDuration: .milliseconds(SimulationTests.lease))
        var rng: SplitMix64
        var trueTime: UInt64 = 1_700_000_000_000
        var nodes: [Node] = []
        var history: [[Event]]
        var all: [Event] = []
        var inFlight: [Message] = []
        var rejected = 0, reboots = 0, jumps = 0, offline = 0, receives = 0

        init(seed: UInt64) {
            rng = SplitMix64(seed: 0xF1E1D + seed)
            history = Array(repeating: [], count: nodeCount)
            for id in 0..<nodeCount {
                nodes.append(
                    Node(
                        clock: Clock(
                            node: UInt64(id), source: ManualTimeSource(), store: MemoryHighWaterMark(),
                            configuration: config),
                        skew: Int64.random(in: -300_000...300_000, using: &rng),
                        vector: Array(repeating: 0, count: nodeCount)))
            }
        }

        func physical(_ node: Node) -> UInt64 {
            UInt64(max(0, Int64(trueTime) + node.skew))
        }

        mutating func record(_ id: Int, _ stamp: HybridTimestamp, pt: UInt64) {
            var node = nodes[id]
            #expect(stamp.physical >= pt, "l >= pt")
            if let last = node.last { #expect(stamp > last, "monotonic across jumps and reboots") }
            node.maxPhysicalSinceBoot = max(node.maxPhysicalSinceBoot, pt)
            // l - pt is bounded: l never exceeds the larger of the boot mark and the largest
            // physical time this node has read (since boot) plus the maximum forward offset.
            #expect(
                stamp.physical <= max(node.bootMark, node.maxPhysicalSinceBoot + SimulationTests.epsilon),
                "drift bounded")
            node.last = stamp
            node.events += 1
            node.vector[id] = node.events
            nodes[id] = node
            let event = Event(node: id, index: node.events, stamp: stamp, vector: node.vector, trueTime: trueTime)
            history[id].append(event)
            all.append(event)
        }

        /// Deliveries that are due, to receivers that are online.
        mutating func deliverDue() {
            var index = 0
            while index < inFlight.count {
                var message = inFlight[index]
                guard message.deliverAt <= trueTime, nodes[message.receiver].offlineUntil <= trueTime else {
                    index += 1
                    continue
                }
                let id = message.receiver
                let pt = physical(nodes[id])
                nodes[id].clock.source.instant = .milliseconds(Int64(pt))
                let result = Result { () throws(FieldClockError) in try nodes[id].clock.receive(message.stamp) }
                switch result {
                case .success(let stamp):
                    #expect(stamp > message.stamp, "receive later than send")
                    for k in 0..<nodeCount { nodes[id].vector[k] = max(nodes[id].vector[k], message.vector[k]) }
                    record(id, stamp, pt: pt)
                    receives += 1
                    inFlight.remove(at: index)
                case .failure(let error):
                    // Only ever because the sender's clock is too far ahead of this one.
                    #expect(message.stamp.physical > pt + SimulationTests.epsilon, "\(error)")
                    rejected += 1
                    message.attempts += 1
                    message.deliverAt = trueTime + 3_600_000  // retried an hour later
                    if message.attempts > 24 {
                        inFlight.remove(at: index)
                    } else {
                        inFlight[index] = message; index += 1
                    }
                }
            }
        }

        /// One random happening on a random node: a clock jump, a reboot, an outage, a time sync,
        /// or (most often) a local event that may send a message.
        mutating func randomEvent() throws {
            let id = Int.random(in: 0..<nodeCount, using: &rng)
            let roll = Int.random(in: 0..<1_000, using: &rng)
            switch roll {
            case 0..<15:  // NTP step or manual change: jump back or forward by up to 20 minutes
                nodes[id].skew += Int64.random(in: -1_200_000...1_200_000, using: &rng)
                jumps += 1
            case 15..<22:  // reboot with the RTC reset to the year 2000; the lease restores order
                nodes[id].skew = 946_684_800_000 - Int64(trueTime)
                let store = nodes[id].clock.store
                nodes[id].clock = Clock(
                    node: UInt64(id), source: ManualTimeSource(), store: store,
                    configuration: config)
                nodes[id].bootMark = UInt64(store.mark?.millisecondsSinceEpoch ?? 0)
                nodes[id].maxPhysicalSinceBoot = 0
                reboots += 1
            case 22..<26:  // offline for up to three weeks
                nodes[id].offlineUntil = trueTime + UInt64.random(in: 1...21 * 86_400_000, using: &rng)
                offline += 1
            case 26..<60:  // time sync repairs the clock
                nodes[id].skew = Int64.random(in: -300_000...300_000, using: &rng)
            default:
                try localEvent(on: id, sends: roll % 2 == 0)
            }
        }

        /// A local event on node `id`, and a message to another node when `sends`.
        mutating func localEvent(on id: Int, sends: Bool) throws {
            let pt = physical(nodes[id])
            nodes[id].clock.source.instant = .milliseconds(Int64(pt))
            let stamp = try nodes[id].clock.now()
            record(id, stamp, pt: pt)
            if sends {
                var receiver = Int.random(in: 0..<(nodeCount - 1), using: &rng)
                if receiver >= id { receiver += 1 }
                let start = max(trueTime, nodes[id].offlineUntil)  // an offline sender uploads later
                inFlight.append(
                    Message(
                        stamp: stamp, vector: nodes[id].vector, receiver: receiver,
                        deliverAt: start + UInt64.random(in: 0...30_000, using: &rng)))
            }
        }
    }

    @Test("invariants, causality and total order hold", arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func simulate(seed: UInt64) throws {
        var world = World(seed: seed)
        for _ in 0..<1_500 {
            world.trueTime += UInt64.random(in: 0...2_000, using: &world.rng)
            world.deliverDue()
            try world.randomEvent()
        }
        #expect(
            world.receives > 50 && world.reboots > 0 && world.jumps > 0 && world.offline > 0,
            "\(world.receives) \(world.reboots) \(world.jumps) \(world.offline) \(world.rejected)")

        // Causality: each event is later than the latest event of every node that happened before it.
        for event in world.all {
            for k in 0..<world.nodeCount
            where event.vector[k] > 0 && !(k == event.node && event.vector[k] == event.index) {
                let before = world.history[k][event.vector[k] - 1]
                #expect(before.stamp < event.stamp, "happened-before implies timestamp order")
            }
        }
        // Total order: no two events share a timestamp.
        #expect(Set(world.all.map(\.stamp)).count == world.all.count)

        try collect(world.all, rng: &world.rng)
    }

    /// Uploads every event to a collector late, out of order and some twice; the collector
    /// de-duplicates and reorders. Checks the output is strictly increasing and that every
    /// event is released or handed back as late exactly once.
    func collect(_ events: [Event], rng: inout SplitMix64) throws {
        struct Upload {
            var arrival: UInt64
            var event: Event
        }
        var uploads: [Upload] = []
        for event in events {
            let delay =
                Bool.random(using: &rng)
                ? UInt64.random(in: 0...5_000, using: &rng) : UInt64.random(in: 0...14 * 86_400_000, using: &rng)
            uploads.append(Upload(arrival: event.trueTime + delay, event: event))
            if Int.random(in: 0..<10, using: &rng) == 0 {  // the same reading by a second path
                uploads.append(
                    Upload(arrival: event.trueTime + UInt64.random(in: 0...60_000, using: &rng), event: event))
            }
        }
        uploads.sort { $0.arrival < $1.arrival }
        var window = DedupWindow<HybridTimestamp>(capacity: 8_192, maxAge: .milliseconds(30 * 86_400_000))
        var buffer = ReorderBuffer<Int>(allowedLateness: .milliseconds(60_000), capacity: 2_048)
        var released: [HybridTimestamp] = []
        var late: [HybridTimestamp] = []
        var duplicates = 0
        for upload in uploads {
            guard window.insert(upload.event.stamp, at: .milliseconds(Int64(upload.arrival))) else {
                duplicates += 1
                continue
            }
            switch buffer.insert(upload.event.node, at: upload.event.stamp) {
            case .buffered: break
            case .late: late.append(upload.event.stamp)
            case .full(let node):
                let earliest = buffer.popEarliest()
                released.append(try #require(earliest).timestamp)
                if case .late = buffer.insert(node, at: upload.event.stamp) { late.append(upload.event.stamp) }
            }
            while let ready = buffer.popReady() { released.append(ready.timestamp) }
        }
        while let rest = buffer.popEarliest() { released.append(rest.timestamp) }
        #expect(zip(released, released.dropFirst()).allSatisfy { $0 < $1 }, "released in strictly increasing order")
        #expect(released.count + late.count == events.count, "every event released or handed back, once")
        #expect(Set(released + late).count == events.count)
        #expect(duplicates > 0 && !late.isEmpty)
    }
}
