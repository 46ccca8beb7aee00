/// Integer dot products, the inner loop of every convolution and fully connected layer.
///
/// Written as plain counted loops over raw pointers with wrapping arithmetic, which LLVM's loop
/// vectorizer turns into SIMD code on hosts and which stay compact scalar code on
/// microcontrollers. (Swift's generic SIMD conversions are avoided: they are not reliably
/// inlined.)
enum Dot {
    /// `sum(a[i] * b[i])` over `count` int8 pairs.
    @_optimize(speed)
    @inline(__always)
    static func int8(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ count: Int) -> Int32 {
        var acc: Int32 = 0
        for i in 0..<count { acc &+= Int32(a[i]) &* Int32(b[i]) }
        return acc
    }

    /// `sum(a[i])` over `count` int8 values.
    @_optimize(speed)
    @inline(__always)
    static func sum(_ a: UnsafePointer<Int8>, _ count: Int) -> Int32 {
        var acc: Int32 = 0
        for i in 0..<count { acc &+= Int32(a[i]) }
        return acc
    }

    /// `sum(a[i * stride])` over `count` int8 values.
    @_optimize(speed)
    @inline(__always)
    static func sum(_ a: UnsafePointer<Int8>, _ count: Int, stride: Int) -> Int32 {
        var acc: Int32 = 0
        for i in 0..<count { acc &+= Int32(a[i * stride]) }
        return acc
    }

    /// Adds `dot(x, f_k)` for four filters `f_k = f + k * stride` to `acc`, sharing each input
    /// load between them.
    @_optimize(speed)
    @inline(__always)
    static func int8x4(
        _ x: UnsafePointer<Int8>, _ f: UnsafePointer<Int8>, stride: Int, _ count: Int,
        _ acc: inout (Int32, Int32, Int32, Int32)
    ) {
        var a0: Int32 = 0
        var a1: Int32 = 0
        var a2: Int32 = 0
        var a3: Int32 = 0
        let f1 = f + stride
        let f2 = f1 + stride
        let f3 = f2 + stride
        for i in 0..<count {
            let xi = Int32(x[i])
            a0 &+= xi &* Int32(f[i])
            a1 &+= xi &* Int32(f1[i])
            a2 &+= xi &* Int32(f2[i])
            a3 &+= xi &* Int32(f3[i])
        }
        acc.0 &+= a0
        acc.1 &+= a1
        acc.2 &+= a2
        acc.3 &+= a3
    }
}
