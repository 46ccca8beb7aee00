import FieldFilters
import Foundation
import Testing

/// The worst absolute difference between two series (NaN or a length mismatch is infinite).
func worstDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    var worst = 0.0
    for (x, y) in zip(a, b) {
        let d = abs(x - y)
        if !(d <= worst) { worst = d }
    }
    return worst
}

/// Checks the temperature layout (`z`, `hampel`, `savgol`, `savgol_deriv1` and parameters).
func checkTemperatureCase(
    _ json: [String: Any], halfWindow: Int, sigmas: Double, window: Int, order: Int, delta: Double
) throws {
    let z = json.doubles("z")
    let hampel = try HampelFilter(halfWindow: halfWindow, sigmas: sigmas).apply(z)
    let expected = json.dict("hampel")
    #expect(worstDifference(hampel.values, expected.doubles("y")) <= 1e-9)
    #expect(hampel.outliers == expected.doubles("flagged").map { Int($0) })
    let smooth = try SavitzkyGolayFilter<Double>(window: window, order: order).apply(z)
    let smoothWorst = worstDifference(smooth, json.doubles("savgol"))
    #expect(smoothWorst <= 1e-9, "savgol worst \(smoothWorst)")
    let rate = try SavitzkyGolayFilter<Double>(window: window, order: order, derivative: 1, delta: delta).apply(z)
    let rateWorst = worstDifference(rate, json.doubles("savgol_deriv1"))
    #expect(rateWorst <= 1e-9, "savgol deriv worst \(rateWorst)")
}

/// Checks the 1€ layout (`params`, `t`, `x`, `filtered`).
func checkOneEuroCase(_ json: [String: Any]) throws {
    let p = json.dict("params")
    var filter = try OneEuroFilter<Double>(
        frequency: p.double("freq"), minCutoff: p.double("mincutoff"), beta: p.double("beta"),
        derivativeCutoff: p.double("dcutoff"))
    let t = json.doubles("t")
    let x = json.doubles("x")
    let output = zip(t, x).map { filter.update($1, at: $0) }
    let worst = worstDifference(output, json.doubles("filtered"))
    #expect(worst <= 1e-9, "1€ worst \(worst)")
}

@Suite("Smoothing and outliers against ../shared/filters")
struct SharedSmoothingTests {
    @Test("temperature: Hampel and Savitzky-Golay (scipy interp), value and derivative")
    func temperature() throws {
        guard let json = try ReferenceData.shared("temperature.json") else { return }
        try checkTemperatureCase(json, halfWindow: 5, sigmas: 3, window: 11, order: 2, delta: 60)
    }

    @Test("1€ filter against the official OneEuroFilter package")
    func oneEuro() throws {
        guard let json = try ReferenceData.shared("one_euro.json") else { return }
        try checkOneEuroCase(json)
    }
}
