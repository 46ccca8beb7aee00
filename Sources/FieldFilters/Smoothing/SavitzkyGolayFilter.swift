/// The Savitzky-Golay filter: a least-squares polynomial fit over a sliding window, giving a
/// smoothed value or a smoothed derivative that keeps peaks better than a moving average.
///
/// Any odd window `W`, any order `p < W`, any derivative `d` (0 smooths; 1 gives a rate; `d > p`
/// gives zeros). Sample spacing `delta` scales derivatives by `1 / delta^d`. The ends follow
/// scipy's `savgol_filter(mode="interp")`: the polynomial fitted to the first (last) `W` samples is
/// evaluated at the first (last) `W / 2` positions. The weights are computed once, with a QR
/// factorisation of the scaled Vandermonde matrix (well conditioned for high orders).
///
/// ```swift
/// let smooth = try SavitzkyGolayFilter<Double>(window: 11, order: 2)
/// let rate = try SavitzkyGolayFilter<Double>(window: 11, order: 2, derivative: 1, delta: 60)
/// let y = try smooth.apply(temperatures)
/// ```
public struct SavitzkyGolayFilter<Scalar: FilterScalar>: Sendable {
    /// The window length (odd).
    public let window: Int
    /// The polynomial order.
    public let order: Int
    /// The derivative order.
    public let derivative: Int
    /// The weights applied to a full window to get the value at its centre.
    public let coefficients: [Scalar]
    /// `edgeWeights[o]` gives the value at offset `o` of a window (`o ≠ W / 2`).
    let edgeWeights: [[Scalar]]

    /// Computes the filter weights.
    ///
    /// - Parameters:
    ///   - window: Odd window length `W ≥ 1` (at most 4097).
    ///   - order: Polynomial order `p` in `0..<W`.
    ///   - derivative: Derivative order `d ≥ 0`.
    ///   - delta: Sample spacing (> 0), used for derivatives.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` for an even or too short window, an
    ///   order not below the window, a negative derivative or a non-positive delta.
    /// - Complexity: O(W² p) once.
    public init(window: Int, order: Int, derivative: Int = 0, delta: Scalar = 1) throws(FieldFiltersError) {
        guard window >= 1, window % 2 == 1, window <= 4097 else {
            throw .invalidParameter(name: "window", reason: "must be odd and in 1...4097")
        }
        guard order >= 0, order < window else {
            throw .invalidParameter(name: "order", reason: "must be in 0..<window")
        }
        guard derivative >= 0, derivative <= 64 else {
            throw .invalidParameter(name: "derivative", reason: "must be in 0...64")
        }
        guard delta > 0, delta.isFinite else { throw .invalidParameter(name: "delta", reason: "must be > 0") }
        self.window = window
        self.order = order
        self.derivative = derivative
        let fit = PolynomialFit(window: window, order: order)
        let scale = Double.power(Double(delta) * fit.unit, derivative)
        var edges: [[Scalar]] = []
        edges.reserveCapacity(window)
        for offset in 0..<window {
            if derivative > order {
                edges.append([Scalar](repeating: 0, count: window))
            } else {
                edges.append(fit.weights(at: offset, derivative: derivative).map { Scalar($0 / scale) })
            }
        }
        coefficients = edges[window / 2]
        edgeWeights = edges
    }

    /// Filters a whole series (scipy `mode="interp"`).
    ///
    /// - Parameter samples: At least `window` samples.
    /// - Returns: The smoothed values (or derivatives), one per sample.
    /// - Throws: ``FieldFiltersError/notEnoughSamples(needed:available:)`` for a series shorter than the
    ///   window; ``FieldFiltersError/nonFiniteInput(index:)`` for NaN or infinity.
    /// - Complexity: O(n · W).
    public func apply(_ samples: [Scalar]) throws(FieldFiltersError) -> [Scalar] {
        guard samples.count >= window else { throw .notEnoughSamples(needed: window, available: samples.count) }
        for (i, x) in samples.enumerated() where !x.isFinite { throw .nonFiniteInput(index: i) }
        let half = window / 2
        let n = samples.count
        var out = [Scalar](repeating: 0, count: n)
        for i in 0..<n {
            let start: Int
            let weights: [Scalar]
            if i < half {
                start = 0
                weights = edgeWeights[i]
            } else if i >= n - half {
                start = n - window
                weights = edgeWeights[i - start]
            } else {
                start = i - half
                weights = coefficients
            }
            var sum: Scalar = 0
            for j in 0..<window { sum += weights[j] * samples[start + j] }
            out[i] = sum
        }
        return out
    }
}

/// Least-squares polynomial fit over `window` equally spaced points, via a thin QR factorisation
/// (modified Gram-Schmidt, applied twice) of the Vandermonde matrix in the scaled coordinate
/// `u = (j - W/2) / unit` in `[-1, 1]`.
struct PolynomialFit {
    let window: Int
    let order: Int
    /// Sample steps per unit of `u`.
    let unit: Double
    /// Q, column-major: `q[i]` is column `i` (length `window`).
    var q: [[Double]]
    /// R, upper triangular: `r[i][j]` for `j ≥ i`.
    var r: [[Double]]

    init(window: Int, order: Int) {
        self.window = window
        self.order = order
        let half = window / 2
        unit = Double(max(half, 1))
        let columns = order + 1
        var a = [[Double]](repeating: [Double](repeating: 0, count: window), count: columns)
        for j in 0..<window {
            let u = Double(j - half) / unit
            var power = 1.0
            for i in 0..<columns {
                a[i][j] = power
                power *= u
            }
        }
        var r = [[Double]](repeating: [Double](repeating: 0, count: columns), count: columns)
        for i in 0..<columns {
            for _ in 0..<2 {
                for k in 0..<i {
                    var dot = 0.0
                    for j in 0..<window { dot += a[k][j] * a[i][j] }
                    r[k][i] += dot
                    for j in 0..<window { a[i][j] -= dot * a[k][j] }
                }
            }
            var norm = 0.0
            for j in 0..<window { norm += a[i][j] * a[i][j] }
            norm = norm.squareRoot()
            r[i][i] = norm
            if norm > 0 {
                for j in 0..<window { a[i][j] /= norm }
            }
        }
        q = a
        self.r = r
    }

    /// The weights that, applied to the window's samples, give the `derivative`-th derivative
    /// (with respect to `u`) of the fitted polynomial at sample `offset`.
    func weights(at offset: Int, derivative: Int) -> [Double] {
        let columns = order + 1
        let u = Double(offset - window / 2) / unit
        // g[i] = dᵈ/duᵈ uⁱ at u.
        var g = [Double](repeating: 0, count: columns)
        for i in derivative..<max(derivative, columns) {
            var factor = 1.0
            for k in 0..<derivative { factor *= Double(i - k) }
            g[i] = factor * Double.power(u, i - derivative)
        }
        // Solve R' t = g (forward substitution), weights = Q t.
        var t = [Double](repeating: 0, count: columns)
        for i in 0..<columns {
            var sum = g[i]
            for k in 0..<i { sum -= r[k][i] * t[k] }
            t[i] = r[i][i] != 0 ? sum / r[i][i] : 0
        }
        var w = [Double](repeating: 0, count: window)
        for i in 0..<columns {
            for j in 0..<window { w[j] += q[i][j] * t[i] }
        }
        return w
    }
}

extension Double {
    /// `base^exponent` for a small non-negative integer exponent, by repeated squaring.
    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        var b = base
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result *= b }
            b *= b
            e >>= 1
        }
        return result
    }
}
