import FieldCore
import FieldFilters
import Testing

@Suite("Alert stabilisation and report-by-exception")
struct StabilizationTests {
    @Test("fuel level: one threshold flaps, hysteresis raises once and clears after the refill")
    func hysteresis() throws {
        // A level sloshing ±3 % around 10 %, then a refill to 60 %.
        let levels: [Double] = [20, 15, 12, 9, 11, 8, 12, 10, 13, 9, 11, 14, 16, 40, 60]
        var single = 0
        var wasLow = false
        for level in levels {
            let low = level <= 10
            if low && !wasLow { single += 1 }
            wasLow = low
        }
        #expect(single == 4)  // 9, 8 (after 11), 10 (after 12), 9 (after 13): four separate alerts.
        var alarm = try HysteresisAlarm<Double>(activateAt: 10, deactivateAt: 15)
        var events: [(Int, AlarmTransition)] = []
        for (i, level) in levels.enumerated() {
            if let event = alarm.update(level) { events.append((i, event)) }
        }
        #expect(events.map(\.0) == [3, 12])
        #expect(events.map(\.1) == [.activated, .deactivated])
        #expect(!alarm.isActive)
        do {
            let result = alarm.update(.nan)
            #expect(result == nil)
        }
        // A high alarm (temperature above 80, clear below 75).
        var hot = try HysteresisAlarm<Float>(activateAt: 80, deactivateAt: 75)
        do {
            let result = hot.update(79)
            #expect(result == nil)
        }
        do {
            let result = hot.update(80)
            #expect(result == .activated)
        }
        do {
            let result = hot.update(76)
            #expect(result == nil)
        }
        do {
            let result = hot.update(75)
            #expect(result == .deactivated)
        }
        #expect(throws: FieldFiltersError.self) { try HysteresisAlarm<Double>(activateAt: 1, deactivateAt: 1) }
    }

    @Test("debounce: a state must hold for the minimum time; a clock going backwards restarts the wait")
    func debounce() {
        var door = Debouncer<Bool, Double>(initial: false, minimumDuration: 2)
        do {
            let result = door.update(true, at: 0)
            #expect(result == nil)
        }
        #expect(door.update(false, at: 0.5) == nil)  // chatter: back to the stable state
        do {
            let result = door.update(true, at: 1)
            #expect(result == nil)
        }
        do {
            let result = door.update(true, at: 2.9)
            #expect(result == nil)
        }
        #expect(door.update(true, at: 3) == true)  // held 2 s since t = 1
        #expect(door.state == true)
        do {
            let result = door.update(false, at: 10)
            #expect(result == nil)
        }
        #expect(door.update(false, at: 5) == nil)  // clock stepped back: restart at t = 5
        do {
            let result = door.update(false, at: 6.5)
            #expect(result == nil)
        }
        do {
            let result = door.update(false, at: 7)
            #expect(result == false)
        }
    }

    @Test("dead-band: report on change beyond the band, heartbeat after the maximum interval")
    func deadband() throws {
        var reporter = try DeadbandReporter<Double>(deadband: 0.5, maximumInterval: 60, minimumInterval: 5)
        // (value, time, expected decision, why)
        let script: [(Double, Double, Bool, String)] = [
            (20.0, 0, true, "first sample"),
            (20.4, 10, false, "inside the band"),
            (20.5, 12, false, "exactly the band is not more than it"),
            (21.0, 3, false, "moved 1.0 but only 3 s after the last report (< 5 s minimum)"),
            (21.0, 15, true, "moved 1.0 after 15 s"),
            (21.2, 70, false, "55 s since the last report, inside the band"),
            (21.2, 75, true, "heartbeat after 60 s"),
            (21.2, 74, true, "time went backwards: resynchronise"),
        ]
        for (value, time, expected, why) in script {
            let decision = reporter.shouldReport(value, at: time)
            #expect(decision == expected, "\(why)")
        }
        do {
            let result = reporter.shouldReport(.nan, at: 500)
            #expect(!result)
        }
        #expect(throws: FieldFiltersError.self) { try DeadbandReporter<Double>(deadband: -1) }
    }

    @Test("rate limiter: rise and fall limits per second")
    func rateLimit() throws {
        var limiter = try RateLimiter<Double>(maximumRise: 2, maximumFall: 0.5)
        do {
            let result = limiter.update(10, dt: 1)
            #expect(result == 10)
        }
        do {
            let result = limiter.update(20, dt: 1)
            #expect(result == 12)
        }
        do {
            let result = limiter.update(20, dt: 3)
            #expect(result == 18)
        }
        do {
            let result = limiter.update(0, dt: 2)
            #expect(result == 17)
        }
        do {
            let result = limiter.update(17.2, dt: 1)
            #expect(result == 17.2)
        }
        do {
            let result = limiter.update(.nan, dt: 1)
            #expect(result == 17.2)
        }
        do {
            let result = limiter.update(100, dt: -5)
            #expect(result == 17.2)
        }
        #expect(throws: FieldFiltersError.self) { try RateLimiter<Double>(maximumRise: 0) }
    }
}

@Suite("Smoothing behaviour")
struct SmoothingBehaviourTests {
    @Test("property: the O(1) moving average equals a fresh sum of the last W samples over 100,000 samples")
    func movingAverageDrift() {
        var rng = SplitMix64(seed: 99)
        var average = MovingAverage<16, Double>()
        var recent: [Double] = []
        for i in 0..<100_000 {
            let x = Double.random(in: -1e6...1e6, using: &rng) + (i.isMultiple(of: 1000) ? 1e12 : 0)
            let ours = average.update(x)
            recent.append(x)
            if recent.count > 16 { recent.removeFirst() }
            let exact = recent.reduce(0, +) / Double(recent.count)
            if i % 97 == 0 { #expect(abs(ours - exact) <= 1e-3 * max(1, abs(exact) * 1e-9), "sample \(i)") }
        }
    }

    @Test("property: the moving median equals sorting the last W samples")
    func movingMedianProperty() {
        var rng = SplitMix64(seed: 5)
        var median = MovingMedian<7, Double>()
        var recent: [Double] = []
        for _ in 0..<5_000 {
            let x = Double(Int.random(in: -20...20, using: &rng))  // many ties
            let ours = median.update(x)
            recent.append(x)
            if recent.count > 7 { recent.removeFirst() }
            let sorted = recent.sorted()
            let m = sorted.count
            let exact = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2
            #expect(ours == exact)
        }
        do {
            let result = median.update(.nan)
            #expect(result == median.value)
        }
    }

    @Test("EMA with a time constant: dt = tau forgets 1 - 1/e")
    func emaTimeConstant() throws {
        var ema = try ExponentialMovingAverage<Double>(timeConstant: 10)
        do {
            let result = ema.update(0)
            #expect(result == 0)
        }
        #expect(abs(ema.update(1, dt: 10) - (1 - 0.36787944117144233)) < 1e-15)
        #expect(throws: FieldFiltersError.self) { try ExponentialMovingAverage<Double>(alpha: 0) }
    }

    @Test("batch filters refuse bad input with a typed error naming the problem")
    func badInput() {
        #expect(throws: FieldFiltersError.nonFiniteInput(index: 2)) {
            try HampelFilter(halfWindow: 2, sigmas: 3).apply([1.0, 2, .nan, 4])
        }
        #expect(throws: FieldFiltersError.notEnoughSamples(needed: 5, available: 3)) {
            try SavitzkyGolayFilter<Double>(window: 5, order: 2).apply([1, 2, 3])
        }
        #expect(throws: FieldFiltersError.self) { try SavitzkyGolayFilter<Double>(window: 4, order: 2) }
        #expect(throws: FieldFiltersError.self) { try SavitzkyGolayFilter<Double>(window: 5, order: 5) }
        #expect(throws: FieldFiltersError.self) { try OneEuroFilter<Double>(frequency: 0) }
        #expect(throws: FieldFiltersError.self) { try AlphaBetaFilter<Double>(alpha: 0.5, beta: 3.5, position: 0) }
    }

    @Test("Savitzky-Golay with derivative above the order gives zeros")
    func savgolHighDerivative() throws {
        let y = try SavitzkyGolayFilter<Double>(window: 5, order: 1, derivative: 2).apply([1, 4, 9, 16, 25, 36])
        #expect(y == [0, 0, 0, 0, 0, 0])
    }
}
