/// int8 FULLY_CONNECTED (TFLite `reference_integer_ops::FullyConnected` semantics), with the
/// requantization rounding chosen by the ``RoundingProfile``.
///
/// `sum((f + fo) * (x + xo)) + bias` is computed as `dot(f, x) + fo * sum(x) + c`, with the
/// per-output constant `c = bias + xo * sum(f) + n * fo * xo` precomputed at load time (all in
/// wrapping int32 arithmetic, so the result is the same as summing in the reference's order).
enum FullyConnectedKernel {
    // Not inlined into `Interpreter.invoke()`: one call per layer costs nothing, and the kernel's
    // code stays in one place instead of growing the interpreter's dispatch.
    @inline(never) @_optimize(speed)
    static func run(
        input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>,
        batches: Int, depth: Int, outputDepth: Int, quantization q: Requantization,
        rowConstants: UnsafePointer<Int32>, multipliers: UnsafePointer<Int32>, shifts: UnsafePointer<Int32>,
        narrowFilter: Bool, singleRounding: Bool
    ) {
        let filterOffset = q.filterOffset
        let perChannel = q.multipliers.count > 1
        let outputOffset = q.outputOffset
        let low = q.activationMin
        let high = q.activationMax
        for b in 0..<batches {
            let x = input + b * depth
            let out = output + b * outputDepth
            let inputTerm: Int32 = filterOffset != 0 ? filterOffset &* Dot.sum(x, depth) : 0
            @inline(__always) func store(_ c: Int, _ sum: Int32) {
                var acc = sum &+ rowConstants[c] &+ inputTerm
                let m = perChannel ? c : 0
                if singleRounding {
                    acc = FixedPoint.multiplySingleRounding(acc, multipliers[m], shifts[m])
                } else {
                    acc = FixedPoint.multiplyDoubleRoundingInRange(acc, multipliers[m], shifts[m])
                }
                acc &+= outputOffset
                out[c] = Int8(truncatingIfNeeded: min(max(acc, low), high))
            }
            var oc = 0
            while oc + 4 <= outputDepth {
                var sums: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
                let f = filter + oc * depth
                Dot.int8x4(x, f, stride: depth, depth, narrow: narrowFilter, &sums)
                store(oc, sums.0)
                store(oc + 1, sums.1)
                store(oc + 2, sums.2)
                store(oc + 3, sums.3)
                oc += 4
            }
            while oc < outputDepth {
                let f = filter + oc * depth
                #if (arch(x86_64) || arch(arm64)) && !hasFeature(Embedded)
                    store(oc, narrowFilter ? Dot.narrowInt8(f, x, depth) : Dot.int8(f, x, depth))
                #else
                    store(oc, Dot.int8(f, x, depth))
                #endif
                oc += 1
            }
        }
    }
}
