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

    /// Eight int8 values widened to Int16 lanes.
    @inline(__always)
    static func widen16(_ p: UnsafePointer<Int8>) -> SIMD8<Int16> {
        SIMD8<Int16>(
            Int16(p[0]), Int16(p[1]), Int16(p[2]), Int16(p[3]), Int16(p[4]), Int16(p[5]), Int16(p[6]), Int16(p[7]))
    }

    /// Eight Int16 lanes widened to Int32 lanes.
    @inline(__always)
    static func widen(_ v: SIMD8<Int16>) -> SIMD8<Int32> {
        SIMD8<Int32>(
            Int32(v[0]), Int32(v[1]), Int32(v[2]), Int32(v[3]), Int32(v[4]), Int32(v[5]), Int32(v[6]), Int32(v[7]))
    }

    @inline(never) @_optimize(speed)  // called once per layer from Interpreter.invoke()
    static func run(
        input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>, bias: UnsafeRawPointer?,
        output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry, depthMultiplier: Int,
        quantization q: Requantization, filterSums: UnsafePointer<Int32>, multipliers: UnsafePointer<Int32>,
        shifts: UnsafePointer<Int32>
    ) {
        let pass = DepthwisePass(
            filter: filter, bias: bias, geometry: g, depthMultiplier: depthMultiplier, quantization: q,
            filterSums: filterSums, multipliers: multipliers, shifts: shifts)
        var out = output
        for b in 0..<g.batches {
            let batchInput = input + b * g.inputHeight * pass.inputRow
            for oy in 0..<g.outputHeight {
                let inY0 = oy * g.strideHeight - g.padHeight
                for ox in 0..<g.outputWidth {
                    let inX0 = ox * g.strideWidth - g.padWidth
                    pass.pixel(out, batchInput: batchInput, inY0: inY0, inX0: inX0)
                    out += pass.outC
                }
            }
        }
    }
}

/// The operands of one DEPTHWISE_CONV_2D layer and the quantities derived from its geometry, with
/// the computation of one output pixel (all output channels).
struct DepthwisePass {
    let filter: UnsafePointer<Int8>
    let bias: UnsafeRawPointer?
    let g: WindowGeometry
    let depthMultiplier: Int
    let filterSums: UnsafePointer<Int32>
    let multipliers: UnsafePointer<Int32>
    let shifts: UnsafePointer<Int32>
    let inC: Int
    let outC: Int
    let inputRow: Int
    let filterRow: Int
    let inputOffset: Int32
    let stage: OutputStage
    let perChannel: Bool

    @inline(__always)
    init(
        filter: UnsafePointer<Int8>, bias: UnsafeRawPointer?, geometry g: WindowGeometry, depthMultiplier: Int,
        quantization q: Requantization, filterSums: UnsafePointer<Int32>, multipliers: UnsafePointer<Int32>,
        shifts: UnsafePointer<Int32>
    ) {
        self.filter = filter
        self.bias = bias
        self.g = g
        self.depthMultiplier = depthMultiplier
        self.filterSums = filterSums
        self.multipliers = multipliers
        self.shifts = shifts
        inC = g.inputDepth
        outC = g.outputDepth
        inputRow = g.inputWidth * inC
        filterRow = g.filterWidth * outC
        inputOffset = q.inputOffset
        stage = OutputStage(q)
        perChannel = q.multipliers.count > 1
    }

    /// One output pixel: eight channels at a time in SIMD registers when the depth multiplier is 1
    /// (with the precomputed filter sums when every tap is inside the input), then channel by
    /// channel.
    @inline(__always)
    func pixel(_ out: UnsafeMutablePointer<Int8>, batchInput: UnsafePointer<Int8>, inY0: Int, inX0: Int) {
        var c = 0
        // Every tap inside the input: the filter sums precomputed at load time apply.
        let interior =
            inY0 >= 0 && inY0 + (g.filterHeight - 1) * g.dilationHeight < g.inputHeight && inX0 >= 0
            && inX0 + (g.filterWidth - 1) * g.dilationWidth < g.inputWidth
        if depthMultiplier == 1 && interior {
            // An int8 product always fits in an Int16 lane (|x * f| <= 16,384); it is
            // widened to Int32 before it is added.
            while c + 8 <= outC {
                var acc = SIMD8<Int32>()
                for fy in 0..<g.filterHeight {
                    let row = batchInput + (inY0 + fy * g.dilationHeight) * inputRow + c
                    let filterRowStart = filter + fy * filterRow + c
                    for fx in 0..<g.filterWidth {
                        let x = DepthwiseConv2DKernel.widen16(row + (inX0 + fx * g.dilationWidth) * inC)
                        acc &+= DepthwiseConv2DKernel.widen(
                            x &* DepthwiseConv2DKernel.widen16(filterRowStart + fx * outC))
                    }
                }
                for k in 0..<8 {
                    out[c + k] = stage.finish(
                        acc[k] &+ inputOffset &* filterSums[c + k], c + k, bias, perChannel, multipliers,
                        shifts)
                }
                c += 8
            }
        } else if depthMultiplier == 1 {
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
                        let x = DepthwiseConv2DKernel.widen(batchInput + iy * inputRow + ix * inC + c)
                        let f = DepthwiseConv2DKernel.widen(filter + fy * filterRow + fx * outC + c)
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
    }
}
