/// Dot products for filters known to hold no `-128` ("narrow" weights, as TFLite's symmetric int8
/// weight quantization produces: `[-127, 127]`).
///
/// With `|w| <= 127` and `|x| <= 128`, one product fits in 15 bits and the sum of two products
/// (at most 32,512 in magnitude) still fits in an `Int16`. Eight int16 lanes then multiply at
/// once (x86-64's baseline `pmullw`, NEON's `mul`) and two products are added before widening to
/// int32, which halves the widening work of the plain loop in ``Dot``. The result is exactly the
/// plain loop's: every intermediate value is in range, so nothing wraps.
///
/// Only host builds use this path; Embedded builds (microcontrollers without wide SIMD) keep the
/// compact scalar loops.
extension Dot {
    #if (arch(x86_64) || arch(arm64)) && !hasFeature(Embedded)
        /// Whether the narrow kernels are compiled in on this target.
        static let hasNarrowKernels = true

        /// Eight int8 values widened to int16 lanes.
        @_optimize(speed)
        @inline(__always)
        static func lanes(_ p: UnsafePointer<Int8>) -> SIMD8<Int16> {
            SIMD8<Int16>(
                Int16(p[0]), Int16(p[1]), Int16(p[2]), Int16(p[3]), Int16(p[4]), Int16(p[5]), Int16(p[6]),
                Int16(p[7]))
        }

        /// Adds neighbouring int16 lanes into int32 lanes: `(p0 + p1, p2 + p3, p4 + p5, p6 + p7)`.
        @_optimize(speed)
        @inline(__always)
        static func pairSums(_ p: SIMD8<Int16>) -> SIMD4<Int32> {
            SIMD4<Int32>(Int32(p[0]), Int32(p[2]), Int32(p[4]), Int32(p[6]))
                &+ SIMD4<Int32>(Int32(p[1]), Int32(p[3]), Int32(p[5]), Int32(p[7]))
        }

        /// `int8x4` for narrow filters: adds `dot(x, f_k)` for `f_k = f + k * stride` to `acc`.
        ///
        /// - Precondition: no filter value among the `4 * count` read is `-128`.
        @_optimize(speed)
        @inline(__always)
        static func narrowInt8x4(
            _ x: UnsafePointer<Int8>, _ f: UnsafePointer<Int8>, stride: Int, _ count: Int,
            _ acc: inout (Int32, Int32, Int32, Int32)
        ) {
            let f1 = f + stride
            let f2 = f1 + stride
            let f3 = f2 + stride
            var v0 = SIMD4<Int32>()
            var v1 = SIMD4<Int32>()
            var v2 = SIMD4<Int32>()
            var v3 = SIMD4<Int32>()
            var i = 0
            while i &+ 16 <= count {
                let low = lanes(x + i)
                let high = lanes(x + i + 8)
                v0 &+= pairSums(low &* lanes(f + i) &+ high &* lanes(f + i + 8))
                v1 &+= pairSums(low &* lanes(f1 + i) &+ high &* lanes(f1 + i + 8))
                v2 &+= pairSums(low &* lanes(f2 + i) &+ high &* lanes(f2 + i + 8))
                v3 &+= pairSums(low &* lanes(f3 + i) &+ high &* lanes(f3 + i + 8))
                i &+= 16
            }
            var tail: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
            if i < count { int8x4(x + i, f + i, stride: stride, count &- i, &tail) }
            acc.0 &+= v0.wrappedSum() &+ tail.0
            acc.1 &+= v1.wrappedSum() &+ tail.1
            acc.2 &+= v2.wrappedSum() &+ tail.2
            acc.3 &+= v3.wrappedSum() &+ tail.3
        }

        /// `int8` for a narrow `a`: `sum(a[i] * b[i])` over `count` pairs.
        ///
        /// - Precondition: no value of `a` among the `count` read is `-128`.
        @_optimize(speed)
        @inline(__always)
        static func narrowInt8(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ count: Int) -> Int32 {
            var v = SIMD4<Int32>()
            var i = 0
            while i &+ 16 <= count {
                v &+= pairSums(lanes(a + i) &* lanes(b + i) &+ lanes(a + i + 8) &* lanes(b + i + 8))
                i &+= 16
            }
            return v.wrappedSum() &+ int8(a + i, b + i, count &- i)
        }
    #else
        /// Whether the narrow kernels are compiled in on this target.
        static let hasNarrowKernels = false
    #endif

    /// `int8x4`, on the narrow kernel when `narrow` is true and the target has it.
    ///
    /// - Precondition: if `narrow`, no filter value among the `4 * count` read is `-128`.
    @_optimize(speed)
    @inline(__always)
    static func int8x4(
        _ x: UnsafePointer<Int8>, _ f: UnsafePointer<Int8>, stride: Int, _ count: Int, narrow: Bool,
        _ acc: inout (Int32, Int32, Int32, Int32)
    ) {
        #if (arch(x86_64) || arch(arm64)) && !hasFeature(Embedded)
            if narrow {
                narrowInt8x4(x, f, stride: stride, count, &acc)
                return
            }
        #endif
        int8x4(x, f, stride: stride, count, &acc)
    }

    /// Whether none of `count` int8 values is `-128`, so they can use the narrow kernels.
    static func isNarrow(_ a: UnsafePointer<Int8>, _ count: Int) -> Bool {
        for i in 0..<count where a[i] == Int8.min { return false }
        return true
    }
}
