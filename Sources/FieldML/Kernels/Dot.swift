/// Integer dot products, the inner loop of every convolution and fully connected layer.
///
/// int8 x int8 products are exact in Int16 (at most 2^14 in magnitude), so sixteen lanes are
/// multiplied in Int16 and widened into an Int32 vector accumulator, reduced once at the end.
enum Dot {
    /// `sum(a[i] * b[i])` over `count` int8 pairs.
    @inline(__always)
    @_optimize(speed)
    static func int8(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ count: Int) -> Int32 {
        var vector = SIMD16<Int32>()
        var i = 0
        while i + 16 <= count {
            let x = SIMD16<Int16>(truncatingIfNeeded: UnsafeRawPointer(a + i).loadUnaligned(as: SIMD16<Int8>.self))
            let y = SIMD16<Int16>(truncatingIfNeeded: UnsafeRawPointer(b + i).loadUnaligned(as: SIMD16<Int8>.self))
            vector &+= SIMD16<Int32>(truncatingIfNeeded: x &* y)
            i += 16
        }
        var acc = vector.wrappedSum()
        while i < count {
            acc &+= Int32(a[i]) &* Int32(b[i])
            i += 1
        }
        return acc
    }

    /// `sum(a[i])` over `count` int8 values.
    @inline(__always)
    @_optimize(speed)
    static func sum(_ a: UnsafePointer<Int8>, _ count: Int) -> Int32 {
        var acc: Int32 = 0
        for i in 0..<count { acc &+= Int32(a[i]) }
        return acc
    }

    /// `sum(a[i * stride])` over `count` int8 values.
    @inline(__always)
    @_optimize(speed)
    static func sum(_ a: UnsafePointer<Int8>, _ count: Int, stride: Int) -> Int32 {
        var acc: Int32 = 0
        for i in 0..<count { acc &+= Int32(a[i * stride]) }
        return acc
    }
}
