import FieldCore
import FieldFilters
import Testing

/// `PlanarKalmanFilterBank` against one `KalmanFilter<4, 2>` per filter, stepped side by side.
@Suite("PlanarKalmanFilterBank: coupled 4x2 filters agree with KalmanFilter")
struct PlanarFilterBankTests {
    static func uniform(_ rng: inout SplitMix64, _ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * Double(rng.next() >> 11) / Double(1 << 53)
    }

    /// Runs `steps` steps of `count` filters with random dt (some corrupt), missing, non-finite
    /// and jumping measurements; returns the worst difference relative to the covariance scale
    /// and the number of status mismatches.
    static func run(
        seed: UInt64, count: Int, steps: Int, h: Matrix<2, 4, Double>, r: Matrix<2, 2, Double>,
        noise: KinematicModel<4, Double>.Noise, gate: Double?
    ) throws -> (worst: Double, mismatches: Int, updated: Int, rejected: Int) {
        var rng = SplitMix64(seed: seed)
        let model = try KinematicModel<4, Double>(order: .constantVelocity, noise: noise)
        let a = Matrix<4, 4, Double> { _, _ in uniform(&rng, -3...3) }
        let p0 = a.multipliedByTranspose(of: a) + 2 * .identity
        let x0 = Matrix<4, 1, Double>(column: 500, 1, 200, -1)
        var bank = try PlanarKalmanFilterBank<Double>(
            count: count, model: model, measurementMatrix: h, measurementNoise: r, state: x0, covariance: p0,
            gateThreshold: gate)
        var filters = [KalmanFilter<4, 2, Double>](
            repeating: KalmanFilter(
                state: x0, covariance: p0, measurementMatrix: h, measurementNoise: r, gateThreshold: gate),
            count: count)
        // A different prior for filter 1 (cross-axis covariance included).
        let b = Matrix<4, 4, Double> { _, _ in uniform(&rng, -2...2) }
        let p1 = b.multipliedByTranspose(of: b) + .identity
        try bank.reset(1, state: Matrix(column: 10, 2, -5, 3), covariance: p1)
        filters[1].state = Matrix(column: 10, 2, -5, 3)
        filters[1].covariance = p1
        var worst = 0.0
        var mismatches = 0
        var updated = 0
        var rejected = 0
        for k in 0..<steps {
            var dt = [Double](repeating: 0, count: count)
            var zs = [Matrix<2, 1, Double>?](repeating: nil, count: count)
            for i in 0..<count {
                let roll = rng.next() % 40
                dt[i] = roll == 0 ? -1 : roll == 1 ? .nan : uniform(&rng, 0.05...3)
                let truth = h * filters[i].state
                let jump = roll == 2 ? 300.0 : 0
                if roll == 3 {
                    zs[i] = nil
                } else if roll == 4 {
                    zs[i] = Matrix(column: .infinity, 1)
                } else {
                    zs[i] = Matrix(column: truth[0] + uniform(&rng, -5...5) + jump, truth[1] + uniform(&rng, -5...5))
                }
            }
            try bank.step(dt: dt, measurements: zs)
            for i in 0..<count {
                filters[i].predict(using: model, dt: dt[i])
                let status = filters[i].update(zs[i]).status
                if status != bank.statuses[i] { mismatches += 1 }
                if status == .updated { updated += 1 }
                if case .rejected = status { rejected += 1 }
                let scale = max(1, filters[i].covariance[0, 0], filters[i].covariance[2, 2])
                worst = max(worst, bank.state(of: i).maximumAbsoluteDifference(to: filters[i].state) / scale)
                worst = max(worst, bank.covariance(of: i).maximumAbsoluteDifference(to: filters[i].covariance) / scale)
            }
            _ = k
        }
        return (worst, mismatches, updated, rejected)
    }

    @Test("positions measured, full R, gated, continuous Q; 37 filters (a partial block)")
    func positions() throws {
        let result = try Self.run(
            seed: 1, count: 37, steps: 120, h: Matrix { r, c in c == 2 * r ? 1 : 0 },
            r: Matrix(rows: [[16, 5], [5, 9]]), noise: .continuous(spectralDensity: 0.5), gate: 13.8155)
        #expect(result.mismatches == 0)
        #expect(result.updated > 3000 && result.rejected > 100)
        #expect(result.worst <= 1e-9, "worst \(result.worst)")
    }

    @Test("a general H (mixed states), ungated, discrete Q; 8 filters")
    func generalH() throws {
        let h = Matrix<2, 4, Double>(rows: [[1, 0.5, 0, 0], [0.25, 0, 1, -0.3]])
        let result = try Self.run(
            seed: 2, count: 8, steps: 200, h: h, r: Matrix(rows: [[4, -1], [-1, 3]]),
            noise: .discrete(variance: 0.2), gate: nil)
        #expect(result.mismatches == 0)
        #expect(result.worst <= 1e-9, "worst \(result.worst)")
    }

    @Test("bad parameters and arrays of the wrong length are refused with a typed error")
    func refusals() throws {
        let model = try KinematicModel<4, Double>(order: .constantVelocity, noise: .discrete(variance: 1))
        let h = Matrix<2, 4, Double> { r, c in c == 2 * r ? 1 : 0 }
        func make(
            count: Int = 4, r: Matrix<2, 2, Double> = .identity, p: Matrix<4, 4, Double> = .identity
        )
            -> FieldFiltersError?
        {
            do {
                _ = try PlanarKalmanFilterBank<Double>(
                    count: count, model: model, measurementMatrix: h, measurementNoise: r, state: .zero, covariance: p)
                return nil
            } catch {
                return error
            }
        }
        #expect(make(count: 0) != nil)
        #expect(make(r: .zero) == .notPositiveDefinite(pivot: 0))
        #expect(make(p: Matrix(repeating: .nan)) != nil)
        var bank = try PlanarKalmanFilterBank<Double>(
            count: 5, model: model, measurementMatrix: h, measurementNoise: .identity, state: .zero,
            covariance: .identity)
        var failure: FieldFiltersError?
        do {
            try bank.step(dt: [1, 1], measurements: [Matrix<2, 1, Double>?](repeating: nil, count: 5))
        } catch {
            failure = error
        }
        #expect(failure == .invalidParameter(name: "dt", reason: "must hold one value per filter"))
        failure = nil
        do { try bank.reset(5, state: .zero, covariance: .identity) } catch { failure = error }
        #expect(failure != nil)
        #expect(bank.statuses == [MeasurementStatus](repeating: .missing, count: 5))
    }

    @Test("Float lanes track the Double filter to Float rounding")
    func float() throws {
        let model = try KinematicModel<4, Float>(order: .constantVelocity, noise: .continuous(spectralDensity: 0.5))
        let h = Matrix<2, 4, Float> { r, c in c == 2 * r ? 1 : 0 }
        var bank = try PlanarKalmanFilterBank<Float>(
            count: 6, model: model, measurementMatrix: h, measurementNoise: .diagonal(Matrix(column: 16, 16)),
            state: Matrix(column: 500, 0, 200, 0), covariance: .diagonal(Matrix(column: 16, 100, 16, 100)),
            gateThreshold: 13.8155)
        var filter = KalmanFilter<4, 2, Float>(
            state: Matrix(column: 500, 0, 200, 0), covariance: .diagonal(Matrix(column: 16, 100, 16, 100)),
            measurementMatrix: h, measurementNoise: .diagonal(Matrix(column: 16, 16)), gateThreshold: 13.8155)
        var worst: Float = 0
        for k in 0..<100 {
            let z = Matrix<2, 1, Float>(column: 500 + Float(k % 7), 200 - Float(k % 5))
            try bank.step(
                dt: [Float](repeating: 1, count: 6), measurements: [Matrix<2, 1, Float>?](repeating: z, count: 6))
            filter.predict(using: model, dt: 1)
            #expect(filter.update(z).status == bank.statuses[5])
            worst = max(worst, bank.state(of: 5).maximumAbsoluteDifference(to: filter.state) / 500)
            worst = max(worst, bank.covariance(of: 5).maximumAbsoluteDifference(to: filter.covariance) / 100)
        }
        #expect(worst <= 1e-5, "worst \(worst)")
    }
}
