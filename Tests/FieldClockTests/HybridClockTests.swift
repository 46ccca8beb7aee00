import FieldClock
import FieldCore
import Testing

typealias TestClock = HybridClock<ManualTimeSource, NoHighWaterMark>
typealias LeasedClock = HybridClock<ManualTimeSource, MemoryHighWaterMark>

/// Runs `body`, returning its typed error (the toolchain-safe way to test typed throws).
func failure<T>(_ body: () throws -> T) -> FieldClockError? {
    do {
        _ = try body()
        return nil
    } catch let error as FieldClockError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

@Suite("HybridClock rules")
struct HybridClockTests {
    @Test("send rule: l follows pt when pt is ahead, else the counter advances")
    func sendRule() throws {
        var clock = TestClock(node: 9, source: ManualTimeSource(start: .milliseconds(1_000)))
        #expect(try clock.now() == HybridTimestamp(physical: 1_000, logical: 0, node: 9))
        #expect(try clock.now() == HybridTimestamp(physical: 1_000, logical: 1, node: 9))
        clock.source.instant = .milliseconds(1_001)
        #expect(try clock.now() == HybridTimestamp(physical: 1_001, logical: 0, node: 9))
        #expect(clock.current == HybridTimestamp(physical: 1_001, logical: 0, node: 9))
    }

    @Test("receive rule: each case of the paper's case analysis")
    func receiveRule() throws {
        var clock = TestClock(node: 1, source: ManualTimeSource(start: .milliseconds(100)))
        _ = try clock.now()  // (100, 0)
        _ = try clock.now()  // (100, 1)
        // l = l' = l.m: counter = max(c, c.m) + 1
        #expect(try clock.receive(HybridTimestamp(physical: 100, logical: 5, node: 2)).packed == 100 << 16 | 6)
        #expect(try clock.receive(HybridTimestamp(physical: 100, logical: 2, node: 2)).packed == 100 << 16 | 7)
        // l = l' > l.m, pt: counter + 1
        #expect(try clock.receive(HybridTimestamp(physical: 50, logical: 9, node: 2)).packed == 100 << 16 | 8)
        // l = l.m > l', pt: c.m + 1
        #expect(try clock.receive(HybridTimestamp(physical: 150, logical: 3, node: 2)).packed == 150 << 16 | 4)
        // pt ahead of both: counter resets
        clock.source.instant = .milliseconds(200)
        #expect(try clock.receive(HybridTimestamp(physical: 199, logical: 65_535, node: 2)).packed == 200 << 16)
    }

    @Test("a backward jump of the local clock keeps timestamps increasing; a forward jump is followed")
    func clockJumps() throws {
        var clock = TestClock(node: 1, source: ManualTimeSource(start: .milliseconds(10_000)))
        var last = try clock.now()
        clock.source.instant = .milliseconds(4_000)  // NTP steps the clock back six seconds
        for _ in 0..<100 {
            let next = try clock.now()
            #expect(next > last && next.physical == 10_000)
            last = next
        }
        clock.source.instant = .milliseconds(10_001)  // physical time passes l again: the counter resets
        #expect(try clock.now() == HybridTimestamp(physical: 10_001, logical: 0, node: 1))
        clock.source.instant = .milliseconds(3_600_000)  // forward jump: l follows at once
        #expect(try clock.now() == HybridTimestamp(physical: 3_600_000, logical: 0, node: 1))
    }

    @Test("remote timestamps beyond the maximum forward offset are refused and change nothing")
    func maxForwardOffset() throws {
        var clock = TestClock(
            node: 1, source: ManualTimeSource(start: .milliseconds(10_000)),
            configuration: .init(maxForwardOffset: .milliseconds(500)))
        _ = try clock.now()
        let before = clock.current
        let remote = HybridTimestamp(physical: 10_501, logical: 0, node: 2)
        #expect(
            failure { try clock.receive(remote) }
                == .remoteTooFarAhead(
                    remotePhysical: .milliseconds(10_501), localPhysical: .milliseconds(10_000),
                    maxForwardOffset: .milliseconds(500)))
        #expect(clock.current == before)
        // Exactly at the limit is accepted; anything from the past always is, even years old.
        #expect(try clock.receive(HybridTimestamp(physical: 10_500, logical: 0, node: 2)).physical == 10_500)
        #expect(try clock.receive(HybridTimestamp(physical: 1, logical: 0, node: 2)).packed == 10_500 << 16 | 2)
        // No limit: anything goes (the paper's behaviour).
        var open = TestClock(node: 1, source: ManualTimeSource())
        #expect(
            try open.receive(HybridTimestamp(physical: HybridTimestamp.maxPhysical, logical: 0, node: 2)).logical == 1)
    }

    @Test("counter overflow: .fail refuses without changing state; .advancePhysical borrows a millisecond")
    func counterOverflow() throws {
        var failing = TestClock(node: 1, source: ManualTimeSource(start: .milliseconds(7)))
        var last = try failing.now()
        for _ in 0..<65_535 { last = try failing.now() }
        #expect(last == HybridTimestamp(physical: 7, logical: 65_535, node: 1))
        #expect(failure { try failing.now() } == .counterOverflow(physical: .milliseconds(7)))
        #expect(
            failure { try failing.receive(HybridTimestamp(physical: 7, logical: 3, node: 2)) }
                == .counterOverflow(physical: .milliseconds(7)))
        #expect(
            failure { try failing.receive(HybridTimestamp(physical: 6, logical: 65_535, node: 2)) }
                == .counterOverflow(physical: .milliseconds(7)))
        #expect(failing.current == last)
        failing.source.instant = .milliseconds(8)
        #expect(try failing.now() == HybridTimestamp(physical: 8, logical: 0, node: 1))
        // A remote timestamp with a full counter overflows the receiver too.
        #expect(
            failure { try failing.receive(HybridTimestamp(physical: 9, logical: 65_535, node: 2)) }
                == .counterOverflow(physical: .milliseconds(9)))

        var borrowing = TestClock(
            node: 1, source: ManualTimeSource(start: .milliseconds(7)),
            configuration: .init(counterOverflow: .advancePhysical))
        for _ in 0...65_535 { _ = try borrowing.now() }
        let borrowed = try borrowing.now()
        #expect(borrowed == HybridTimestamp(physical: 8, logical: 0, node: 1))
        #expect(try borrowing.now() == HybridTimestamp(physical: 8, logical: 1, node: 1))
        // At the end of the 48-bit range there is nothing to borrow from.
        var end = TestClock(
            node: 1, source: ManualTimeSource(), configuration: .init(counterOverflow: .advancePhysical))
        #expect(
            failure { try end.receive(HybridTimestamp(packed: .max, node: 2)) }
                == .physicalTimeOutOfRange(.milliseconds(1 << 48)))
    }

    @Test("physical time beyond 48 bits from the source is refused")
    func physicalRange() {
        var clock = TestClock(node: 1, source: ManualTimeSource(start: .milliseconds(1 << 48)))
        #expect(failure { try clock.now() } == .physicalTimeOutOfRange(.milliseconds(1 << 48)))
        #expect(clock.current.packed == 0)
    }

    @Test("high-water mark: a rebooted device never issues a timestamp at or below one issued before")
    func leaseSurvivesReboot() throws {
        var store = MemoryHighWaterMark()
        var clock = LeasedClock(
            node: 1, source: ManualTimeSource(start: .milliseconds(1_000_000)), store: store,
            configuration: .init(leaseDuration: .milliseconds(60_000)))
        var issued: [HybridTimestamp] = []
        for step in 0..<500 {
            clock.source.instant = .milliseconds(1_000_000 + Int64(step) * 1_000)
            issued.append(try clock.now())
            // The lease always covers what was issued.
            #expect(try #require(clock.store.mark).millisecondsSinceEpoch > Int64(issued.last!.physical))
        }
        // One write per lease of clock time, not one per timestamp.
        #expect(clock.store.writes == 9)
        store = clock.store
        // Reboot with the RTC reset to zero.
        var rebooted = LeasedClock(
            node: 1, source: ManualTimeSource(), store: store,
            configuration: .init(leaseDuration: .milliseconds(60_000)))
        let first = try rebooted.now()
        #expect(first > issued.max()!)
        #expect(rebooted.store.mark!.millisecondsSinceEpoch > Int64(first.physical))
        // The same without the store would go back in time: the hook is what prevents it.
        var forgetful = TestClock(node: 1, source: ManualTimeSource())
        #expect(try forgetful.now() < issued.max()!)
    }

    @Test("a failed lease write issues nothing and changes nothing")
    func leaseWriteFailure() throws {
        var clock = LeasedClock(
            node: 1, source: ManualTimeSource(start: .milliseconds(5_000)), store: MemoryHighWaterMark(),
            configuration: .init(leaseDuration: .milliseconds(1_000)))
        _ = try clock.now()
        let before = clock.current
        clock.store.failing = true
        clock.source.instant = .milliseconds(6_000)
        #expect(failure { try clock.now() } == .persistenceFailed(highWaterMark: .milliseconds(7_000)))
        #expect(
            failure { try clock.receive(HybridTimestamp(physical: 6_500, logical: 0, node: 2)) }
                == .persistenceFailed(highWaterMark: .milliseconds(7_500)))
        #expect(clock.current == before)
        clock.source.instant = .milliseconds(5_999)  // still inside the lease: no write needed
        #expect(try clock.now().physical == 5_999)
        clock.store.failing = false
        clock.source.instant = .milliseconds(6_000)
        #expect(try clock.now().physical == 6_000)
        #expect(clock.store.mark == .milliseconds(7_000))
    }

    @Test("a stored mark beyond 48 bits leaves the clock refusing to issue, not trapping or wrapping")
    func corruptMark() {
        for policy: LeasedClock.CounterOverflowPolicy in [.fail, .advancePhysical] {
            var clock = LeasedClock(
                node: 1, source: ManualTimeSource(), store: MemoryHighWaterMark(mark: .milliseconds(.max)),
                configuration: .init(counterOverflow: policy))
            #expect(clock.current.physical == HybridTimestamp.maxPhysical)
            #expect(failure { try clock.now() } != nil)
            #expect(failure { try clock.receive(HybridTimestamp(physical: 5, logical: 0, node: 2)) } != nil)
        }
    }

    @Test("the last millisecond of the 48-bit range is usable, with or without a store")
    func endOfRange() throws {
        var clock = LeasedClock(
            node: 1, source: ManualTimeSource(start: .milliseconds(Int64(HybridTimestamp.maxPhysical))),
            store: MemoryHighWaterMark())
        #expect(try clock.now().physical == HybridTimestamp.maxPhysical)
        #expect(clock.store.mark == .milliseconds(1 << 48))
        let rebooted = LeasedClock(node: 1, source: ManualTimeSource(), store: clock.store)
        var copy = rebooted
        #expect(failure { try copy.now() } != nil)
    }
}

@Suite("HybridClock under counter overflow (property)")
struct OverflowPropertyTests {
    @Test("advancePhysical: bursts past 65,536 events per ms stay ordered and drift by one ms per borrow")
    func borrowingStaysOrdered() throws {
        var rng = SplitMix64(seed: 0x0F10)
        let config = TestClock.Configuration(counterOverflow: .advancePhysical)
        var a = TestClock(node: 1, source: ManualTimeSource(start: .milliseconds(1_000)), configuration: config)
        var b = TestClock(node: 2, source: ManualTimeSource(start: .milliseconds(1_000)), configuration: config)
        var lastA = a.current, lastB = b.current
        var events = 0
        for _ in 0..<20 {
            // A burst on one millisecond, then a message across, then time moves a little.
            let burst = Int.random(in: 0...150_000, using: &rng)
            for _ in 0..<burst {
                let next = try a.now()
                if next <= lastA { Issue.record("not increasing") }
                lastA = next
            }
            events += burst
            let merged = try b.receive(lastA)
            #expect(merged > lastA && merged > lastB)
            lastB = merged
            // l never runs ahead of pt by more than the borrows could have caused.
            let borrows = Int64(events / 65_536 + 1)
            #expect(Int64(lastA.physical) <= a.source.instant.millisecondsSinceEpoch + borrows)
            a.source.advance(by: .milliseconds(Int64.random(in: 0...2, using: &rng)))
            b.source.instant = a.source.instant
        }
    }
}
