/// A moving median over the last `Window` samples, stored inline.
///
/// Keeps the ring of samples and a sorted copy; each sample removes the oldest value from the
/// sorted copy and inserts the new one (O(Window) moves, no allocation). The median of an even
/// count is the mean of the two middle values. Immune to isolated spikes that would drag a mean.
///
/// ```swift
/// var median = MovingMedian<5, Double>()
/// median.update(1); median.update(100); median.update(2)   // 2
/// ```
@frozen
public struct MovingMedian<let Window: Int, Scalar: FilterScalar>: Sendable {
    @usableFromInline var ring: InlineArray<Window, Scalar>
    @usableFromInline var sorted: InlineArray<Window, Scalar>
    @usableFromInline var next = 0
    @usableFromInline var filled = 0

    /// Creates an empty median.
    @inlinable
    public init() {
        precondition(Window > 0, "MovingMedian needs a window of at least 1")
        ring = InlineArray(repeating: 0)
        sorted = InlineArray(repeating: 0)
    }

    /// The current median, or `nil` before the first sample.
    @inlinable
    public var value: Scalar? {
        guard filled > 0 else { return nil }
        let mid = filled / 2
        return filled % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Adds a sample and returns the median of the last `Window` samples.
    ///
    /// - Parameter sample: The new value; a non-finite value is ignored.
    /// - Returns: The median, or NaN if no finite sample was ever added.
    /// - Complexity: O(Window).
    @inlinable
    @discardableResult
    public mutating func update(_ sample: Scalar) -> Scalar {
        guard sample.isFinite else { return value ?? .nan }
        if filled == Window {
            // Remove the oldest value from the sorted copy.
            let old = ring[next]
            var i = 0
            while i < filled - 1 && sorted[i] != old { i += 1 }
            while i < filled - 1 {
                sorted[i] = sorted[i + 1]
                i += 1
            }
            filled -= 1
        }
        // Insert the new value.
        var j = filled
        while j > 0 && sorted[j - 1] > sample {
            sorted[j] = sorted[j - 1]
            j -= 1
        }
        sorted[j] = sample
        filled += 1
        ring[next] = sample
        next = next + 1 == Window ? 0 : next + 1
        return value ?? .nan
    }
}
