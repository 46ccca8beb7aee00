/// int8 FULLY_CONNECTED (TFLite `reference_integer_ops::FullyConnected` semantics), with the
/// requantization rounding chosen by the ``RoundingProfile``.
///
/// `sum((f + fo) * (x + xo))` is computed as `dot(f, x) + xo * sum(f) + fo * sum(x) + n * fo * xo`,
/// with `sum(f)` per output precomputed at load time.
enum FullyConnectedKernel {
    @_optimize(speed)
    static func run(
        input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>, bias: UnsafeRawPointer?,
        output: UnsafeMutablePointer<Int8>, batches: Int, depth: Int, outputDepth: Int,
        quantization q: Requantization, rowSums: UnsafePointer<Int32>, multipliers: UnsafePointer<Int32>,
        shifts: UnsafePointer<Int32>, singleRounding: Bool
    ) {
        let inputOffset = q.inputOffset
        let filterOffset = q.filterOffset
        let perChannel = q.multipliers.count > 1
        for b in 0..<batches {
            let x = input + b * depth
            let out = output + b * outputDepth
            var inputTerm: Int32 = 0
            if filterOffset != 0 {
                inputTerm = filterOffset &* Dot.sum(x, depth) &+ Int32(truncatingIfNeeded: depth) &* filterOffset &* inputOffset
            }
            for oc in 0..<outputDepth {
                var acc = Dot.int8(filter + oc * depth, x, depth) &+ inputOffset &* rowSums[oc] &+ inputTerm
                if let bias { acc &+= bias.loadUnaligned(fromByteOffset: oc * 4, as: Int32.self) }
                let c = perChannel ? oc : 0
                if singleRounding {
                    acc = FixedPoint.multiplySingleRounding(acc, multipliers[c], shifts[c])
                } else {
                    acc = FixedPoint.multiplyDoubleRounding(acc, multipliers[c], shifts[c])
                }
                acc &+= q.outputOffset
                out[oc] = Int8(truncatingIfNeeded: min(max(acc, q.activationMin), q.activationMax))
            }
        }
    }
}
