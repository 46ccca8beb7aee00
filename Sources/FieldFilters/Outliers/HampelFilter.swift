/// The Hampel identifier: flags a sample as an outlier when it is more than `k` robust standard
/// deviations from the median of its neighbourhood, and replaces it by that median.
///
/// For sample `i` the window is `i - h ... i + h`, truncated at the ends of the series. With `m`
/// the window median and `MAD` the median absolute deviation from `m`, the robust standard
/// deviation is `σ = 1.4826 · MAD` (consistent with a Gaussian's σ); sample `i` is an outlier when
/// `|xᵢ - m| > k σ`. Good against GPS jumps and sensor spikes; a flat window (`MAD = 0`) flags any
/// sample that differs from the median.
///
/// ```swift
/// let hampel = try HampelFilter(halfWindow: 5, sigmas: 3)
/// let result = try hampel.apply(temperatures)
/// print(result.outliers)   // indices of spikes
/// ```
@frozen
public struct HampelFilter: Sendable {
    /// `h`: the window is `2h + 1` samples.
    public let halfWindow: Int
    /// `k`: the threshold in robust standard deviations.
    public let sigmas: Double

    /// The Gaussian consistency factor for the median absolute deviation, `1 / Φ⁻¹(3/4)`.
    public static let madScale = 1.4826

    /// The result of a run: the cleaned series and where the outliers were.
    public struct Result<Scalar: FilterScalar>: Sendable {
        /// The series with every outlier replaced by its window median.
        public var values: [Scalar]
        /// `true` at each outlier.
        public var isOutlier: [Bool]

        /// The indices of the outliers, ascending.
        public var outliers: [Int] { isOutlier.indices.filter { isOutlier[$0] } }
    }

    /// Creates a Hampel filter.
    ///
    /// - Parameters:
    ///   - halfWindow: `h ≥ 1`.
    ///   - sigmas: `k > 0` (3 is the classic choice).
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` when a parameter is out of range.
    public init(halfWindow: Int, sigmas: Double) throws(FieldFiltersError) {
        guard halfWindow >= 1, halfWindow <= 1 << 20 else {
            throw .invalidParameter(name: "halfWindow", reason: "must be in 1...1048576")
        }
        guard sigmas > 0, sigmas.isFinite else { throw .invalidParameter(name: "sigmas", reason: "must be > 0") }
        self.halfWindow = halfWindow
        self.sigmas = sigmas
    }

    /// Runs the identifier over a whole series.
    ///
    /// ```swift
    /// let cleaned = try HampelFilter(halfWindow: 3, sigmas: 3).apply(series).values
    /// ```
    /// - Parameter samples: The series.
    /// - Returns: The cleaned series and the outlier flags.
    /// - Throws: ``FieldFiltersError/nonFiniteInput(index:)`` for a NaN or infinite sample.
    /// - Complexity: O(n · h log h).
    public func apply<Scalar: FilterScalar>(_ samples: [Scalar]) throws(FieldFiltersError) -> Result<Scalar> {
        for (i, x) in samples.enumerated() where !x.isFinite { throw .nonFiniteInput(index: i) }
        var values = samples
        var flags = [Bool](repeating: false, count: samples.count)
        var window: [Scalar] = []
        window.reserveCapacity(2 * halfWindow + 1)
        let threshold = Scalar(sigmas * Self.madScale)
        for i in samples.indices {
            let lower = max(0, i - halfWindow)
            let upper = min(samples.count - 1, i + halfWindow)
            window.removeAll(keepingCapacity: true)
            window.append(contentsOf: samples[lower...upper])
            let median = Median.ofMutable(&window)
            for j in window.indices { window[j] = (window[j] - median).magnitude }
            let mad = Median.ofMutable(&window)
            if (samples[i] - median).magnitude > threshold * mad {
                values[i] = median
                flags[i] = true
            }
        }
        return Result(values: values, isOutlier: flags)
    }
}

#if !hasFeature(Embedded)
    extension HampelFilter.Result: CustomStringConvertible {
        /// The cleaned values and the outliers' indices: `values [1.0, 1.1, 1.0], outliers [2]`.
        ///
        /// Host builds only: Embedded Swift cannot format floating-point numbers.
        public var description: String { "values \(values), outliers \(outliers)" }
    }
#endif
