/// int8 FULLY_CONNECTED (TFLite `reference_integer_ops::FullyConnected` semantics), with the
/// requantization rounding chosen by the ``RoundingProfile``.
enum FullyConnectedKernel {
    static func run(
        input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>, bias: UnsafeRawPointer?,
        output: UnsafeMutablePointer<Int8>, batches: Int, depth: Int, outputDepth: Int,
        quantization q: Requantization, multipliers: UnsafePointer<Int32>, shifts: UnsafePointer<Int32>,
        singleRounding: Bool
    ) {
        let inputOffset = q.inputOffset
        let filterOffset = q.filterOffset
        let perChannel = q.multipliers.count > 1
        for b in 0..<batches {
            let x = input + b * depth
            let out = output + b * outputDepth
            for oc in 0..<outputDepth {
                let f = filter + oc * depth
                var acc: Int32 = 0
                if filterOffset == 0 {
                    for i in 0..<depth {
                        acc &+= Int32(f[i]) &* (Int32(x[i]) &+ inputOffset)
                    }
                } else {
                    for i in 0..<depth {
                        acc &+= (Int32(f[i]) &+ filterOffset) &* (Int32(x[i]) &+ inputOffset)
                    }
                }
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
