/// The Wilson score interval for a binomial proportion.
///
/// Unlike the textbook "p̂ ± z·√(p̂(1−p̂)/n)" interval, Wilson's stays inside [0, 1], behaves at
/// 0 and n failures, and keeps close to its nominal coverage for small samples, which is where a
/// rollout's first decisions are made.
///
/// ```swift
/// let interval = WilsonInterval(failures: 1, trials: 2, z: 2.576)
/// print(interval.lower, interval.upper)   // 0.0… 0.9…
/// ```
public struct WilsonInterval: Hashable, Sendable {
    /// The lower bound.
    public var lower: Double
    /// The upper bound.
    public var upper: Double

    /// Computes the interval.
    ///
    /// - Parameters:
    ///   - failures: The number of failures observed (the proportion's numerator).
    ///   - trials: The number of trials; with `0` the interval is [0, 1].
    ///   - z: The standard normal quantile of the confidence level (2.576 for 99% two-sided,
    ///     i.e. 99.5% for each one-sided bound).
    public init(failures: Int, trials: Int, z: Double) {
        guard trials > 0 else {
            lower = 0
            upper = 1
            return
        }
        let n = Double(trials)
        let p = Double(min(max(failures, 0), trials)) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let margin = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        lower = max(0, center - margin)
        upper = min(1, center + margin)
        if failures <= 0 { lower = 0 }
        if failures >= trials { upper = 1 }
    }
}
