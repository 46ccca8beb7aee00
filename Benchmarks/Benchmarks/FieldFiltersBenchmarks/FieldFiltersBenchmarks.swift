import Benchmark
import FieldFilters

/// FieldFilters: one constant-velocity Kalman step (predict + update, 4 states, 2 measurements),
/// Double and Float, a batch of 1,024 independent filters, and the cheap smoothers. Each benchmark
/// iteration is `scaledIterations` steps; figures are per step.
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 100_000
    )

    func makeFilter<S: FilterScalar>(_: S.Type) -> KalmanFilter<4, 2, S> {
        KalmanFilter<4, 2, S>(
            state: Matrix(column: 500, 0, 200, 0),
            covariance: .diagonal(Matrix(column: 16, 100, 16, 100)),
            measurementMatrix: Matrix { r, c in c == 2 * r ? 1 : 0 },
            measurementNoise: .diagonal(Matrix(column: 16, 16)),
            gateThreshold: 13.8155)
    }

    func measurements<S: FilterScalar>(_: S.Type) -> [Matrix<2, 1, S>] {
        var result: [Matrix<2, 1, S>] = []
        for i in 0..<64 {
            let east: Int = 500 + (i * 37) % 11
            let north: Int = 200 - (i * 13) % 7
            result.append(Matrix(column: S(east), S(north)))
        }
        return result
    }

    func step<S: FilterScalar>(_ label: String, _: S.Type) {
        Benchmark("CV 4x2 step (predict + update), \(label)", configuration: configuration) { benchmark in
            let model = try! KinematicModel<4, S>(order: .constantVelocity, noise: .continuous(spectralDensity: 0.5))
            var filter = makeFilter(S.self)
            let zs = measurements(S.self)
            benchmark.startMeasurement()
            for i in benchmark.scaledIterations {
                filter.predict(using: model, dt: 1)
                blackHole(filter.update(zs[i & 63]).status)
            }
            benchmark.stopMeasurement()
            blackHole(filter.state)
        }
    }
    step("Double", Double.self)
    step("Float", Float.self)

    Benchmark("CV 4x2 step, dense F and Q (predict(transition:processNoise:)), Double", configuration: configuration) {
        benchmark in
        let model = try! KinematicModel<4, Double>(order: .constantVelocity, noise: .continuous(spectralDensity: 0.5))
        let f = model.transition(dt: 1)
        let q = model.processNoise(dt: 1)
        var filter = makeFilter(Double.self)
        let zs = measurements(Double.self)
        benchmark.startMeasurement()
        for i in benchmark.scaledIterations {
            filter.predict(transition: f, processNoise: q)
            blackHole(filter.update(zs[i & 63]).status)
        }
        benchmark.stopMeasurement()
        blackHole(filter.state)
    }

    func batch<S: FilterScalar>(_ label: String, _: S.Type) {
        Benchmark(
            "batch of 1,024 CV 4x2 filters, one step each (per filter-step), \(label)",
            configuration: .init(
                metrics: [.wallClock, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(3),
                maxIterations: 100_000)
        ) { benchmark in
            let model = try! KinematicModel<4, S>(order: .constantVelocity, noise: .continuous(spectralDensity: 0.5))
            var filters = [KalmanFilter<4, 2, S>](repeating: makeFilter(S.self), count: 1024)
            let zs = measurements(S.self)
            benchmark.startMeasurement()
            // One scaled iteration is one filter-step; the 1,024 filters are stepped round-robin,
            // so every step touches a different filter's state (as a server tracking a fleet does).
            filters.withUnsafeMutableBufferPointer { buffer in
                for i in benchmark.scaledIterations {
                    let j = i & 1023
                    buffer[j].predict(using: model, dt: 1)
                    blackHole(buffer[j].update(zs[(i >> 10) & 63]).status)
                }
            }
            benchmark.stopMeasurement()
            blackHole(filters[0].state)
        }
    }
    batch("Double", Double.self)
    batch("Float", Float.self)

    func bank<S: FilterScalar>(_ label: String, _: S.Type) {
        Benchmark(
            "batch of 1,024 CV 2-axis filters, ConstantVelocityFilterBank (per filter-step), \(label)",
            configuration: .init(
                metrics: [.wallClock, .mallocCountTotal], scalingFactor: .kilo, maxDuration: .seconds(3),
                maxIterations: 100_000)
        ) { benchmark in
            var fleet = try! ConstantVelocityFilterBank<2, S>(
                count: 1024, noise: .continuous(spectralDensity: 0.5), measurementVariance: 16,
                positionVariance: 16, velocityVariance: 100, gateThreshold: 13.8155)
            let zs = measurements(S.self).map { z in InlineArray<2, S> { z[$0] } }
            for j in 0..<1024 { fleet.reset(j, position: [500, 200]) }
            benchmark.startMeasurement()
            for i in benchmark.scaledIterations {
                blackHole(fleet.step(i & 1023, dt: 1, measurement: zs[(i >> 10) & 63]))
            }
            benchmark.stopMeasurement()
            blackHole(fleet.position(of: 0, axis: 0))
        }
    }
    bank("Double", Double.self)
    bank("Float", Float.self)

    func planar<S: FilterScalar>(_ label: String, _: S.Type) {
        Benchmark(
            "batch of 1,024 coupled CV 4x2 filters, PlanarKalmanFilterBank (per filter-step), \(label)",
            configuration: .init(
                metrics: [.wallClock, .mallocCountTotal], scalingFactor: .mega, maxDuration: .seconds(3),
                maxIterations: 1_000)
        ) { benchmark in
            let model = try! KinematicModel<4, S>(order: .constantVelocity, noise: .continuous(spectralDensity: 0.5))
            var fleet = try! PlanarKalmanFilterBank<S>(
                count: 1024, model: model, measurementMatrix: Matrix { r, c in c == 2 * r ? 1 : 0 },
                measurementNoise: .diagonal(Matrix(column: 16, 16)), state: Matrix(column: 500, 0, 200, 0),
                covariance: .diagonal(Matrix(column: 16, 100, 16, 100)), gateThreshold: 13.8155)
            let dt = [S](repeating: 1, count: 1024)
            let fixes = measurements(S.self).map { z in [Matrix<2, 1, S>?](repeating: z, count: 1024) }
            var round = 0
            benchmark.startMeasurement()
            // One scaled iteration is one filter-step and a bank step is 1,024 filter-steps, so a
            // sample (10^6 scaled iterations) runs 977 bank steps: the figure is 0.05 % pessimistic.
            // Many bank steps per sample keep the freshly allocated setup from being timed cold.
            var done = 0
            while done < benchmark.scaledIterations.count {
                try! fleet.step(dt: dt, measurements: fixes[round & 63])
                round += 1
                done += 1024
            }
            benchmark.stopMeasurement()
            blackHole(fleet.state(of: 0))
        }
    }
    planar("Double", Double.self)
    planar("Float", Float.self)

    Benchmark("1€ filter sample, Double", configuration: configuration) { benchmark in
        var filter = try! OneEuroFilter<Double>(frequency: 60, minCutoff: 1, beta: 0.05)
        var t = 1.0
        for i in benchmark.scaledIterations {
            t += 1.0 / 60
            blackHole(filter.update(Double(i & 15), at: t))
        }
    }

    Benchmark("moving average (window 32) sample, Double", configuration: configuration) { benchmark in
        var average = MovingAverage<32, Double>()
        for i in benchmark.scaledIterations { blackHole(average.update(Double(i & 255))) }
    }

    Benchmark("moving median (window 15) sample, Double", configuration: configuration) { benchmark in
        var median = MovingMedian<15, Double>()
        for i in benchmark.scaledIterations { blackHole(median.update(Double((i &* 7919) & 1023))) }
    }
}
