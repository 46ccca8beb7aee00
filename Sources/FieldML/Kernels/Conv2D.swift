/// int8 CONV_2D with per-channel requantization (TFLite `reference_integer_ops::ConvPerChannel`
/// semantics, double rounding), written over raw pointers checked once at load time.
///
/// `sum(f * (x + offset))` is computed as `dot(f, x) + offset * sum(f)`: the dot product is a pure
/// int8 kernel, and `sum(f)` over the whole filter is precomputed per output channel at load time
/// (border pixels, where padding hides part of the filter, sum the visible part on the fly).
enum Conv2DKernel {
    @inline(never) @_optimize(speed)  // called once per layer from Interpreter.invoke()
    static func run(
        input: UnsafePointer<Int8>, filter: UnsafePointer<Int8>, bias: UnsafeRawPointer?,
        output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry, quantization q: Requantization,
        filterSums: UnsafePointer<Int32>, outputConstants: UnsafePointer<Int32>, multipliers: UnsafePointer<Int32>,
        shifts: UnsafePointer<Int32>, narrowFilter: Bool
    ) {
        let pass = Conv2DPass(
            filter: filter, bias: bias, geometry: g, quantization: q, filterSums: filterSums,
            outputConstants: outputConstants, multipliers: multipliers, shifts: shifts, narrowFilter: narrowFilter)
        let dilated = g.dilationWidth != 1 || g.dilationHeight != 1
        var out = output
        for b in 0..<g.batches {
            let batchInput = input + b * g.inputHeight * pass.inputRow
            for oy in 0..<g.outputHeight {
                let inY0 = oy * g.strideHeight - g.padHeight
                for ox in 0..<g.outputWidth {
                    let inX0 = ox * g.strideWidth - g.padWidth
                    if !dilated {
                        pass.pixel(out, batchInput: batchInput, inY0: inY0, inX0: inX0)
                    } else {
                        pass.dilatedPixel(out, batchInput: batchInput, inY0: inY0, inX0: inX0)
                    }
                    out += pass.outC
                }
            }
        }
    }
}

/// The operands of one CONV_2D layer and the quantities derived from its geometry, with the
/// computation of one output pixel (all output channels).
struct Conv2DPass {
    let filter: UnsafePointer<Int8>
    let bias: UnsafeRawPointer?
    let g: WindowGeometry
    let filterSums: UnsafePointer<Int32>
    let outputConstants: UnsafePointer<Int32>
    let multipliers: UnsafePointer<Int32>
    let shifts: UnsafePointer<Int32>
    let narrowFilter: Bool
    let inC: Int
    let outC: Int
    let filterRow: Int
    let filterStride: Int
    let inputRow: Int
    let inputOffset: Int32
    let outputParameters: OutputStage
    let perChannel: Bool

    @inline(__always)
    init(
        filter: UnsafePointer<Int8>, bias: UnsafeRawPointer?, geometry g: WindowGeometry,
        quantization q: Requantization,
        filterSums: UnsafePointer<Int32>, outputConstants: UnsafePointer<Int32>, multipliers: UnsafePointer<Int32>,
        shifts: UnsafePointer<Int32>, narrowFilter: Bool
    ) {
        self.filter = filter
        self.bias = bias
        self.g = g
        self.filterSums = filterSums
        self.outputConstants = outputConstants
        self.multipliers = multipliers
        self.shifts = shifts
        self.narrowFilter = narrowFilter
        inC = g.inputDepth
        outC = g.outputDepth
        filterRow = g.filterWidth * inC
        filterStride = g.filterHeight * filterRow
        inputRow = g.inputWidth * inC
        inputOffset = q.inputOffset
        outputParameters = OutputStage(q)
        perChannel = q.multipliers.count > 1
    }

    /// One output pixel without dilation: four channels at a time by ``Dot/int8x4``, then the rest.
    @inline(__always)
    func pixel(_ out: UnsafeMutablePointer<Int8>, batchInput: UnsafePointer<Int8>, inY0: Int, inX0: Int) {
        let fy0 = max(0, -inY0)
        let fy1 = min(g.filterHeight, g.inputHeight - inY0)
        let fx0 = max(0, -inX0)
        let fx1 = min(g.filterWidth, g.inputWidth - inX0)
        let run = max(0, fx1 - fx0) * inC
        let interior = fy0 == 0 && fy1 == g.filterHeight && fx0 == 0 && fx1 == g.filterWidth
        let x0 = batchInput + (inY0 * g.inputWidth + inX0 + fx0) * inC
        let contiguous = interior && run == filterRow && inputRow == filterRow
        var oc = 0
        while oc + 4 <= outC {
            var acc: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
            let f0 = filter + oc * filterStride + fx0 * inC
            if run > 0 && fy0 < fy1 {
                if contiguous {
                    Dot.int8x4(
                        x0, f0, stride: filterStride, run * g.filterHeight, narrow: narrowFilter, &acc)
                } else {
                    for fy in fy0..<fy1 {
                        Dot.int8x4(
                            x0 + fy * inputRow, f0 + fy * filterRow, stride: filterStride, run,
                            narrow: narrowFilter, &acc)
                    }
                }
            }
            if interior {
                // The whole filter is visible: its sum is in the precomputed constant.
                @inline(__always) func store(_ c: Int, _ sum: Int32) {
                    out[c] = outputParameters.requantize(
                        sum &+ outputConstants[c], c, perChannel, multipliers, shifts)
                }
                store(oc, acc.0)
                store(oc + 1, acc.1)
                store(oc + 2, acc.2)
                store(oc + 3, acc.3)
            } else {
                for k in 0..<4 {
                    let sum = k == 0 ? acc.0 : (k == 1 ? acc.1 : (k == 2 ? acc.2 : acc.3))
                    // Replace the whole filter's sum by the visible part's.
                    var filterSum: Int32 = 0
                    if inputOffset != 0 && run > 0 && fy0 < fy1 {
                        let fk = f0 + k * filterStride
                        for fy in fy0..<fy1 { filterSum &+= Dot.sum(fk + fy * filterRow, run) }
                    }
                    let c = oc + k
                    out[c] = outputParameters.requantize(
                        sum &+ outputConstants[c] &+ inputOffset &* (filterSum &- filterSums[c]), c,
                        perChannel, multipliers, shifts)
                }
            }
            oc += 4
        }
        while oc < outC {
            var acc: Int32 = 0
            var filterSum: Int32 = 0
            let f0 = filter + oc * filterStride + fx0 * inC
            if run > 0 && fy0 < fy1 {
                for fy in fy0..<fy1 {
                    acc &+= Dot.int8(f0 + fy * filterRow, x0 + fy * inputRow, run)
                }
                if interior {
                    filterSum = filterSums[oc]
                } else if inputOffset != 0 {
                    for fy in fy0..<fy1 { filterSum &+= Dot.sum(f0 + fy * filterRow, run) }
                }
            }
            out[oc] = outputParameters.finish(
                acc &+ inputOffset &* filterSum, oc, bias, perChannel, multipliers, shifts)
            oc += 1
        }
    }

    /// One output pixel of a dilated convolution: tap by tap, skipping the padding.
    @inline(__always)
    func dilatedPixel(_ out: UnsafeMutablePointer<Int8>, batchInput: UnsafePointer<Int8>, inY0: Int, inX0: Int) {
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
                    acc &+= Dot.int8(f, x, inC) &+ inputOffset &* Dot.sum(f, inC)
                }
            }
            out[oc] = outputParameters.finish(acc, oc, bias, perChannel, multipliers, shifts)
        }
    }
}

/// The requantization tail shared by the convolution kernels: bias, multiplier, offset, clamp.
struct OutputStage {
    var outputOffset: Int32
    var activationMin: Int32
    var activationMax: Int32

    init(_ q: Requantization) {
        outputOffset = q.outputOffset
        activationMin = q.activationMin
        activationMax = q.activationMax
    }

    /// `finish` for an accumulator that already holds the bias.
    @inline(__always)
    func requantize(
        _ sum: Int32, _ oc: Int, _ perChannel: Bool, _ multipliers: UnsafePointer<Int32>,
        _ shifts: UnsafePointer<Int32>
    ) -> Int8 {
        let c = perChannel ? oc : 0
        let acc = FixedPoint.multiplyDoubleRoundingInRange(sum, multipliers[c], shifts[c]) &+ outputOffset
        return Int8(truncatingIfNeeded: min(max(acc, activationMin), activationMax))
    }

    @inline(__always)
    func finish(
        _ sum: Int32, _ oc: Int, _ bias: UnsafeRawPointer?, _ perChannel: Bool,
        _ multipliers: UnsafePointer<Int32>, _ shifts: UnsafePointer<Int32>
    ) -> Int8 {
        var acc = sum
        if let bias { acc &+= bias.loadUnaligned(fromByteOffset: oc * 4, as: Int32.self) }
        let c = perChannel ? oc : 0
        acc = FixedPoint.multiplyDoubleRoundingInRange(acc, multipliers[c], shifts[c]) &+ outputOffset
        return Int8(truncatingIfNeeded: min(max(acc, activationMin), activationMax))
    }
}
