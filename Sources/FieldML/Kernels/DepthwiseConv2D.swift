/// int8 DEPTHWISE_CONV_2D with depth multiplier, dilation and per-channel requantization
/// (TFLite `reference_integer_ops::DepthwiseConvPerChannel` semantics, double rounding).
///
/// With depth multiplier 1 (the common case) eight channels are accumulated at once in SIMD
/// registers, contiguous in input and filter, so no scratch memory is needed.
enum DepthwiseConv2DKernel {
    /// Eight int8 values widened to Int32 lanes (lane by lane: the generic SIMD conversion is not
    /// reliably inlined).
    @inline(__always)
    static func widen(_ p: UnsafePointer<Int8>) -> SIMD8<Int32> {
        SIMD8<Int32>(
            Int32(p[0]), Int32(p[1]), Int32(p[2]), Int32(p[3]), Int32(p[4]), Int32(p[5]), Int32(p[6]), Int32(p[7]))
    }

    @_optimize(speed)
    static func run(
        input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>, bias: UnsafeRawPointer?,
        output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry, depthMultiplier: Int,
        quantization q: Requantization, multipliers: UnsafePointer<Int32>, shifts: UnsafePointer<Int32>
    ) {
        let inC = g.inputDepth
        let outC = g.outputDepth
        let inputRow = g.inputWidth * inC
        let filterRow = g.filterWidth * outC
        let inputOffset = q.inputOffset
        let stage = OutputStage(q)
        let perChannel = q.multipliers.count > 1
        var out = output
        for b in 0..<g.batches {
            let batchInput = input + b * g.inputHeight * inputRow
            for oy in 0..<g.outputHeight {
                let inY0 = oy * g.strideHeight - g.padHeight
                for ox in 0..<g.outputWidth {
                    let inX0 = ox * g.strideWidth - g.padWidth
                    var c = 0
                    if depthMultiplier == 1 {
                        let offsets = SIMD8<Int32>(repeating: inputOffset)
                        while c + 8 <= outC {
                            var acc = SIMD8<Int32>()
                            var sums = SIMD8<Int32>()
                            for fy in 0..<g.filterHeight {
                                let iy = inY0 + fy * g.dilationHeight
                                if iy < 0 || iy >= g.inputHeight { continue }
                                for fx in 0..<g.filterWidth {
                                    let ix = inX0 + fx * g.dilationWidth
                                    if ix < 0 || ix >= g.inputWidth { continue }
                                    let x = widen(batchInput + iy * inputRow + ix * inC + c)
                                    let f = widen(filter + fy * filterRow + fx * outC + c)
                                    acc &+= x &* f
                                    sums &+= f
                                }
                            }
                            acc &+= sums &* offsets
                            for k in 0..<8 {
                                out[c + k] = stage.finish(acc[k], c + k, bias, perChannel, multipliers, shifts)
                            }
                            c += 8
                        }
                    }
                    while c < outC {
                        let ic = c / depthMultiplier
                        var acc: Int32 = 0
                        for fy in 0..<g.filterHeight {
                            let iy = inY0 + fy * g.dilationHeight
                            if iy < 0 || iy >= g.inputHeight { continue }
                            for fx in 0..<g.filterWidth {
                                let ix = inX0 + fx * g.dilationWidth
                                if ix < 0 || ix >= g.inputWidth { continue }
                                let x = Int32(batchInput[iy * inputRow + ix * inC + ic]) &+ inputOffset
                                acc &+= Int32(filter[fy * filterRow + fx * outC + c]) &* x
                            }
                        }
                        out[c] = stage.finish(acc, c, bias, perChannel, multipliers, shifts)
                        c += 1
                    }
                    out += outC
                }
            }
        }
    }
}
