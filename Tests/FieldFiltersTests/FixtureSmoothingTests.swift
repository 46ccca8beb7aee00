import FieldFilters
import Foundation
import Testing

@Suite("Smoothing and outliers against the project's fixtures (scipy, numpy, filterpy, OneEuroFilter)")
struct FixtureSmoothingTests {
    @Test("Savitzky-Golay: windows 1...41, orders 0...10, derivatives 0...3, scipy mode='interp'")
    func savitzkyGolay() throws {
        let json = try ReferenceData.fixture("smoothing.json")
        let x = json.doubles("x")
        let cases = json.dicts("savgol")
        #expect(cases.count >= 10)
        for c in cases {
            let filter = try SavitzkyGolayFilter<Double>(
                window: Int(c.double("window")), order: Int(c.double("order")), derivative: Int(c.double("deriv")),
                delta: c.double("delta"))
            let y = try filter.apply(x)
            let label = "window \(c.double("window")) order \(c.double("order")) deriv \(c.double("deriv"))"
            // Against the 60-digit least-squares result: always.
            let exactWorst = worstDifference(y, c.doubles("y_exact"))
            #expect(exactWorst <= 1e-9, "\(label) vs mpmath: \(exactWorst)")
            // Against scipy: wherever scipy itself is within 1e-10 of the exact result (its
            // 'interp' edges lose ~1e-7 at orders >= 8, recorded as scipy_error).
            if c.double("scipy_error") <= 1e-10 {
                let scipyWorst = worstDifference(y, c.doubles("y"))
                #expect(scipyWorst <= 1e-9, "\(label) vs scipy: \(scipyWorst)")
            }
        }
    }

    @Test("Hampel: cleaned values and flagged indices")
    func hampel() throws {
        let json = try ReferenceData.fixture("smoothing.json")
        let x = json.doubles("x")
        for c in json.dicts("hampel") {
            let result = try HampelFilter(halfWindow: Int(c.double("half_window")), sigmas: c.double("sigmas")).apply(x)
            #expect(worstDifference(result.values, c.doubles("y")) <= 1e-9)
            #expect(result.outliers == c.doubles("flagged").map { Int($0) })
        }
    }

    @Test("moving average and moving median (trailing windows)")
    func moving() throws {
        let json = try ReferenceData.fixture("smoothing.json")
        let x = json.doubles("x")
        for c in json.dicts("moving") {
            let window = Int(c.double("window"))
            var sma: [Double] = []
            var median: [Double] = []
            switch window {
            case 1:
                var a = MovingAverage<1, Double>()
                var m = MovingMedian<1, Double>()
                for v in x { sma.append(a.update(v)); median.append(m.update(v)) }
            case 4:
                var a = MovingAverage<4, Double>()
                var m = MovingMedian<4, Double>()
                for v in x { sma.append(a.update(v)); median.append(m.update(v)) }
            case 9:
                var a = MovingAverage<9, Double>()
                var m = MovingMedian<9, Double>()
                for v in x { sma.append(a.update(v)); median.append(m.update(v)) }
            default:
                Issue.record("unexpected window \(window)")
            }
            #expect(worstDifference(sma, c.doubles("sma")) <= 1e-9, "SMA \(window)")
            #expect(worstDifference(median, c.doubles("median")) <= 1e-9, "median \(window)")
        }
    }

    @Test("exponential moving average (scipy lfilter)")
    func ema() throws {
        let json = try ReferenceData.fixture("smoothing.json")
        let x = json.doubles("x")
        for c in json.dicts("ema") {
            var ema = try ExponentialMovingAverage<Double>(alpha: c.double("alpha"))
            let y = x.map { ema.update($0) }
            #expect(worstDifference(y, c.doubles("y")) <= 1e-9, "alpha \(c.double("alpha"))")
        }
    }

    @Test("alpha-beta filter (filterpy GHFilter)")
    func alphaBeta() throws {
        let json = try ReferenceData.fixture("smoothing.json")
        let x = json.doubles("x")
        for c in json.dicts("alpha_beta") {
            var filter = try AlphaBetaFilter<Double>(
                alpha: c.double("g"), beta: c.double("h"), position: c.double("x0"))
            let y = x.dropFirst().map { filter.update($0, dt: c.double("dt")) }
            #expect(worstDifference(y, c.doubles("y")) <= 1e-9)
        }
    }

    @Test("1€ filter: three parameter sets, irregular and repeated timestamps")
    func oneEuro() throws {
        let json = try ReferenceData.fixture("one_euro.json")
        for c in json.dicts("cases") {
            try checkOneEuroCase([
                "params": c["params"] as Any, "t": json["t"] as Any, "x": json["x"] as Any,
                "filtered": c["filtered"] as Any,
            ])
        }
    }
}
