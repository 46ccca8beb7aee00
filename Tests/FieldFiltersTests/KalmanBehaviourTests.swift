import FieldCore
import FieldFilters
import Foundation
import Testing

@Suite("Kalman filter behaviour: gating reasons, bad input, Float, fixed-lag")
struct KalmanBehaviourTests {
    static func gpsFilter<Scalar: FilterScalar>(_: Scalar.Type, gate: Scalar? = 13.8155) -> KalmanFilter<4, 2, Scalar> {
        KalmanFilter<4, 2, Scalar>(
            state: Matrix(column: 500, 0, 200, 0),
            covariance: .diagonal(Matrix(column: 16, 100, 16, 100)),
            measurementMatrix: Matrix { r, c in c == 2 * r ? 1 : 0 },
            measurementNoise: .diagonal(Matrix(column: 16, 16)),
            gateThreshold: gate)
    }

    @Test("a 100 m jump is rejected outside the gate, with distance and threshold reported")
    func gateRejects() throws {
        let model = try KinematicModel<4, Double>(order: .constantVelocity, noise: .continuous(spectralDensity: 0.5))
        var filter = Self.gpsFilter(Double.self)
        filter.predict(using: model, dt: 1)
        let before = filter.state
        let report = filter.update(Matrix(column: 600, 200))
        #expect(report.status == .rejected(.outsideGate))
        #expect(report.gateThreshold == 13.8155)
        // y = [100, 0], S = H P H' + R = (16 + 100 + 0.5/3 + 16) on the x axis.
        let s: Double = 132 + 0.5 / 3  // P00 + dt² P11 + Q00 + R00
        #expect(abs(report.innovationCovariance[0, 0] - s) < 1e-12)
        #expect(abs(report.mahalanobisSquared - 100 * 100 / s) < 1e-9)
        #expect(filter.state == before)
        let accepted = filter.update(Matrix(column: 505, 199))
        #expect(accepted.status == .updated)
        #expect(accepted.logLikelihood < 0)
    }

    @Test("missing, non-finite and singular-S measurements leave the estimate unchanged with a reason")
    func badMeasurements() {
        var filter = KalmanFilter<2, 1, Double>(
            state: Matrix(column: 1, 2), covariance: .zero, measurementMatrix: Matrix { _, c in c == 0 ? 1 : 0 },
            measurementNoise: .zero)
        #expect(filter.update(nil).status == .missing)
        #expect(filter.update(Matrix(column: .nan)).status == .rejected(.nonFiniteMeasurement))
        #expect(filter.update(Matrix(column: .infinity)).status == .rejected(.nonFiniteMeasurement))
        // P = 0 and R = 0: S = 0 is not positive definite.
        #expect(filter.update(Matrix(column: 3)).status == .rejected(.innovationCovarianceNotPositiveDefinite))
        #expect(filter.state == Matrix(column: 1, 2))
        #expect(filter.covariance.isFinite)
    }

    @Test("a corrupt or backwards dt does not poison the estimate")
    func corruptTime() throws {
        let model = try KinematicModel<4, Double>(order: .constantVelocity, noise: .continuous(spectralDensity: 0.5))
        var filter = Self.gpsFilter(Double.self)
        let before = (filter.state, filter.covariance)
        for dt in [-5.0, .nan, .infinity, -.infinity] {
            filter.predict(using: model, dt: dt)
            #expect(filter.state == before.0 && filter.covariance == before.1, "dt \(dt)")
        }
        var bank = try ConstantVelocityFilterBank<2, Double>(
            count: 1, noise: .continuous(spectralDensity: 0.5), measurementVariance: 16, positionVariance: 16,
            velocityVariance: 100)
        bank.step(0, dt: .nan, measurement: nil)
        #expect(bank.covariance(of: 0, axis: 1)[0, 0] == 16)
    }

    @Test("invalid kinematic models are refused")
    func invalidModels() {
        #expect(throws: FieldFiltersError.self) {
            try KinematicModel<3, Double>(order: .constantVelocity, noise: .discrete(variance: 1))
        }
        #expect(throws: FieldFiltersError.self) {
            try KinematicModel<4, Double>(order: .constantAcceleration, noise: .discrete(variance: 1))
        }
        #expect(throws: FieldFiltersError.self) {
            try KinematicModel<2, Double>(order: .constantVelocity, noise: .discrete(variance: -1))
        }
        #expect(throws: FieldFiltersError.self) {
            try KinematicModel<2, Double>(order: .constantVelocity, noise: .continuous(spectralDensity: .nan))
        }
    }

    @Test("Float filter tracks the Double filter on the gated 3-D fixture (within 1e-2)")
    func floatAgainstDouble() throws {
        let json = try ReferenceData.fixture("kf_cv3d_discrete_gated.json")
        let m = json.dict("model")
        let t = json.doubles("t")
        let z = json["z"] as? [Any] ?? []
        let model = try KinematicModel<6, Float>(
            order: .constantVelocity, noise: .discrete(variance: Float(m.double("q"))))
        var filter = KalmanFilter<6, 3, Float>(
            state: Matrix(vector: m.doubles("x0")), covariance: Matrix(rows: m.rows("P0")),
            measurementMatrix: Matrix(rows: m.rows("H")), measurementNoise: Matrix(rows: m.rows("R")),
            gateThreshold: Float(m.double("gate_chi2")))
        let steps = json.dicts("filter")
        var worst = 0.0
        for k in t.indices {
            filter.predict(using: model, dt: Float(k == 0 ? 0 : t[k] - t[k - 1]))
            let measurement: Matrix<3, 1, Float>? = (z[k] as? [Any]).map { v in
                Matrix(vector: v.map { ($0 as? NSNumber)?.doubleValue ?? .nan })
            }
            let report = filter.update(measurement)
            #expect(report.status.name == steps[k].string("status"))
            worst = max(worst, filter.state.maxDifference(vector: steps[k].doubles("x")))
        }
        #expect(worst < 1e-2, "Float worst \(worst)")
    }

    @Test("fixed-lag smoother with a window covering the run equals RTS at every lag")
    func fixedLagEqualsRTS() throws {
        let json = try ReferenceData.fixture("kf_ca1d_continuous.json")
        let m = json.dict("model")
        let t = json.doubles("t")
        let z = json["z"] as? [Any] ?? []
        let model = try KinematicModel<3, Double>(
            order: .constantAcceleration, noise: .continuous(spectralDensity: m.double("q")))
        var filter = KalmanFilter<3, 1, Double>(
            state: Matrix(vector: m.doubles("x0")), covariance: Matrix(rows: m.rows("P0")),
            measurementMatrix: Matrix(rows: m.rows("H")), measurementNoise: Matrix(rows: m.rows("R")))
        var lagged = FixedLagSmoother<3, 64, Double>()
        for k in t.indices {
            let f = model.transition(dt: k == 0 ? 0 : t[k] - t[k - 1])
            filter.predict(transition: f, processNoise: model.processNoise(dt: k == 0 ? 0 : t[k] - t[k - 1]))
            let prior = (filter.state, filter.covariance)
            filter.update(
                (z[k] as? [Any]).map { v in Matrix(vector: v.map { ($0 as? NSNumber)?.doubleValue ?? .nan }) })
            lagged.append(
                KalmanStepRecord(
                    transition: f, priorState: prior.0, priorCovariance: prior.1,
                    state: filter.state, covariance: filter.covariance))
        }
        let rts = json.dicts("rts")
        #expect(lagged.count == t.count)
        for lag in 0..<t.count {
            let estimate = try #require(try lagged.smoothed(lag: lag))
            let index = t.count - 1 - lag
            #expect(estimate.state.maxDifference(vector: rts[index].doubles("x")) <= 1e-9, "lag \(lag)")
            #expect(estimate.covariance.maxDifference(rows: rts[index].rows("P")) <= 1e-9, "lag \(lag)")
        }
        #expect(try lagged.smoothed(lag: t.count) == nil)
        #expect(try lagged.smoothed(lag: -1) == nil)
        // A short window drops the oldest records.
        var short = FixedLagSmoother<3, 4, Double>()
        #expect(try short.smoothedOldest() == nil)
        for _ in 0..<6 {
            short.append(
                KalmanStepRecord(
                    transition: .identity, priorState: .zero, priorCovariance: .identity,
                    state: .zero, covariance: .identity))
        }
        #expect(short.count == 4)
        #expect(try short.smoothedOldest() != nil)
    }

    @Test("property: filter covariance stays symmetric positive definite over long random runs")
    func covarianceStaysPositive() throws {
        var rng = SplitMix64(seed: 7)
        let model = try KinematicModel<4, Double>(order: .constantVelocity, noise: .discrete(variance: 0.1))
        var filter = Self.gpsFilter(Double.self, gate: nil)
        for _ in 0..<5_000 {
            filter.predict(using: model, dt: Double.random(in: 0...100, using: &rng))
            let z: Matrix<2, 1, Double>? =
                Bool.random(using: &rng)
                ? Matrix(column: Double.random(in: -1e4...1e4, using: &rng), Double.random(in: -1e4...1e4, using: &rng))
                : nil
            filter.update(z)
            #expect((try? CholeskyFactor(filter.covariance)) != nil)
            #expect(
                filter.covariance.maximumAbsoluteDifference(to: filter.covariance.transposed) <= 1e-6
                    * max(1, filter.covariance[0, 0]))
        }
    }
}

@Suite("Chi-square gate thresholds against scipy.stats.chi2")
struct ChiSquareTests {
    @Test("quantiles for 1...200 degrees of freedom, p from 0.01 to 0.9999, within 1e-9")
    func quantiles() throws {
        let json = try ReferenceData.fixture("chi_square.json")
        let cases = json.dicts("quantiles")
        #expect(cases.count >= 70)
        for c in cases {
            let x = try ChiSquare.quantile(c.double("p"), degreesOfFreedom: Int(c.double("k")))
            #expect(abs(x - c.double("x")) <= 1e-9, "k \(c.double("k")) p \(c.double("p")): \(x) vs \(c.double("x"))")
        }
        // The gate of ../shared/filters/gps2d.json: chi2.ppf(0.999, 2).
        #expect(abs(try ChiSquare.quantile(0.999, degreesOfFreedom: 2) - 13.815510557964274) <= 1e-12)
    }

    @Test("cumulative probabilities within 1e-12")
    func cdf() throws {
        let json = try ReferenceData.fixture("chi_square.json")
        for c in json.dicts("cdf") {
            let p = ChiSquare.cumulativeProbability(c.double("x"), degreesOfFreedom: Int(c.double("k")))
            #expect(abs(p - c.double("p")) <= 1e-12, "k \(c.double("k")) x \(c.double("x"))")
        }
    }

    @Test("invalid arguments are refused")
    func invalid() {
        #expect(throws: FieldFiltersError.self) { try ChiSquare.quantile(1.0, degreesOfFreedom: 2) }
        #expect(throws: FieldFiltersError.self) { try ChiSquare.quantile(0.5, degreesOfFreedom: 0) }
        #expect(throws: FieldFiltersError.self) { try ChiSquare.quantile(Float.nan, degreesOfFreedom: 2) }
        #expect(ChiSquare.cumulativeProbability(1.0, degreesOfFreedom: 201).isNaN)
        #expect(ChiSquare.cumulativeProbability(-1.0, degreesOfFreedom: 3) == 0)
    }
}
