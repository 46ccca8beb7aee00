import FieldFilters
import Foundation
import Testing

@Suite("ConstantVelocityFilterBank: decoupled axes agree with the full filter and filterpy")
struct FilterBankTests {
    /// Runs filter `index` of a bank over a fixture's trace and returns the worst difference from
    /// the reference filtered states `[x, vx, y, vy, ...]` and the status mismatches.
    func run<let Axes: Int>(
        _ bank: inout ConstantVelocityFilterBank<Axes, Double>, index: Int, json: [String: Any],
        run: [String: Any]
    ) -> (Double, [Int]) {
        let model = json.dict("model")
        let x0 = model.doubles("x0")
        bank.reset(index, position: InlineArray { x0[2 * $0] }, velocity: InlineArray { x0[2 * $0 + 1] })
        let t = json.doubles("t")
        let z = json["z"] as? [Any] ?? []
        let steps = run.dicts("filter")
        var worst = 0.0
        var mismatches: [Int] = []
        for k in t.indices {
            let measurement: InlineArray<Axes, Double>? = (z[k] as? [Any]).map { values in
                InlineArray { (values[$0] as? NSNumber)?.doubleValue ?? .nan }
            }
            let status = bank.step(index, dt: k == 0 ? 0 : t[k] - t[k - 1], measurement: measurement)
            if status.name != steps[k].string("status") { mismatches.append(k) }
            let expected = steps[k].doubles("x")
            let rows = steps[k].rows("P")
            for a in 0..<Axes {
                worst = max(worst, abs(bank.position(of: index, axis: a) - expected[2 * a]))
                worst = max(worst, abs(bank.velocity(of: index, axis: a) - expected[2 * a + 1]))
                let p = bank.covariance(of: index, axis: a)
                worst = max(worst, abs(p[0, 0] - rows[2 * a][2 * a]), abs(p[0, 1] - rows[2 * a][2 * a + 1]))
                worst = max(worst, abs(p[1, 1] - rows[2 * a + 1][2 * a + 1]))
            }
        }
        return (worst, mismatches)
    }

    @Test("3-D, discrete Q, gated (own fixture from filterpy), in filter 517 of 1,024")
    func fixture3D() throws {
        let json = try ReferenceData.fixture("kf_cv3d_discrete_gated.json")
        let m = json.dict("model")
        let p0 = m.rows("P0")
        var bank = try ConstantVelocityFilterBank<3, Double>(
            count: 1024, noise: .discrete(variance: m.double("q")), measurementVariance: m.rows("R")[0][0],
            positionVariance: p0[0][0], velocityVariance: p0[1][1], gateThreshold: m.double("gate_chi2"))
        let (worst, mismatches) = run(&bank, index: 517, json: json, run: json)
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(worst <= 1e-9, "worst \(worst)")
        // The other filters were not touched.
        #expect(bank.position(of: 516, axis: 0) == 0 && bank.position(of: 518, axis: 2) == 0)
    }

    @Test("2-D GPS, continuous Q, ungated and gated (../shared/filters/gps2d.json)", arguments: ["ungated", "gated"])
    func sharedGPS(variant: String) throws {
        guard let json = try ReferenceData.shared("gps2d.json") else { return }
        let m = json.dict("model")
        let p0 = m.rows("P0")
        var bank = try ConstantVelocityFilterBank<2, Double>(
            count: 4, noise: .continuous(spectralDensity: m.double("q")), measurementVariance: m.rows("R")[0][0],
            positionVariance: p0[0][0], velocityVariance: p0[1][1],
            gateThreshold: variant == "gated" ? m.double("gate_chi2") : nil)
        let (worst, mismatches) = run(&bank, index: 3, json: json, run: json.dict(variant))
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(worst <= 1e-9, "worst \(worst)")
    }

    @Test("bad parameters and non-finite measurements are refused")
    func refusals() throws {
        #expect(throws: FieldFiltersError.self) {
            try ConstantVelocityFilterBank<2, Double>(
                count: 0, noise: .discrete(variance: 1), measurementVariance: 1, positionVariance: 1,
                velocityVariance: 1)
        }
        #expect(throws: FieldFiltersError.self) {
            try ConstantVelocityFilterBank<2, Float>(
                count: 1, noise: .discrete(variance: 1), measurementVariance: 0, positionVariance: 1,
                velocityVariance: 1)
        }
        var bank = try ConstantVelocityFilterBank<2, Float>(
            count: 2, noise: .discrete(variance: 1), measurementVariance: 1, positionVariance: 1, velocityVariance: 1)
        let status = bank.step(1, dt: 1, measurement: [1, .nan])
        #expect(status == .rejected(.nonFiniteMeasurement))
        #expect(bank.position(of: 1, axis: 0) == 0)
        #expect(bank.step(0, dt: 1, measurement: nil) == .missing)
    }
}
