import Benchmark
import FieldClock
import FieldCore

/// FieldClock: HybridClock.now() and receive() with a time source that costs nothing (so the
/// figure excludes the clock read), the reorder buffer with 10,000 events in flight, and the
/// de-duplication window; each beside a textbook Swift implementation measured in the same run.
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        scalingFactor: .mega,
        maxDuration: .seconds(2),
        maxIterations: 50
    )

    Benchmark("HybridClock.now() (ns/op, clock read excluded)", configuration: configuration) { benchmark in
        var clock = HybridClock(
            node: 1, source: TickingSource(), configuration: .init(counterOverflow: .advancePhysical))
        for _ in benchmark.scaledIterations {
            blackHole(try clock.now())
        }
    }

    Benchmark("reference: textbook HLC now() (ns/op)", configuration: configuration) { benchmark in
        var clock = TextbookHLC(source: TickingSource())
        for _ in benchmark.scaledIterations {
            blackHole(clock.now())
        }
    }

    let remotes = makeRemotes()
    Benchmark("HybridClock.receive() (ns/op, clock read excluded)", configuration: configuration) { benchmark in
        var clock = HybridClock(
            node: 1, source: TickingSource(),
            configuration: .init(maxForwardOffset: .seconds(60), counterOverflow: .advancePhysical))
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(try clock.receive(remotes[index]))
            index = (index + 1) & (remotes.count - 1)
        }
    }

    Benchmark("reference: textbook HLC receive() (ns/op)", configuration: configuration) { benchmark in
        var clock = TextbookHLC(source: TickingSource())
        var index = 0
        for _ in benchmark.scaledIterations {
            blackHole(clock.receive(remotes[index]))
            index = (index + 1) & (remotes.count - 1)
        }
    }

    let arrivals = makeArrivals(count: 1 << 20)
    Benchmark("ReorderBuffer insert+release, 10,000 in flight (events/s)", configuration: configuration) { benchmark in
        var buffer = ReorderBuffer<UInt64>(allowedLateness: .seconds(10), capacity: 16_384)
        for stamp in arrivals.prefix(10_000) { _ = buffer.insert(stamp.packed, at: stamp) }
        benchmark.startMeasurement()
        let released = runReorder(&buffer, arrivals: arrivals, from: 10_000, count: benchmark.scaledIterations.count)
        benchmark.stopMeasurement()
        blackHole(released)
        blackHole(buffer.count)
    }

    Benchmark("reference: sorted Array + binary search, 10,000 in flight (events/s)", configuration: configuration) {
        benchmark in
        var buffer = SortedArrayReorder()
        for stamp in arrivals.prefix(10_000) { buffer.insert(stamp) }
        var index = 10_000
        var released: UInt64 = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let stamp = arrivals[index & (arrivals.count - 1)]
            index &+= 1
            buffer.insert(stamp)
            if let ready = buffer.popReady(lateness: 10_000) { released &+= ready.packed }
        }
        benchmark.stopMeasurement()
        blackHole(released)
    }

    let keys = makeKeys(count: 1 << 20)
    Benchmark("DedupWindow.insert, 65,536 keys, 10% repeats (checks/s)", configuration: configuration) { benchmark in
        var window = DedupWindow<UInt64>(capacity: 65_536, maxAge: .seconds(3_600))
        var index = 0
        var fresh = 0
        for _ in benchmark.scaledIterations {
            if window.insert(keys[index & (keys.count - 1)], at: .milliseconds(Int64(index >> 4))) { fresh &+= 1 }
            index &+= 1
        }
        blackHole(fresh)
    }

    Benchmark("reference: Set<UInt64> + ring of keys (checks/s)", configuration: configuration) { benchmark in
        var window = SetDedup(capacity: 65_536)
        var index = 0
        var fresh = 0
        for _ in benchmark.scaledIterations {
            if window.insert(keys[index & (keys.count - 1)]) { fresh &+= 1 }
            index &+= 1
        }
        blackHole(fresh)
    }
}

/// Offers `count` events from `arrivals` (cycling) and releases what is ready after each.
@inline(never)
func runReorder(
    _ buffer: inout ReorderBuffer<UInt64>, arrivals: [HybridTimestamp], from start: Int, count: Int
)
    -> UInt64
{
    var released: UInt64 = 0
    var index = start
    let mask = arrivals.count - 1
    for _ in 0..<count {
        let stamp = arrivals[index & mask]
        index &+= 1
        if case .buffered = buffer.insert(stamp.packed, at: stamp) {} else { released &+= 1 }
        if let ready = buffer.popReady() { released &+= ready.event }
    }
    return released
}

/// A time source whose read is a counter increment: the millisecond advances every 16 reads, so
/// both the "physical time advanced" and "counter advances" paths of the rules are exercised.
/// A class, since a `ClockSource` reads without mutating.
final class TickingSource: ClockSource {
    var ticks: UInt64 = 1_700_000_000_000 << 4

    @inline(__always)
    func milliseconds() -> UInt64 {
        ticks &+= 1
        return ticks >> 4
    }

    @inline(__always)
    func now() -> Instant { .milliseconds(Int64(milliseconds())) }
}

/// The HLC as usually written from the paper: (l, c) as two fields and the case analysis as
/// branches, no offset limit, no overflow policy, no lease.
struct TextbookHLC {
    var source: TickingSource
    var l: UInt64 = 0
    var c: UInt64 = 0

    mutating func now() -> (UInt64, UInt64) {
        let pt = source.milliseconds()
        let old = l
        l = max(old, pt)
        c = l == old ? c + 1 : 0
        return (l, c)
    }

    mutating func receive(_ remote: HybridTimestamp) -> (UInt64, UInt64) {
        let pt = source.milliseconds()
        let old = l
        let lm = remote.physical
        let cm = UInt64(remote.logical)
        l = max(old, lm, pt)
        if l == old && l == lm {
            c = max(c, cm) + 1
        } else if l == old {
            c += 1
        } else if l == lm {
            c = cm + 1
        } else {
            c = 0
        }
        return (l, c)
    }
}

/// The usual stdlib-only reorder buffer: an array kept sorted by binary-search insertion.
struct SortedArrayReorder {
    var items: [HybridTimestamp] = []
    var maxSeen: UInt64 = 0
    var head = 0

    mutating func insert(_ stamp: HybridTimestamp) {
        maxSeen = max(maxSeen, stamp.physical)
        var low = head
        var high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid] < stamp { low = mid + 1 } else { high = mid }
        }
        items.insert(stamp, at: low)
    }

    mutating func popReady(lateness: UInt64) -> HybridTimestamp? {
        guard head < items.count, items[head].physical + lateness < maxSeen else { return nil }
        head += 1
        if head > 4_096 {
            items.removeFirst(head)
            head = 0
        }
        return items[head == 0 ? 0 : head - 1]
    }
}

/// The usual stdlib-only dedup window: a Set for membership and a ring of keys for eviction.
struct SetDedup {
    var set: Set<UInt64>
    var ring: [UInt64]
    var next = 0
    var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        set = Set(minimumCapacity: capacity)
        ring = []
        ring.reserveCapacity(capacity)
    }

    mutating func insert(_ key: UInt64) -> Bool {
        guard set.insert(key).inserted else { return false }
        if ring.count < capacity {
            ring.append(key)
        } else {
            set.remove(ring[next])
            ring[next] = key
            next = next + 1 == capacity ? 0 : next + 1
        }
        return true
    }
}

/// Remote timestamps around the receiver's time: some ahead, most behind, some equal.
func makeRemotes() -> [HybridTimestamp] {
    var rng = SplitMix64(seed: 11)
    return (0..<4_096).map { index in
        let base: UInt64 = 1_700_000_000_000 + UInt64(index) * 16 / 16
        let jitter = UInt64.random(in: 0...40, using: &rng)
        return HybridTimestamp(physical: base + jitter - 20, logical: UInt16.random(in: 0...3, using: &rng), node: 2)
    }
}

/// Event timestamps advancing 1 ms per event with up to ±4,000 ms of disorder: with 10 s of
/// allowed lateness about 10,000 events are in flight.
func makeArrivals(count: Int) -> [HybridTimestamp] {
    var rng = SplitMix64(seed: 12)
    return (0..<count).map { index in
        let physical = 1_700_000_000_000 + UInt64(index) + UInt64.random(in: 0...8_000, using: &rng) - 4_000
        return HybridTimestamp(physical: physical, logical: 0, node: UInt64.random(in: 0...1_000, using: &rng))
    }
}

/// Idempotency keys, about one in ten a repeat of a recent key.
func makeKeys(count: Int) -> [UInt64] {
    var rng = SplitMix64(seed: 13)
    var keys: [UInt64] = []
    keys.reserveCapacity(count)
    for index in 0..<count {
        if index > 1_000 && Int.random(in: 0..<10, using: &rng) == 0 {
            keys.append(keys[index - Int.random(in: 1...1_000, using: &rng)])
        } else {
            keys.append(rng.next())
        }
    }
    return keys
}
