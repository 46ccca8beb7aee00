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
                inputTerm =
                    filterOffset &* Dot.sum(x, depth) &+ Int32(truncatingIfNeeded: depth) &* filterOffset &* inputOffset
            }
            var oc = 0
            while oc < outputDepth {
                let block = min(4, outputDepth - oc)
                var sums: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
                if block == 4 {
                    Dot.int8x4(x, filter + oc * depth, stride: depth, depth, &sums)
                } else {
                    sums.0 = Dot.int8(filter + oc * depth, x, depth)
                    if block > 1 { sums.1 = Dot.int8(filter + (oc + 1) * depth, x, depth) }
                    if block > 2 { sums.2 = Dot.int8(filter + (oc + 2) * depth, x, depth) }
                }
                for k in 0..<block {
                    let c = oc + k
                    let sum = k == 0 ? sums.0 : (k == 1 ? sums.1 : (k == 2 ? sums.2 : sums.3))
                    var acc = sum &+ inputOffset &* rowSums[c] &+ inputTerm
                    if let bias { acc &+= bias.loadUnaligned(fromByteOffset: c * 4, as: Int32.self) }
                    let m = perChannel ? c : 0
                    if singleRounding {
                        acc = FixedPoint.multiplySingleRounding(acc, multipliers[m], shifts[m])
                    } else {
                        acc = FixedPoint.multiplyDoubleRounding(acc, multipliers[m], shifts[m])
                    }
                    acc &+= q.outputOffset
                    out[c] = Int8(truncatingIfNeeded: min(max(acc, q.activationMin), q.activationMax))
                }
                oc += block
            }
        }
    }
}
