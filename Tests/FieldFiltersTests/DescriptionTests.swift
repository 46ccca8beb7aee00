import FieldFilters
import Testing

/// What users print: matrices, Kalman reports, smoother estimates and errors show their numbers.
@Suite("Printing matrices, reports and errors") struct DescriptionTests {
    @Test func matricesPrintRowByRow() {
        var m = Matrix<2, 2, Double>.identity
        m[0, 1] = 0.5
        #expect(String(describing: m) == "[[1.0, 0.5], [0.0, 1.0]]")
        #expect(String(describing: Matrix<2, 1, Float>(column: 3, 4)) == "[[3.0], [4.0]]")
    }

    @Test func kalmanReportsShowTheirNumbers() {
        var filter = KalmanFilter<1, 1, Double>(
            state: Matrix(column: 0), covariance: Matrix(repeating: 1), measurementMatrix: Matrix(repeating: 1),
            measurementNoise: Matrix(repeating: 1), gateThreshold: 9)
        let report = filter.update(Matrix(column: 2))
        #expect(report.status == .updated)
        #expect(
            String(describing: report) == "updated: innovation [[2.0]], S [[2.0]], d² 2.0 (gate 9.0), gain [[0.5]]")
        let rejected = filter.update(Matrix(column: 100))
        #expect(String(describing: rejected).hasPrefix("rejected (outsideGate): innovation [[99.0]], S [[1.5]], d² "))
        #expect(String(describing: filter.update(nil)) == "missing")
        #expect(String(describing: filter.update(Matrix(column: .nan))) == "rejected (nonFiniteMeasurement)")
    }

    @Test func estimatesAndStabiliserDecisionsPrint() throws {
        let estimate = KalmanEstimate(state: Matrix<2, 1, Double>(column: 1, 0.5), covariance: .identity)
        #expect(String(describing: estimate) == "state [[1.0], [0.5]], covariance [[1.0, 0.0], [0.0, 1.0]]")
        var alarm = try HysteresisAlarm<Double>(activateAt: 10, deactivateAt: 15)
        #expect(alarm.update(5).map(String.init(describing:)) == "activated")
        let hampel = try HampelFilter(halfWindow: 2, sigmas: 3).apply([1, 1, 1, 9, 1, 1, 1] as [Double])
        #expect(String(describing: hampel) == "values [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], outliers [3]")
    }

    @Test func errorsNameTheProblem() {
        let error = FieldFiltersError.invalidParameter(name: "alpha", reason: "must be in (0, 1]")
        #expect(error.code == .invalidParameter)
        #expect(error.parameter == "alpha" && error.requirement == "must be in (0, 1]")
        #expect(error.offset == nil && error.rule == nil)
        #expect(String(describing: error) == "invalid parameter 'alpha': must be in (0, 1]")
        #expect(
            String(describing: FieldFiltersError.notEnoughSamples(needed: 11, available: 3))
                == "not enough samples: 11 needed, 3 given")
        #expect(FieldFiltersError.notPositiveDefinite(pivot: 1).pivot == 1)
        #expect(FieldFiltersError.Code.nonFiniteInput.description == "nonFiniteInput")
        #expect(Set([error, error, .nonFiniteInput(index: 2)]).count == 2)
    }
}
