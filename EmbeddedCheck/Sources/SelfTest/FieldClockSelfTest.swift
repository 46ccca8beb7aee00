import FieldClock
import FieldCore

/// FieldClock under Embedded Swift: encodings, the HLC rules, overflow, the lease across a
/// reboot, the reorder buffer and the de-duplication window.
func runFieldClockSelfTest(_ check: inout Checker) {
    check.begin("FieldClock")
    let stamp = HybridTimestamp(physical: 1_700_000_000_000, logical: 3, node: 300)
    check.expect(stamp.packed == 0x018B_CFE5_6800_0003, "packed form")
    check.expect(stamp.text == "001700000000000-00003-000000000000012c", "text form")
    check.expect(stamp.binary == [0x01, 0x8B, 0xCF, 0xE5, 0x68, 0x00, 0x00, 0x03, 0xAC, 0x02], "binary form")
    check.expect((try? HybridTimestamp(binary: stamp.binary)) == stamp, "binary round trip")
    check.expect((try? HybridTimestamp(text: stamp.text)) == stamp, "text round trip")
    check.expect((try? HybridTimestamp(binary: [0x01, 0x02])) == nil, "truncated binary refused")
    check.expect((try? HybridTimestamp(text: "00170000000000x-00003-000000000000012c")) == nil, "bad text refused")

    var clock = HybridClock(node: 1, source: ManualTimeSource(start: .milliseconds(1_000)))
    let first = try? clock.now()
    let second = try? clock.now()
    check.expect(first == HybridTimestamp(physical: 1_000, logical: 0, node: 1), "send rule, new ms")
    check.expect(second == HybridTimestamp(physical: 1_000, logical: 1, node: 1), "send rule, same ms")
    clock.source.instant = .milliseconds(500)
    check.expect((try? clock.now()) == HybridTimestamp(physical: 1_000, logical: 2, node: 1), "backward jump")
    let merged = try? clock.receive(HybridTimestamp(physical: 1_200, logical: 7, node: 2))
    check.expect(merged == HybridTimestamp(physical: 1_200, logical: 8, node: 1), "receive rule")

    var bounded = HybridClock(
        node: 1, source: ManualTimeSource(start: .milliseconds(10_000)),
        configuration: .init(maxForwardOffset: .milliseconds(100)))
    var refused = false
    do {
        _ = try bounded.receive(HybridTimestamp(physical: 10_101, logical: 0, node: 2))
    } catch {
        refused =
            error
            == .remoteTooFarAhead(
                remotePhysical: .milliseconds(10_101), localPhysical: .milliseconds(10_000),
                maxForwardOffset: .milliseconds(100))
    }
    check.expect(refused, "remote too far ahead refused")
    check.expect((try? bounded.receive(HybridTimestamp(physical: 1, logical: 0, node: 2))) != nil, "past accepted")

    var full = HybridClock(node: 1, source: ManualTimeSource(start: .milliseconds(5)))
    var issued = 0
    while (try? full.now()) != nil && issued < 70_000 { issued += 1 }
    check.expect(issued == 65_536, "counter overflow refused after 65536 events in one ms")

    var leased = HybridClock(
        node: 1, source: ManualTimeSource(start: .milliseconds(50_000)), store: MemoryHighWaterMark(),
        configuration: .init(leaseDuration: .seconds(1)))
    let before = try? leased.now()
    var rebooted = HybridClock(
        node: 1, source: ManualTimeSource(), store: leased.store,
        configuration: .init(leaseDuration: .seconds(1)))
    let after = try? rebooted.now()
    check.expect(before != nil && after != nil && after! > before!, "lease survives reboot with RTC reset")

    var buffer = ReorderBuffer<Int>(allowedLateness: .milliseconds(10), capacity: 4)
    var rejected = 0
    for (index, ms) in [100, 95, 120, 99, 80].enumerated() {
        switch buffer.insert(index, at: HybridTimestamp(physical: UInt64(ms), logical: 0, node: 0)) {
        case .buffered: break
        case .late, .full: rejected += 1
        }
    }
    var order: [Int] = []
    while let ready = buffer.popReady() { order.append(ready.event) }
    check.expect(order == [1, 0] && rejected == 2 && buffer.count == 1, "reorder buffer: 99 and 80 late after 120")

    var window = DedupWindow<UInt64>(capacity: 2, maxAge: .seconds(1))
    let a = window.insert(7, at: .milliseconds(0))
    let b = window.insert(7, at: .milliseconds(1))
    _ = window.insert(8, at: .milliseconds(2))
    _ = window.insert(9, at: .milliseconds(3))
    let c = window.insert(7, at: .milliseconds(4))
    check.expect(a && !b && c && window.evictedByCount == 2, "dedup window")
}
