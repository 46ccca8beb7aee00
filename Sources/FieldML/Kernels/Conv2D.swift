/// int8 CONV_2D with per-channel requantization (TFLite `reference_integer_ops::ConvPerChannel`
/// semantics, double rounding), written over raw pointers checked once at load time.
enum Conv2DKernel {
    static func run(
        input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>, bias: UnsafeRawPointer?,
        output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry, quantization q: Requantization,
        multipliers: UnsafePointer<Int32>, shifts: UnsafePointer<Int32>
    ) {
        let inC = g.inputDepth
        let outC = g.outputDepth
        let filterRow = g.filterWidth * inC
        let filterStride = g.filterHeight * filterRow
        let inputRow = g.inputWidth * inC
        let inputOffset = q.inputOffset
        let perChannel = q.multipliers.count > 1
        var out = output
        for b in 0..<g.batches {
            let batchInput = input + b * g.inputHeight * inputRow
            for oy in 0..<g.outputHeight {
                let inY0 = oy * g.strideHeight - g.padHeight
                for ox in 0..<g.outputWidth {
                    let inX0 = ox * g.strideWidth - g.padWidth
                    if g.dilationWidth == 1 && g.dilationHeight == 1 {
                        let fy0 = max(0, -inY0)
                        let fy1 = min(g.filterHeight, g.inputHeight - inY0)
                        let fx0 = max(0, -inX0)
                        let fx1 = min(g.filterWidth, g.inputWidth - inX0)
                        let run = (fx1 - fx0) * inC
                        for oc in 0..<outC {
                            var acc: Int32 = 0
                            if run > 0 {
                                let f0 = filter + oc * filterStride + fx0 * inC
                                for fy in fy0..<fy1 {
                                    let x = batchInput + (inY0 + fy) * inputRow + (inX0 + fx0) * inC
                                    let f = f0 + fy * filterRow
                                    for i in 0..<run {
                                        acc &+= Int32(f[i]) &* (Int32(x[i]) &+ inputOffset)
                                    }
                                }
                            }
                            out[oc] = finish(acc, oc, bias, q, perChannel, multipliers, shifts)
                        }
                    } else {
                        for oc in 0..<outC {
                            var acc: Int32 = 0
                            for fy in 0..<g.filterHeight {
                                let iy = inY0 + fy * g.dilationHeight
                                if iy < 0 || iy >= g.inputHeight { continue }
                                for fx in 0..<g.filterWidth {
                                    let ix = inX0 + fx * g.dilationWidth
                                    if ix < 0 || ix >= g.inputWidth { continue }
                                    let x = batchInput + iy * inputRow + ix * inC
                                    let f = filter + oc * filterStride + fy * filterRow + fx * inC
                                    for i in 0..<inC {
                                        acc &+= Int32(f[i]) &* (Int32(x[i]) &+ inputOffset)
                                    }
                                }
                            }
                            out[oc] = finish(acc, oc, bias, q, perChannel, multipliers, shifts)
                        }
                    }
                    out += outC
                }
            }
        }
    }

    @inline(__always)
    static func finish(
        _ sum: Int32, _ oc: Int, _ bias: UnsafeRawPointer?, _ q: Requantization, _ perChannel: Bool,
        _ multipliers: UnsafePointer<Int32>, _ shifts: UnsafePointer<Int32>
    ) -> Int8 {
        var acc = sum
        if let bias { acc &+= bias.loadUnaligned(fromByteOffset: oc * 4, as: Int32.self) }
        let c = perChannel ? oc : 0
        acc = FixedPoint.multiplyDoubleRounding(acc, multipliers[c], shifts[c]) &+ q.outputOffset
        return Int8(truncatingIfNeeded: min(max(acc, q.activationMin), q.activationMax))
    }
}
