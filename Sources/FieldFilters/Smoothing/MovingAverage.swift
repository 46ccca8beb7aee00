/// A simple moving average over the last `Window` samples, O(1) per sample, stored inline.
///
/// A ring of the last samples and a compensated (Neumaier) running sum: adding and removing a
/// value costs O(1) and the sum does not drift over millions of samples. Before the ring is full
/// the average is over the samples seen so far.
///
/// ```swift
/// var sma = MovingAverage<10, Double>()
/// for x in readings { print(sma.update(x)) }
/// ```
@frozen
public struct MovingAverage<let Window: Int, Scalar: FilterScalar>: Sendable {
    @usableFromInline var ring: InlineArray<Window, Scalar>
    @usableFromInline var next = 0
    @usableFromInline var filled = 0
    @usableFromInline var sum: Scalar = 0
    @usableFromInline var compensation: Scalar = 0

    /// Creates an empty average.
    @inlinable
    public init() {
        precondition(Window > 0, "MovingAverage needs a window of at least 1")
        ring = InlineArray(repeating: 0)
    }

    /// The number of samples currently averaged, up to `Window`.
    @inlinable public var count: Int { filled }

    /// The current average, or `nil` before the first sample.
    @inlinable public var value: Scalar? { filled == 0 ? nil : (sum + compensation) / Scalar(filled) }

    /// Adds a sample and returns the average of the last `Window` samples.
    ///
    /// - Parameter sample: The new value; a non-finite value is ignored.
    /// - Returns: The average, or NaN if no finite sample was ever added.
    @inlinable
    @discardableResult
    public mutating func update(_ sample: Scalar) -> Scalar {
        guard sample.isFinite else { return value ?? .nan }
        if filled == Window { add(-ring[next]) } else { filled += 1 }
        ring[next] = sample
        add(sample)
        next = next + 1 == Window ? 0 : next + 1
        return (sum + compensation) / Scalar(filled)
    }

    @inlinable
    mutating func add(_ x: Scalar) {
        let t = sum + x
        if sum.magnitude >= x.magnitude {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }
}
