import FieldFilters
import Foundation
import Testing

@Suite("Kalman family against the project's fixtures (Scripts/filters_fixtures.py, filterpy)")
struct FixtureKalmanTests {
    func runLinear<let N: Int, let M: Int>(_ name: String, _ runner: inout KalmanCaseRunner<N, M>) throws {
        let json = try ReferenceData.fixture(name)
        let model = json.dict("model")
        try runner.run(
            model: model, t: json.doubles("t"), z: json["z"] as? [Any] ?? [], run: json,
            gated: model["gate_chi2"] != nil)
        #expect(runner.statusMismatches.isEmpty, "\(name): \(runner.statusMismatches)")
        #expect(runner.worst <= 1e-9, "\(name): worst \(runner.worst) at \(runner.worstWhere)")
    }

    @Test("1-D constant acceleration, continuous Q, irregular dt, dropouts")
    func constantAcceleration1D() throws {
        var runner = KalmanCaseRunner<3, 1>()
        try runLinear("kf_ca1d_continuous.json", &runner)
    }

    @Test("3-D constant velocity, discrete Q, chi-square gate (3 dof) rejects jumps")
    func constantVelocity3DGated() throws {
        var runner = KalmanCaseRunner<6, 3>()
        try runLinear("kf_cv3d_discrete_gated.json", &runner)
    }

    @Test("2-D constant acceleration, discrete Q, gate")
    func constantAcceleration2D() throws {
        var runner = KalmanCaseRunner<6, 2>()
        try runLinear("kf_ca2d_discrete.json", &runner)
    }

    @Test("extended Kalman filter, range/bearing radar (filterpy ExtendedKalmanFilter)")
    func extended() throws {
        let json = try ReferenceData.fixture("ekf_radar.json")
        var ekf = ExtendedKalmanFilter<4, 2, Double>(
            state: Matrix(vector: json.doubles("x0")), covariance: Matrix(rows: json.rows("P0")),
            measurementNoise: Matrix(rows: json.rows("R")))
        let motion = try RadarTarget(spectralDensity: json.double("q"))
        let worst = runNonlinear(json) { dt, z in
            ekf.predict(using: motion, dt: dt)
            let prior = (ekf.state, ekf.covariance)
            let report = ekf.update(z, using: Radar())
            return NonlinearStep(
                xPrior: prior.0, pPrior: prior.1, status: report.status, logLikelihood: report.logLikelihood,
                x: ekf.state, p: ekf.covariance)
        }
        #expect(worst <= 1e-9, "worst \(worst)")
    }

    @Test("unscented Kalman filter, scaled sigma points (filterpy UnscentedKalmanFilter)")
    func unscented() throws {
        let json = try ReferenceData.fixture("ukf_radar.json")
        var ukf = try UnscentedKalmanFilter<4, 2, Double>(
            state: Matrix(vector: json.doubles("x0")), covariance: Matrix(rows: json.rows("P0")),
            measurementNoise: Matrix(rows: json.rows("R")), alpha: json.double("alpha"), beta: json.double("beta"),
            kappa: json.double("kappa"))
        let motion = try RadarTarget(spectralDensity: json.double("q"))
        var failure: FieldFiltersError?
        let worst = runNonlinear(json) { dt, z in
            do throws(FieldFiltersError) {
                try ukf.predict(using: motion, dt: dt)
            } catch {
                failure = error
            }
            let prior = (ukf.state, ukf.covariance)
            let report = ukf.update(z, using: Radar())
            return NonlinearStep(
                xPrior: prior.0, pPrior: prior.1, status: report.status, logLikelihood: report.logLikelihood,
                x: ukf.state, p: ukf.covariance)
        }
        #expect(failure == nil)
        #expect(worst <= 1e-9, "worst \(worst)")
    }

    /// What one radar step of a nonlinear filter produced: the prior, the status, the log-likelihood
    /// and the posterior.
    struct NonlinearStep {
        var xPrior: Matrix<4, 1, Double>
        var pPrior: Matrix<4, 4, Double>
        var status: MeasurementStatus
        var logLikelihood: Double
        var x: Matrix<4, 1, Double>
        var p: Matrix<4, 4, Double>
    }

    /// Runs the radar steps through `step` and returns the worst difference.
    func runNonlinear(
        _ json: [String: Any], step: (Double, Matrix<2, 1, Double>?) -> NonlinearStep
    ) -> Double {
        let t = json.doubles("t")
        let z = json["z"] as? [Any] ?? []
        let steps = json.dicts("steps")
        #expect(steps.count == t.count && !steps.isEmpty)
        var worst = 0.0
        for k in 0..<min(t.count, steps.count) {
            let dt = k == 0 ? 0 : t[k] - t[k - 1]
            let measurement: Matrix<2, 1, Double>? = (z[k] as? [Any]).map { values in
                Matrix(vector: values.map { ($0 as? NSNumber)?.doubleValue ?? .nan })
            }
            let result = step(dt, measurement)
            let (xPrior, pPrior, status, logLikelihood) = (
                result.xPrior, result.pPrior, result.status, result.logLikelihood
            )
            let (x, p) = (result.x, result.p)
            let expected = steps[k]
            #expect(status.name == expected.string("status"), "step \(k)")
            var d = max(
                xPrior.maxDifference(vector: expected.doubles("x_prior")),
                pPrior.maxDifference(rows: expected.rows("P_prior")),
                x.maxDifference(vector: expected.doubles("x")), p.maxDifference(rows: expected.rows("P")))
            if expected["log_likelihood"] != nil {
                d = max(d, abs(logLikelihood - expected.double("log_likelihood")))
            }
            if !(d <= worst) { worst = d }
        }
        return worst
    }
}

/// A constant-velocity target in 2-D (state `[x, vx, y, vy]`) as a nonlinear-filter process model.
struct RadarTarget: DifferentiableProcessModel {
    let model: KinematicModel<4, Double>

    init(spectralDensity: Double) throws {
        model = try KinematicModel(order: .constantVelocity, noise: .continuous(spectralDensity: spectralDensity))
    }

    func propagate(_ state: Matrix<4, 1, Double>, dt: Double) -> Matrix<4, 1, Double> {
        model.transition(dt: dt) * state
    }

    func processNoise(dt: Double) -> Matrix<4, 4, Double> { model.processNoise(dt: dt) }

    func jacobian(at state: Matrix<4, 1, Double>, dt: Double) -> Matrix<4, 4, Double> { model.transition(dt: dt) }
}

/// Range and bearing from a radar at the origin.
struct Radar: DifferentiableMeasurementModel {
    typealias Scalar = Double

    func measure(_ x: Matrix<4, 1, Double>) -> Matrix<2, 1, Double> {
        Matrix(column: (x[0] * x[0] + x[2] * x[2]).squareRoot(), atan2(x[2], x[0]))
    }

    func jacobian(at x: Matrix<4, 1, Double>) -> Matrix<2, 4, Double> {
        let r2 = x[0] * x[0] + x[2] * x[2]
        let r = r2.squareRoot()
        var h = Matrix<2, 4, Double>.zero
        h[0, 0] = x[0] / r
        h[0, 2] = x[2] / r
        h[1, 0] = -x[2] / r2
        h[1, 2] = x[0] / r2
        return h
    }
}
