/// Four values of one quantity, one per filter of a ``PlanarFilterBlock``, with element-wise
/// arithmetic that the optimiser turns into vector instructions once `Scalar` is concrete.
///
/// (The standard `SIMD4<Scalar>` is not used: with a generic `Scalar` its storage is reached
/// through protocol witnesses that are not always specialised.)
@frozen @usableFromInline
struct PlanarLanes<Scalar: FilterScalar>: Sendable {
    @usableFromInline var values: InlineArray<4, Scalar>

    @inlinable @inline(__always)
    init(repeating value: Scalar) { values = InlineArray(repeating: value) }

    @inlinable @inline(__always)
    init(_ values: InlineArray<4, Scalar>) { self.values = values }

    @inlinable @inline(__always)
    static var zero: Self { Self(repeating: 0) }

    @inlinable @inline(__always)
    subscript(lane: Int) -> Scalar {
        get { values[lane] }
        set { values[lane] = newValue }
    }

    @inlinable @inline(__always)
    static func + (a: Self, b: Self) -> Self {
        var out = Self(repeating: 0)
        for i in 0..<4 { out.values[unchecked: i] = a.values[unchecked: i] + b.values[unchecked: i] }
        return out
    }

    @inlinable @inline(__always)
    static func + (a: Self, b: Scalar) -> Self {
        var out = Self(repeating: 0)
        for i in 0..<4 { out.values[unchecked: i] = a.values[unchecked: i] + b }
        return out
    }

    @inlinable @inline(__always)
    static func += (a: inout Self, b: Scalar) { a = a + b }

    @inlinable @inline(__always)
    static func - (a: Self, b: Self) -> Self {
        var out = Self(repeating: 0)
        for i in 0..<4 { out.values[unchecked: i] = a.values[unchecked: i] - b.values[unchecked: i] }
        return out
    }

    @inlinable @inline(__always)
    static func * (a: Self, b: Self) -> Self {
        var out = Self(repeating: 0)
        for i in 0..<4 { out.values[unchecked: i] = a.values[unchecked: i] * b.values[unchecked: i] }
        return out
    }

    @inlinable @inline(__always)
    static func * (a: Scalar, b: Self) -> Self {
        var out = Self(repeating: 0)
        for i in 0..<4 { out.values[unchecked: i] = a * b.values[unchecked: i] }
        return out
    }

    @inlinable @inline(__always)
    static func * (a: Self, b: Scalar) -> Self {
        var out = Self(repeating: 0)
        for i in 0..<4 { out.values[unchecked: i] = a.values[unchecked: i] * b }
        return out
    }

    @inlinable @inline(__always)
    static func / (a: Scalar, b: Self) -> Self {
        var out = Self(repeating: 0)
        for i in 0..<4 { out.values[unchecked: i] = a / b.values[unchecked: i] }
        return out
    }

    @inlinable @inline(__always)
    static prefix func - (a: Self) -> Self {
        var out = Self(repeating: 0)
        for i in 0..<4 { out.values[unchecked: i] = -a.values[unchecked: i] }
        return out
    }

    @inlinable @inline(__always)
    static func += (a: inout Self, b: Self) { a = a + b }

    /// Lanes where `a > b`.
    @inlinable @inline(__always)
    static func .> (a: Self, b: Self) -> PlanarMask {
        var out = PlanarMask(repeating: false)
        for i in 0..<4 { out.lanes[unchecked: i] = a.values[unchecked: i] > b.values[unchecked: i] }
        return out
    }

    /// Lanes where `a <= b` (false for NaN).
    @inlinable @inline(__always)
    static func .<= (a: Self, b: Self) -> PlanarMask {
        var out = PlanarMask(repeating: false)
        for i in 0..<4 { out.lanes[unchecked: i] = a.values[unchecked: i] <= b.values[unchecked: i] }
        return out
    }

    /// Lanes holding a finite value.
    @inlinable @inline(__always)
    var isFinite: PlanarMask {
        var out = PlanarMask(repeating: false)
        for i in 0..<4 { out.lanes[unchecked: i] = values[unchecked: i] - values[unchecked: i] == 0 }
        return out
    }

    /// `other` in the lanes of `mask`, `self` elsewhere.
    @inlinable @inline(__always)
    func replacing(with other: Self, where mask: PlanarMask) -> Self {
        var out = self
        for i in 0..<4 {
            out.values[unchecked: i] = mask.lanes[unchecked: i] ? other.values[unchecked: i] : values[unchecked: i]
        }
        return out
    }
}

/// Four lane flags.
@frozen @usableFromInline
struct PlanarMask: Sendable {
    @usableFromInline var lanes: InlineArray<4, Bool>

    @inlinable @inline(__always)
    init(_ lanes: InlineArray<4, Bool>) { self.lanes = lanes }

    @inlinable @inline(__always)
    init(repeating value: Bool) { lanes = InlineArray(repeating: value) }

    @inlinable @inline(__always)
    subscript(lane: Int) -> Bool {
        get { lanes[lane] }
        set { lanes[lane] = newValue }
    }

    @inlinable @inline(__always)
    static func .& (a: Self, b: Self) -> Self {
        var out = Self(repeating: false)
        for i in 0..<4 { out.lanes[unchecked: i] = a.lanes[unchecked: i] && b.lanes[unchecked: i] }
        return out
    }
}
