/// int8 DEPTHWISE_CONV_2D with depth multiplier, dilation and per-channel requantization
/// (TFLite `reference_integer_ops::DepthwiseConvPerChannel` semantics, double rounding).
///
/// Accumulates a whole output pixel's channels at once in a scratch row of `outputDepth` Int32s
/// (planned in the arena), so the channel loop is contiguous in input, filter and accumulator.
enum DepthwiseConv2DKernel {
    static func run(
        input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>, bias: UnsafeRawPointer?,
        output: UnsafeMutablePointer<Int8>, scratch: UnsafeMutablePointer<Int32>,
        geometry g: WindowGeometry, depthMultiplier: Int, quantization q: Requantization,
        multipliers: UnsafePointer<Int32>, shifts: UnsafePointer<Int32>
    ) {
        let inC = g.inputDepth
        let outC = g.outputDepth
        let inputRow = g.inputWidth * inC
        let filterRow = g.filterWidth * outC
        let inputOffset = q.inputOffset
        let perChannel = q.multipliers.count > 1
        var out = output
        for b in 0..<g.batches {
            let batchInput = input + b * g.inputHeight * inputRow
            for oy in 0..<g.outputHeight {
                let inY0 = oy * g.strideHeight - g.padHeight
                for ox in 0..<g.outputWidth {
                    let inX0 = ox * g.strideWidth - g.padWidth
                    scratch.update(repeating: 0, count: outC)
                    for fy in 0..<g.filterHeight {
                        let iy = inY0 + fy * g.dilationHeight
                        if iy < 0 || iy >= g.inputHeight { continue }
                        for fx in 0..<g.filterWidth {
                            let ix = inX0 + fx * g.dilationWidth
                            if ix < 0 || ix >= g.inputWidth { continue }
                            let x = batchInput + iy * inputRow + ix * inC
                            let f = filter + fy * filterRow + fx * outC
                            if depthMultiplier == 1 {
                                for c in 0..<outC {
                                    scratch[c] &+= Int32(f[c]) &* (Int32(x[c]) &+ inputOffset)
                                }
                            } else {
                                for ic in 0..<inC {
                                    let xv = Int32(x[ic]) &+ inputOffset
                                    let base = ic * depthMultiplier
                                    for m in 0..<depthMultiplier {
                                        scratch[base + m] &+= Int32(f[base + m]) &* xv
                                    }
                                }
                            }
                        }
                    }
                    for oc in 0..<outC {
                        out[oc] = Conv2DKernel.finish(scratch[oc], oc, bias, q, perChannel, multipliers, shifts)
                    }
                    out += outC
                }
            }
        }
    }
}
