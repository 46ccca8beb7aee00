import FieldCore
import Testing

@Suite("Instant, Duration and clock sources")
struct InstantTests {
    @Test("arithmetic with Duration is exact to the millisecond")
    func arithmetic() {
        let start = Instant(millisecondsSinceEpoch: 1_700_000_000_000)
        #expect((start + .seconds(30)).millisecondsSinceEpoch == 1_700_000_030_000)
        #expect((start - .milliseconds(1)).millisecondsSinceEpoch == 1_699_999_999_999)
        #expect((start + .seconds(30)) - start == .seconds(30))
        #expect(start - (start + .milliseconds(250)) == .milliseconds(-250))
        #expect(Instant.seconds(2) == .milliseconds(2000))
        var moving = start
        moving += .milliseconds(5)
        #expect(moving > start)
        #expect(moving.description == "1700000000005ms")
    }

    @Test("sub-millisecond durations round toward zero, both signs")
    func rounding() {
        #expect(Duration.microseconds(1_999).wholeMilliseconds == 1)
        #expect(Duration.microseconds(-1_999).wholeMilliseconds == -1)
        #expect(Duration.nanoseconds(999_999).wholeMilliseconds == 0)
        #expect(Duration.seconds(-3).wholeMilliseconds == -3000)
    }

    @Test("overflow saturates instead of trapping")
    func saturation() {
        let late = Instant(millisecondsSinceEpoch: .max - 10)
        #expect((late + .seconds(1)).millisecondsSinceEpoch == .max)
        let early = Instant(millisecondsSinceEpoch: .min + 10)
        #expect((early - .seconds(1)).millisecondsSinceEpoch == .min)
        #expect(Instant.seconds(.max).millisecondsSinceEpoch == .max)
        #expect(Instant.seconds(.min).millisecondsSinceEpoch == .min)
        #expect(Duration.seconds(Int64.max).wholeMilliseconds == .max)
        #expect(late - early == .milliseconds(Int64.max))
    }

    @Test("a manual clock moves only when told, and can jump back")
    func manualClock() {
        let clock = ManualClock(start: .milliseconds(100))
        #expect(clock.now() == .milliseconds(100))
        clock.advance(by: .seconds(90))
        #expect(clock.now() == .milliseconds(90_100))
        clock.advance(by: .seconds(-100))
        #expect(clock.now() == .milliseconds(-9_900))
        #expect(reading(clock) == clock.now())
    }

    @Test("the system clocks read plausible values")
    func systemClocks() {
        // 2020-01-01 in Unix milliseconds: any correctly set host is later than that.
        #expect(SystemClock().now() > .milliseconds(1_577_836_800_000))
        let first = MonotonicClock().now()
        let second = MonotonicClock().now()
        #expect(second >= first)
    }

    private func reading(_ source: some ClockSource) -> Instant { source.now() }
}
