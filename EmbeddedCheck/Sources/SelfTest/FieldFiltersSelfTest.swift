#if canImport(FieldFilters)
    import FieldFilters

    /// FieldFilters on the device: a Float constant-velocity Kalman filter with gating, Cholesky
    /// failure reporting, the moving median, Hampel-free streaming smoothers and the alarm machinery,
    /// all in Embedded Swift (no existentials, no Foundation, typed throws).
    func runFieldFiltersSelfTest(_ check: inout Checker) {
        check.begin("FieldFilters")
        checkCholesky(&check)
        guard let model = checkGatedTrack(&check) else { return }
        checkFilterBank(&check)
        checkCoupledBank(&check, model: model)
        checkTimeConstantAverage(&check)
        checkBatchSmoothers(&check)
        checkStreamingSmoothers(&check)
        checkAlarms(&check)
    }

    /// Cholesky: a solve, a typed failure naming the pivot, and the chi-square gate.
    private func checkCholesky(_ check: inout Checker) {
        // Cholesky: factor, solve, and a typed failure instead of NaN.
        let a = Matrix<2, 2, Float> { r, c in r == c ? (r == 0 ? 4 : 3) : 2 }
        do throws(FieldFiltersError) {
            let factor = try CholeskyFactor(a)
            let x = factor.solve(Matrix<2, 1, Float>(column: 2, 1))
            check.expect(abs(x[0] - 0.5) < 1e-6 && abs(x[1]) < 1e-6, "FieldFilters: Cholesky solve")
        } catch {
            check.expect(false, "FieldFilters: Cholesky of an SPD matrix")
        }
        var singular = Matrix<3, 3, Double>.identity
        singular[2, 2] = 0
        var pivot = -1
        do throws(FieldFiltersError) {
            _ = try CholeskyFactor(singular)
        } catch {
            if error.code == .notPositiveDefinite, let p = error.pivot { pivot = p }
        }
        check.expect(pivot == 2, "FieldFilters: Cholesky reports the failing pivot")

        // The 99.9 % gate for 2 measured quantities, computed on the device.
        do throws(FieldFiltersError) {
            let gate: Double = try ChiSquare.quantile(0.999, degreesOfFreedom: 2)
            check.expect(abs(gate - 13.815510557964274) < 1e-9, "FieldFilters: chi-square quantile")
        } catch {
            check.expect(false, "FieldFilters: chi-square quantile arguments")
        }
    }

    /// A gated constant-velocity track; returns the kinematic model the bank checks reuse.
    private func checkGatedTrack(_ check: inout Checker) -> KinematicModel<4, Float>? {
        // A 2-D constant-velocity track at 1 m/s east with a 100 m jump that the gate must refuse.
        var filter = KalmanFilter<4, 2, Float>(
            state: Matrix(column: 0, 0, 0, 0),
            covariance: .diagonal(Matrix(column: 16, 100, 16, 100)),
            measurementMatrix: Matrix { r, c in c == 2 * r ? 1 : 0 },
            measurementNoise: .diagonal(Matrix(column: 4, 4)),
            gateThreshold: 13.8155)
        var model: KinematicModel<4, Float>?
        do throws(FieldFiltersError) {
            model = try KinematicModel(order: .constantVelocity, noise: .continuous(spectralDensity: 0.1))
        } catch {
            check.expect(false, "FieldFilters: kinematic model")
        }
        guard let model else { return nil }
        var rejected = 0
        for k in 1...40 {
            filter.predict(using: model, dt: 1)
            let jump: Float = k == 25 ? 100 : 0
            let report = filter.update(Matrix(column: Float(k) + jump, 0))
            if report.status == .rejected(.outsideGate) { rejected += 1 }
        }
        check.expect(rejected == 1, "FieldFilters: the gate rejects the jump")
        check.expect(abs(filter.state[0] - 40) < 1.5 && abs(filter.state[1] - 1) < 0.2, "FieldFilters: track follows")
        check.expect(filter.update(nil).status == .missing, "FieldFilters: missing measurement")
        return model
    }

    /// The closed-form constant-velocity bank.
    private func checkFilterBank(_ check: inout Checker) {
        // A small fleet: filter 2 of 4 tracks the same 1 m/s motion through the closed-form bank.
        do throws(FieldFiltersError) {
            var fleet = try ConstantVelocityFilterBank<2, Float>(
                count: 4, noise: .continuous(spectralDensity: 0.1), measurementVariance: 4, positionVariance: 16,
                velocityVariance: 100, gateThreshold: 13.8155)
            var bankRejected = 0
            for k in 1...40 {
                let jump: Float = k == 25 ? 100 : 0
                if fleet.step(2, dt: 1, measurement: [Float(k) + jump, 0]) == .rejected(.outsideGate) {
                    bankRejected += 1
                }
            }
            check.expect(bankRejected == 1, "FieldFilters: the bank's gate rejects the jump")
            check.expect(abs(fleet.position(of: 2, axis: 0) - 40) < 1.5, "FieldFilters: bank track follows")
            check.expect(fleet.position(of: 1, axis: 0) == 0, "FieldFilters: other bank filters untouched")
        } catch {
            check.expect(false, "FieldFilters: filter bank construction")
        }
    }

    /// The planar bank stepped four filters at a time against a single filter.
    private func checkCoupledBank(_ check: inout Checker, model: KinematicModel<4, Float>) {
        // Coupled filters stepped four at a time: lane 4 of 5 (a partial block) follows the
        // single filter, and the jump is refused in that lane only.
        do throws(FieldFiltersError) {
            let h = Matrix<2, 4, Float> { r, c in c == 2 * r ? 1 : 0 }
            var coupled = try PlanarKalmanFilterBank<Float>(
                count: 5, model: model, measurementMatrix: h, measurementNoise: .diagonal(Matrix(column: 4, 4)),
                state: .zero, covariance: .diagonal(Matrix(column: 16, 100, 16, 100)), gateThreshold: 13.8155)
            var single = KalmanFilter<4, 2, Float>(
                state: .zero, covariance: .diagonal(Matrix(column: 16, 100, 16, 100)), measurementMatrix: h,
                measurementNoise: .diagonal(Matrix(column: 4, 4)), gateThreshold: 13.8155)
            var agree = true
            for k in 1...40 {
                let jump: Float = k == 25 ? 100 : 0
                let z = Matrix<2, 1, Float>(column: Float(k) + jump, 0)
                var fixes = [Matrix<2, 1, Float>?](repeating: nil, count: 5)
                fixes[4] = z
                try coupled.step(dt: [1, 1, 1, 1, 1], measurements: fixes)
                single.predict(using: model, dt: 1)
                agree = agree && single.update(z).status == coupled.statuses[4]
                agree = agree && coupled.state(of: 4).maximumAbsoluteDifference(to: single.state) < 1e-3
            }
            check.expect(agree, "FieldFilters: coupled bank lane follows KalmanFilter")
            check.expect(coupled.statuses[0] == .missing, "FieldFilters: coupled bank missing lanes")
        } catch {
            check.expect(false, "FieldFilters: coupled bank")
        }
    }

    /// The exponential moving average with a time constant.
    private func checkTimeConstantAverage(_ check: inout Checker) {
        // Time-constant EMA (uses the pure-Swift exponential).
        do throws(FieldFiltersError) {
            var ema = try ExponentialMovingAverage<Double>(timeConstant: 10)
            _ = ema.update(0)
            let value = ema.update(1, dt: 10)
            check.expect(abs(value - 0.6321205588285577) < 1e-12, "FieldFilters: EMA with a time constant")
        } catch {
            check.expect(false, "FieldFilters: EMA construction")
        }
    }

    /// Savitzky-Golay, Hampel and the RTS smoother.
    private func checkBatchSmoothers(_ check: inout Checker) {
        // Batch smoothers: Savitzky-Golay keeps a quadratic exactly, Hampel flags the spike, RTS runs.
        do throws(FieldFiltersError) {
            let quadratic: [Double] = (0..<12).map { Double($0 * $0) }
            let smoothed = try SavitzkyGolayFilter<Double>(window: 5, order: 2).apply(quadratic)
            let slope = try SavitzkyGolayFilter<Double>(window: 5, order: 2, derivative: 1).apply(quadratic)
            check.expect(abs(smoothed[0]) < 1e-9 && abs(smoothed[11] - 121) < 1e-9, "FieldFilters: Savitzky-Golay")
            check.expect(abs(slope[6] - 12) < 1e-9, "FieldFilters: Savitzky-Golay derivative")
            let spiky: [Float] = [1, 1.1, 0.9, 1, 9, 1, 1.05, 0.95, 1]
            let hampel = try HampelFilter(halfWindow: 3, sigmas: 3).apply(spiky)
            check.expect(hampel.outliers == [4], "FieldFilters: Hampel flags the spike")
            var records: [KalmanStepRecord<2, Double>] = []
            var line = KalmanFilter<2, 1, Double>(
                state: .zero, covariance: .identity, measurementMatrix: Matrix { _, c in c == 0 ? 1 : 0 },
                measurementNoise: Matrix(repeating: 1))
            let cv = try KinematicModel<2, Double>(order: .constantVelocity, noise: .discrete(variance: 0.01))
            for k in 0..<10 {
                let f = cv.transition(dt: 1)
                line.predict(transition: f, processNoise: cv.processNoise(dt: 1))
                let prior = (line.state, line.covariance)
                line.update(Matrix(column: Double(k)))
                records.append(
                    KalmanStepRecord(
                        transition: f, priorState: prior.0, priorCovariance: prior.1, state: line.state,
                        covariance: line.covariance))
            }
            let rts = try RTSSmoother.smooth(records)
            check.expect(rts.count == 10 && rts[0].covariance[0, 0] < records[0].covariance[0, 0], "FieldFilters: RTS")
        } catch {
            check.expect(false, "FieldFilters: batch smoothers")
        }
    }

    /// The moving median and average and the 1€ filter.
    private func checkStreamingSmoothers(_ check: inout Checker) {
        // Streaming smoothers.
        var median = MovingMedian<5, Float>()
        var last: Float = 0
        for v: Float in [1, 2, 100, 3, 4] { last = median.update(v) }
        check.expect(last == 3, "FieldFilters: moving median ignores a spike")
        var average = MovingAverage<4, Double>()
        var mean = 0.0
        for v in [1.0, 2, 3, 4, 5] { mean = average.update(v) }
        check.expect(mean == 3.5, "FieldFilters: moving average")
        do throws(FieldFiltersError) {
            var euro = try OneEuroFilter<Float>(frequency: 60, minCutoff: 1, beta: 0.05)
            let first = euro.update(10, at: 1)
            check.expect(first == 10, "FieldFilters: 1€ first sample passes through")
        } catch {
            check.expect(false, "FieldFilters: 1€ construction")
        }
    }

    /// The hysteresis alarm and the debouncer.
    private func checkAlarms(_ check: inout Checker) {
        // The fuel-level alarm: raises once, clears after the refill.
        do throws(FieldFiltersError) {
            var alarm = try HysteresisAlarm<Float>(activateAt: 10, deactivateAt: 15)
            var events = 0
            for level: Float in [20, 12, 9, 11, 8, 12, 10, 13, 9, 16, 60] where alarm.update(level) != nil {
                events += 1
            }
            check.expect(events == 2 && !alarm.isActive, "FieldFilters: hysteresis alarm")
        } catch {
            check.expect(false, "FieldFilters: hysteresis construction")
        }
        var debouncer = Debouncer<Bool, Float>(initial: false, minimumDuration: 2)
        _ = debouncer.update(true, at: 0)
        check.expect(debouncer.update(true, at: 2) == true, "FieldFilters: debounce")
    }
#endif
