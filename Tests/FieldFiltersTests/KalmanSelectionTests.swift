import FieldCore
import Testing

// @testable: compares the public update with the internal dense `kalmanCorrect`, which is not API.
@testable import FieldFilters

/// The selection fast path of `KalmanFilter.update` (H picks states, closed-form S⁻¹ for M ≤ 2)
/// against the dense correction it replaces, on random models.
@Suite("KalmanFilter selection fast path agrees with the dense Joseph-form update")
struct KalmanSelectionTests {
    static func uniform(_ rng: inout SplitMix64, _ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * Double(rng.next() >> 11) / Double(1 << 53)
    }

    /// A random symmetric positive-definite matrix `A A' + floor I`.
    static func spd<let N: Int>(_ rng: inout SplitMix64, scale: Double, floor: Double) -> Matrix<N, N, Double> {
        let a = Matrix<N, N, Double> { _, _ in uniform(&rng, -scale...scale) }
        return a.multipliedByTranspose(of: a) + floor * .identity
    }

    /// The dense correction (the path used for a general H) on copies of the filter's state.
    static func dense<let N: Int, let M: Int>(
        _ filter: KalmanFilter<N, M, Double>, _ z: Matrix<M, 1, Double>?
    ) -> (Matrix<N, 1, Double>, Matrix<N, N, Double>, KalmanUpdateReport<N, M, Double>) {
        var x = filter.state
        var p = filter.covariance
        let report = kalmanCorrect(
            state: &x, covariance: &p, measurement: z, predicted: filter.measurementMatrix * x,
            h: filter.measurementMatrix, noise: filter.measurementNoise, gateThreshold: filter.gateThreshold)
        return (x, p, report)
    }

    static func relative<let R: Int, let C: Int>(_ a: Matrix<R, C, Double>, _ b: Matrix<R, C, Double>) -> Double {
        var scale = 1e-300
        for r in 0..<R { for c in 0..<C { scale = max(scale, abs(b[r, c])) } }
        return a.maximumAbsoluteDifference(to: b) / scale
    }

    /// Runs `trials` random one-step comparisons and returns the worst relative difference.
    ///
    /// The rows of H pick distinct states unless `repeated` (the same state measured twice, which
    /// makes S ill-conditioned: the gain, the state and the distance then differ by rounding
    /// amplified by cond(S), so they are compared to `1e-15 · cond(S)`, the covariance to 1e-12).
    static func compare<let N: Int, let M: Int>(
        _: KalmanFilter<N, M, Double>.Type, seed: UInt64, trials: Int, gate: Double?, repeated: Bool = false,
        fixedColumns: [Int]? = nil
    ) -> (worst: Double, statusMismatches: Int, fastPathUsed: Int) {
        var rng = SplitMix64(seed: seed)
        var worst = 0.0
        var mismatches = 0
        var fast = 0
        for _ in 0..<trials {
            var columns = InlineArray<M, Int>(repeating: 0)
            for m in 0..<M {
                var column = Int(rng.next() % UInt64(N))
                while !repeated, (0..<m).contains(where: { columns[$0] == column }) { column = (column + 1) % N }
                columns[m] = repeated ? columns[0] : column
                if let fixedColumns { columns[m] = fixedColumns[m] }
            }
            let h = Matrix<M, N, Double> { r, c in c == columns[r] ? 1 : 0 }
            let scale = uniform(&rng, 0.1...30)
            var filter = KalmanFilter<N, M, Double>(
                state: Matrix { _, _ in uniform(&rng, -500...500) },
                covariance: spd(&rng, scale: scale, floor: 0.01),
                measurementMatrix: h,
                measurementNoise: spd(&rng, scale: uniform(&rng, 0.1...5), floor: 0.1),
                gateThreshold: gate)
            if filter.measurementSelection != nil { fast += 1 }
            let z = Matrix<M, 1, Double> { r, _ in filter.state[columns[r]] + uniform(&rng, -3 * scale...3 * scale) }
            let expected = dense(filter, z)
            let report = filter.update(z)
            if report.status != expected.2.status { mismatches += 1 }
            var conditionScale = 1.0
            if repeated, M == 2 {
                let s = expected.2.innovationCovariance
                let trace = s[0, 0] + s[1, 1]
                conditionScale = max(1, trace * trace / (s[0, 0] * s[1, 1] - s[0, 1] * s[1, 0]) * 1e-3)
            }
            worst = max(worst, relative(filter.covariance, expected.1))
            worst = max(worst, relative(report.innovation, expected.2.innovation))
            worst = max(worst, relative(report.innovationCovariance, expected.2.innovationCovariance))
            worst = max(worst, relative(filter.state, expected.0) / conditionScale)
            worst = max(worst, relative(report.gain, expected.2.gain) / conditionScale)
            let distanceError = abs(report.mahalanobisSquared - expected.2.mahalanobisSquared)
            worst = max(worst, distanceError / max(1, expected.2.mahalanobisSquared) / conditionScale)
        }
        return (worst, mismatches, fast)
    }

    @Test("4 states, 2 measurements (closed-form S⁻¹), with and without a gate", arguments: [nil, 5.99] as [Double?])
    func fourByTwo(gate: Double?) {
        let result = Self.compare(KalmanFilter<4, 2, Double>.self, seed: 0x5E1E_C7, trials: 2000, gate: gate)
        #expect(result.fastPathUsed == 2000)
        #expect(result.statusMismatches == 0)
        #expect(result.worst <= 1e-12, "worst \(result.worst)")
    }

    @Test(
        "4 states, 2 measurements of states 0 and 2 (the written-out constant-velocity form)",
        arguments: [nil, 5.99] as [Double?])
    func constantVelocityLayout(gate: Double?) {
        let result = Self.compare(
            KalmanFilter<4, 2, Double>.self, seed: 0xC0FFEE, trials: 2000, gate: gate, fixedColumns: [0, 2])
        #expect(result.fastPathUsed == 2000)
        #expect(result.statusMismatches == 0)
        #expect(result.worst <= 1e-12, "worst \(result.worst)")
    }

    @Test("4 states, 2 measurements of the same state (ill-conditioned S)")
    func repeatedState() {
        let result = Self.compare(KalmanFilter<4, 2, Double>.self, seed: 12, trials: 1000, gate: nil, repeated: true)
        #expect(result.fastPathUsed == 1000)
        #expect(result.statusMismatches == 0)
        #expect(result.worst <= 1e-12, "worst \(result.worst)")
    }

    @Test("2 states, 1 measurement and 6 states, 3 measurements (Cholesky on the selected block)")
    func otherShapes() {
        let one = Self.compare(KalmanFilter<2, 1, Double>.self, seed: 7, trials: 1000, gate: 3.84)
        #expect(one.fastPathUsed == 1000 && one.statusMismatches == 0)
        #expect(one.worst <= 1e-12, "worst \(one.worst)")
        let three = Self.compare(KalmanFilter<6, 3, Double>.self, seed: 8, trials: 1000, gate: nil)
        #expect(three.fastPathUsed == 1000 && three.statusMismatches == 0)
        #expect(three.worst <= 1e-12, "worst \(three.worst)")
    }

    @Test("a 200-step constant-velocity run with dropouts and jumps tracks the dense path to 1e-9")
    func longRun() throws {
        var rng = SplitMix64(seed: 99)
        let model = try KinematicModel<4, Double>(order: .constantVelocity, noise: .discrete(variance: 0.3))
        var filter = KalmanBehaviourTests.gpsFilter(Double.self)
        filter.measurementNoise = Matrix(rows: [[16, 3], [3, 9]])
        var x = filter.state
        var p = filter.covariance
        var worst = 0.0
        for k in 0..<200 {
            let dt = Self.uniform(&rng, 0.1...3)
            filter.predict(using: model, dt: dt)
            model.transform(state: &x, covariance: &p, dt: dt)
            model.addProcessNoise(to: &p, dt: dt)
            let jump = k % 37 == 5 ? 150.0 : 0
            let z: Matrix<2, 1, Double>? =
                k % 11 == 3
                ? nil
                : Matrix(column: 500 + Double(k) + Self.uniform(&rng, -4...4) + jump, 200 + Self.uniform(&rng, -4...4))
            let report = filter.update(z)
            let expected = kalmanCorrect(
                state: &x, covariance: &p, measurement: z, predicted: filter.measurementMatrix * x,
                h: filter.measurementMatrix, noise: filter.measurementNoise, gateThreshold: filter.gateThreshold)
            #expect(report.status == expected.status, "step \(k)")
            worst = max(worst, filter.state.maximumAbsoluteDifference(to: x))
            worst = max(worst, filter.covariance.maximumAbsoluteDifference(to: p))
        }
        #expect(worst <= 1e-9, "worst \(worst)")
    }

    @Test("selection detection: one 1 per row among zeros, re-detected when H is set")
    func detection() {
        #expect(
            MeasurementSelection<2>.detect(in: Matrix<2, 4, Double> { r, c in c == 2 * r ? 1 : 0 })?.columns[1] == 2)
        var h = Matrix<2, 4, Double> { r, c in c == 2 * r ? 1 : 0 }
        h[0, 1] = 1
        #expect(MeasurementSelection<2>.detect(in: h) == nil)  // two ones in a row
        h[0, 1] = -0.0
        #expect(MeasurementSelection<2>.detect(in: h) == nil)  // a negative zero
        h[0, 1] = 0
        h[1, 2] = 2
        #expect(MeasurementSelection<2>.detect(in: h) == nil)  // a 2
        h[1, 2] = 0
        #expect(MeasurementSelection<2>.detect(in: h) == nil)  // an empty row
        h[1, 2] = .nan
        #expect(MeasurementSelection<2>.detect(in: h) == nil)
        var filter = KalmanBehaviourTests.gpsFilter(Double.self)
        #expect(filter.measurementSelection?.columns[0] == 0)
        filter.measurementMatrix[1, 3] = 0.5
        #expect(filter.measurementSelection == nil)
        let expected = Self.dense(filter, Matrix(column: 503, 201))
        let report = filter.update(Matrix(column: 503, 201))
        #expect(report.status == expected.2.status && filter.state == expected.0 && filter.covariance == expected.1)
        filter.measurementMatrix[1, 3] = 0
        #expect(filter.measurementSelection?.columns[1] == 2)
    }

    @Test("non-finite state or covariance and singular or near-singular S: the dense path's outcome")
    func refusals() {
        // An infinite variance outside the measured block: the dense path's zero products give NaN.
        var filter = KalmanBehaviourTests.gpsFilter(Double.self)
        filter.covariance[1, 1] = .infinity
        var expected = Self.dense(filter, Matrix(column: 503, 201))
        var report = filter.update(Matrix(column: 503, 201))
        #expect(report.status == expected.2.status)
        #expect(report.status == .rejected(.innovationCovarianceNotPositiveDefinite))
        // NaN in the state.
        filter = KalmanBehaviourTests.gpsFilter(Double.self, gate: nil)
        filter.state[3] = .nan
        expected = Self.dense(filter, Matrix(column: 503, 201))
        report = filter.update(Matrix(column: 503, 201))
        #expect(report.status == expected.2.status)
        #expect(filter.state[0].isNaN == expected.0[0].isNaN && filter.covariance.isFinite == expected.1.isFinite)
        // S exactly singular (P's measured block and R rank one) and barely positive definite.
        for offDiagonal in [4.0, 4.0 - 1e-15, 4.0 - 1e-13, 4.0 - 1e-9] {
            filter = KalmanBehaviourTests.gpsFilter(Double.self, gate: nil)
            filter.covariance = Matrix(rows: [[2, 0, 2, 0], [0, 1, 0, 0], [2, 0, 2, 0], [0, 0, 0, 1]])
            filter.measurementNoise = Matrix(rows: [[2, offDiagonal - 2], [offDiagonal - 2, 2]])
            expected = Self.dense(filter, Matrix(column: 1, 1))
            report = filter.update(Matrix(column: 1, 1))
            #expect(report.status == expected.2.status, "\(offDiagonal)")
            #expect(Self.relative(filter.covariance, expected.1) <= 1e-6, "\(offDiagonal)")
        }
        // Missing and non-finite measurements.
        filter = KalmanBehaviourTests.gpsFilter(Double.self)
        #expect(filter.update(nil).status == .missing)
        #expect(filter.update(Matrix(column: 1, .infinity)).status == .rejected(.nonFiniteMeasurement))
    }

    @Test("Float: the fast path agrees with the dense one to Float rounding")
    func float() throws {
        var rng = SplitMix64(seed: 5)
        let model = try KinematicModel<4, Float>(order: .constantVelocity, noise: .continuous(spectralDensity: 0.5))
        var filter = KalmanBehaviourTests.gpsFilter(Float.self)
        var x = filter.state
        var p = filter.covariance
        var worst: Float = 0
        for k in 0..<100 {
            filter.predict(using: model, dt: 1)
            model.transform(state: &x, covariance: &p, dt: 1)
            model.addProcessNoise(to: &p, dt: 1)
            let z = Matrix<2, 1, Float>(
                column: 500 + Float(k) + Float(Self.uniform(&rng, -4...4)), 200 + Float(Self.uniform(&rng, -4...4)))
            let report = filter.update(z)
            let expected = kalmanCorrect(
                state: &x, covariance: &p, measurement: z, predicted: filter.measurementMatrix * x,
                h: filter.measurementMatrix, noise: filter.measurementNoise, gateThreshold: filter.gateThreshold)
            #expect(report.status == expected.status)
            worst = max(worst, filter.state.maximumAbsoluteDifference(to: x) / 1000)
            worst = max(worst, filter.covariance.maximumAbsoluteDifference(to: p) / 100)
        }
        #expect(worst <= 1e-5, "worst \(worst)")
    }
}
