import FieldFilters
import Foundation
import Testing

/// Runs a linear Kalman filter case (the `model`, `t`, `z` and `filter`/`rts` layout of
/// `../shared/filters/*.json` and of our own fixtures) and returns the worst absolute difference.
struct KalmanCaseRunner<let N: Int, let M: Int> {
    var worst = 0.0
    var worstWhere = ""
    var statusMismatches: [String] = []

    mutating func note(_ d: Double, _ label: @autoclosure () -> String) {
        if !(d <= worst) {
            worst = d
            worstWhere = label()
        }
    }

    mutating func run(model json: [String: Any], t: [Double], z: [Any], run: [String: Any], gated: Bool) throws {
        let kind = json.string("q_kind") ?? "?"
        let q = json.double("q")
        let noise: KinematicModel<N, Double>.Noise =
            kind == "discrete" ? .discrete(variance: q) : .continuous(spectralDensity: q)
        let order: KinematicModel<N, Double>.Order =
            (json.string("order") ?? "cv") == "ca" ? .constantAcceleration : .constantVelocity
        let model = try KinematicModel<N, Double>(order: order, noise: noise)
        var filter = KalmanFilter<N, M, Double>(
            state: Matrix(vector: json.doubles("x0")),
            covariance: Matrix(rows: json.rows("P0")),
            measurementMatrix: Matrix(rows: json.rows("H")),
            measurementNoise: Matrix(rows: json.rows("R")),
            gateThreshold: gated ? json.double("gate_chi2") : nil)
        // The same filter predicting through the sparse kinematic path.
        var fast = filter
        let steps = run.dicts("filter")
        #expect(steps.count == t.count)
        var records: [KalmanStepRecord<N, Double>] = []
        for k in 0..<min(steps.count, t.count) {
            let expected = steps[k]
            let dt = k == 0 ? 0 : t[k] - t[k - 1]
            note(abs(dt - expected.double("dt")), "dt[\(k)]")
            let f = model.transition(dt: dt)
            filter.predict(transition: f, processNoise: model.processNoise(dt: dt))
            note(filter.state.maxDifference(vector: expected.doubles("x_prior")), "x_prior[\(k)]")
            note(filter.covariance.maxDifference(rows: expected.rows("P_prior")), "P_prior[\(k)]")
            let priorState = filter.state
            let priorCovariance = filter.covariance
            let measurement: Matrix<M, 1, Double>? = (z[k] as? [Any]).map { values in
                Matrix(vector: values.map { ($0 as? NSNumber)?.doubleValue ?? .nan })
            }
            let report = filter.update(measurement)
            fast.predict(using: model, dt: dt)
            fast.update(measurement)
            note(fast.state.maxDifference(vector: expected.doubles("x")), "sparse-predict x[\(k)]")
            note(fast.covariance.maxDifference(rows: expected.rows("P")), "sparse-predict P[\(k)]")
            let status = expected.string("status") ?? "?"
            if report.status.name != status { statusMismatches.append("\(k): \(report.status.name) != \(status)") }
            if status != "missing" {
                note(report.innovation.maxDifference(vector: expected.doubles("y")), "y[\(k)]")
                note(report.innovationCovariance.maxDifference(rows: expected.rows("S")), "S[\(k)]")
                note(abs(report.mahalanobisSquared - expected.double("mahalanobis2")), "d2[\(k)]")
            }
            if status == "updated" {
                note(report.gain.maxDifference(rows: expected.rows("K")), "K[\(k)]")
                note(abs(report.logLikelihood - expected.double("log_likelihood")), "loglik[\(k)]")
            }
            note(filter.state.maxDifference(vector: expected.doubles("x")), "x[\(k)]")
            note(filter.covariance.maxDifference(rows: expected.rows("P")), "P[\(k)]")
            records.append(
                KalmanStepRecord(
                    transition: f, priorState: priorState, priorCovariance: priorCovariance,
                    state: filter.state, covariance: filter.covariance))
        }
        let rts = run.dicts("rts")
        if !rts.isEmpty {
            let smoothed = try RTSSmoother.smooth(records)
            #expect(smoothed.count == rts.count)
            for k in 0..<min(smoothed.count, rts.count) {
                note(smoothed[k].state.maxDifference(vector: rts[k].doubles("x")), "rts x[\(k)]")
                note(smoothed[k].covariance.maxDifference(rows: rts[k].rows("P")), "rts P[\(k)]")
            }
            // The fixed-lag smoother with a window as long as the run reproduces the RTS start.
            var lagged = FixedLagSmoother<N, 8, Double>()
            for (k, record) in records.enumerated() {
                lagged.append(record)
                if k >= 7, let estimate = try lagged.smoothedOldest() {
                    // Smoothing over 7 steps only: must lie between filter and full RTS; checked
                    // exactly at the end of the run where the window reaches the last step.
                    if k == records.count - 1 {
                        note(estimate.state.maxDifference(vector: rts[k - 7].doubles("x")), "fixed-lag x[\(k - 7)]")
                    }
                }
            }
        }
    }
}

@Suite("Kalman filter against ../shared/filters (filterpy)")
struct SharedKalmanTests {
    @Test("cv1d: 1-D constant velocity, discrete Q, dropouts")
    func cv1d() throws {
        guard let json = try ReferenceData.shared("cv1d.json") else { return }
        var runner = KalmanCaseRunner<2, 1>()
        try runner.run(
            model: json.dict("model"), t: json.doubles("t"), z: json["z"] as? [Any] ?? [], run: json, gated: false)
        #expect(runner.statusMismatches.isEmpty, "\(runner.statusMismatches)")
        #expect(runner.worst <= 1e-9, "worst \(runner.worst) at \(runner.worstWhere)")
    }

    @Test("gps2d: irregular dt, continuous Q, jumps, ungated and gated", arguments: ["ungated", "gated"])
    func gps2d(variant: String) throws {
        guard let json = try ReferenceData.shared("gps2d.json") else { return }
        var runner = KalmanCaseRunner<4, 2>()
        try runner.run(
            model: json.dict("model"), t: json.doubles("t"), z: json["z"] as? [Any] ?? [], run: json.dict(variant),
            gated: variant == "gated")
        #expect(runner.statusMismatches.isEmpty, "\(runner.statusMismatches)")
        #expect(runner.worst <= 1e-9, "worst \(runner.worst) at \(runner.worstWhere)")
    }
}
