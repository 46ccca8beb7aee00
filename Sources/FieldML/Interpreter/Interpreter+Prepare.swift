/// Validates every operator of a subgraph against its tensors and turns it into a ``Step`` with
/// resolved slots and precomputed quantization parameters. Everything a kernel's raw-pointer loop
/// relies on (types, shapes, sizes, constant data lengths) is checked here, once.
struct StepBuilder {
    let model: Model
    let graph: Subgraph
    let profile: RoundingProfile
    var slots: [Slot?]

    static let supported: [BuiltinOperator] = [
        .conv2D, .depthwiseConv2D, .fullyConnected, .averagePool2D, .maxPool2D, .add, .mul, .reshape,
        .softmax, .quantize, .dequantize, .logistic,
    ]

    // MARK: Tensor helpers

    @_optimize(size)
    func tensor(_ index: Int) -> Tensor { graph.tensors[index] }

    /// An `unsupportedConfiguration` error for operator `op`; the message is built on hosts only
    /// (see `errorText(_:)`).
    @inline(__always)
    func fail(_ op: Int, _ message: @autoclosure () -> String) -> FieldMLError {
        FieldMLError(
            .unsupportedConfiguration(
                errorText(
                    "\(model.operatorCodes[graph.operators[op].opcodeIndex].displayName) (operator \(op)): \(message())"
                )))
    }

    @_optimize(size)
    func input(_ op: Int, _ position: Int, optional: Bool = false) throws(FieldMLError) -> Int? {
        let inputs = graph.operators[op].inputs
        guard position < inputs.count, inputs[position] >= 0 else {
            if optional { return nil }
            throw fail(op, "missing input \(position)")
        }
        return inputs[position]
    }

    @_optimize(size)
    func required(_ op: Int, _ position: Int) throws(FieldMLError) -> Int {
        guard let index = try input(op, position) else { throw fail(op, "missing input \(position)") }
        return index
    }

    @_optimize(size)
    func output(_ op: Int) throws(FieldMLError) -> Int {
        guard let index = graph.operators[op].outputs.first else { throw fail(op, "missing output") }
        return index
    }

    @_optimize(size)
    func slot(_ op: Int, _ index: Int) throws(FieldMLError) -> Slot {
        guard let slot = slots[index] else { throw fail(op, "tensor \(index) has no storage") }
        return slot
    }

    @_optimize(size)
    func constant(_ op: Int, _ index: Int, _ what: String) throws(FieldMLError) -> Slot {
        let slot = try slot(op, index)
        guard slot.isConstant else { throw fail(op, "\(what) tensor \(index) must be constant") }
        return slot
    }

    @_optimize(size)
    func expect(
        _ op: Int, _ index: Int, _ type: TensorType, _ what: String, rank: Int? = nil
    ) throws(FieldMLError) -> Tensor {
        let t = tensor(index)
        guard t.type == type else { throw fail(op, "\(what) tensor \(index) has type \(t.type), expected \(type)") }
        if let rank, t.shape.count != rank {
            throw fail(op, "\(what) tensor \(index) has rank \(t.shape.count), expected \(rank)")
        }
        return t
    }

    @_optimize(size)
    func quantization(_ op: Int, _ t: Tensor, _ what: String) throws(FieldMLError) -> (scale: Float, zeroPoint: Int32) {
        guard let q = t.quantization, q.scale > 0, q.scale.isFinite else {
            throw fail(op, "\(what) tensor '\(t.name)' is not quantized")
        }
        let zp = q.zeroPoint
        guard zp >= -128, zp <= 127 || t.type != .int8 else { throw fail(op, "\(what) zero point \(zp) out of range") }
        guard zp >= Int64(Int32.min), zp <= Int64(Int32.max) else { throw fail(op, "\(what) zero point out of range") }
        return (q.scale, Int32(zp))
    }

    @_optimize(size)
    func activation(
        _ op: Int, _ a: Activation, _ out: (scale: Float, zeroPoint: Int32)
    ) throws(FieldMLError) -> (Int32, Int32) {
        guard let range = activationRange(a, scale: out.scale, zeroPoint: out.zeroPoint), range.0 <= range.1 else {
            throw fail(op, "unsupported fused activation \(a)")
        }
        return range
    }

    // MARK: Operators

    @_optimize(size)
    mutating func build(_ op: Int) throws(FieldMLError) -> Step {
        let code = model.operatorCodes[graph.operators[op].opcodeIndex]
        let options = graph.operators[op].options
        switch code.builtin {
        case .conv2D:
            guard case .conv2D(let w) = options else { throw fail(op, "missing Conv2DOptions") }
            return .conv(try convolution(op, w, depthwise: false))
        case .depthwiseConv2D:
            guard case .depthwiseConv2D(let w) = options else { throw fail(op, "missing DepthwiseConv2DOptions") }
            return .depthwise(try convolution(op, w, depthwise: true))
        case .fullyConnected:
            var activation = Activation.none
            if case .fullyConnected(let a, _) = options { activation = a }
            return .fullyConnected(try fullyConnected(op, activation))
        case .averagePool2D, .maxPool2D:
            guard case .pool2D(let w) = options else { throw fail(op, "missing Pool2DOptions") }
            let step = try pool(op, w)
            return code.builtin == .maxPool2D ? .maxPool(step) : .averagePool(step)
        case .add, .mul:
            return try binary(op, isAdd: code.builtin == .add)
        case .reshape:
            let i = try required(op, 0)
            let o = try output(op)
            guard tensor(i).byteCount == tensor(o).byteCount, tensor(i).type == tensor(o).type else {
                throw fail(op, "input and output sizes differ")
            }
            return .copy(input: try slot(op, i), output: try slot(op, o), byteCount: tensor(o).byteCount)
        case .softmax:
            return try softmax(op, options)
        case .logistic:
            let i = try required(op, 0)
            let o = try output(op)
            let input = try expect(op, i, .int8, "input")
            let out = try expect(op, o, .int8, "output")
            guard input.elementCount == out.elementCount else { throw fail(op, "input and output sizes differ") }
            let q = try quantization(op, input, "input")
            return .logistic(
                input: try slot(op, i), output: try slot(op, o), count: out.elementCount,
                LogisticParameters(inputScale: q.scale, inputZeroPoint: q.zeroPoint))
        case .quantize:
            return try quantize(op)
        case .dequantize:
            return try dequantize(op)
        default:
            throw FieldMLError(.unsupportedOperator(errorText("\(code.displayName) (operator \(op))")))
        }
    }

    /// Validates a SOFTMAX operator and precomputes its parameters.
    @_optimize(size)
    func softmax(_ op: Int, _ options: OperatorOptions) throws(FieldMLError) -> Step {
        let i = try required(op, 0)
        let o = try output(op)
        let input = try expect(op, i, .int8, "input")
        let out = try expect(op, o, .int8, "output")
        guard input.elementCount == out.elementCount, let depth = input.shape.last, depth > 0 else {
            throw fail(op, "input and output shapes differ")
        }
        var beta: Float = 1
        if case .softmax(let b) = options { beta = b }
        let q = try quantization(op, input, "input")
        _ = try quantization(op, out, "output")
        return .softmax(
            input: try slot(op, i), output: try slot(op, o),
            SoftmaxParameters(beta: beta, inputScale: q.scale, rows: input.elementCount / depth, depth: depth))
    }

    /// Validates a QUANTIZE operator (float32 or int8 input, int8 output).
    @_optimize(size)
    func quantize(_ op: Int) throws(FieldMLError) -> Step {
        let i = try required(op, 0)
        let o = try output(op)
        let input = tensor(i)
        let out = try expect(op, o, .int8, "output")
        guard input.elementCount == out.elementCount else { throw fail(op, "input and output sizes differ") }
        let oq = try quantization(op, out, "output")
        if input.type == .float32 {
            return .quantizeFloat(
                input: try slot(op, i), output: try slot(op, o), count: out.elementCount, scale: oq.scale,
                zeroPoint: oq.zeroPoint)
        }
        guard input.type == .int8 else { throw fail(op, "input type \(input.type) not supported") }
        let iq = try quantization(op, input, "input")
        return .requantize(
            input: try slot(op, i), output: try slot(op, o), count: out.elementCount,
            QuantizedMultiplier(Double(iq.scale) / Double(oq.scale)), inputZeroPoint: iq.zeroPoint,
            outputZeroPoint: oq.zeroPoint)
    }

    /// Validates a DEQUANTIZE operator (int8 input, float32 output).
    @_optimize(size)
    func dequantize(_ op: Int) throws(FieldMLError) -> Step {
        let i = try required(op, 0)
        let o = try output(op)
        let input = try expect(op, i, .int8, "input")
        let out = try expect(op, o, .float32, "output")
        guard input.elementCount == out.elementCount else { throw fail(op, "input and output sizes differ") }
        let q = try quantization(op, input, "input")
        return .dequantize(
            input: try slot(op, i), output: try slot(op, o), count: out.elementCount, scale: Double(q.scale),
            zeroPoint: q.zeroPoint)
    }

    @_optimize(size)
    mutating func convolution(_ op: Int, _ w: WindowOptions, depthwise: Bool) throws(FieldMLError) -> ConvStep {
        let i = try required(op, 0)
        let f = try required(op, 1)
        let b = try input(op, 2, optional: true)
        let o = try output(op)
        let input = try expect(op, i, .int8, "input", rank: 4)
        let filter = try expect(op, f, .int8, "filter", rank: 4)
        let out = try expect(op, o, .int8, "output", rank: 4)
        guard w.strideWidth >= 1, w.strideHeight >= 1, w.dilationWidth >= 1, w.dilationHeight >= 1 else {
            throw fail(op, "stride and dilation must be at least 1")
        }
        let (g, multiplier) = try convolutionGeometry(
            op, w, input: input, filter: filter, output: out, depthwise: depthwise)
        let requant = try requantization(
            op, input: input, filter: filter, output: out, channels: g.outputDepth, activation: w.activation)
        let biasSlot = try bias(op, b, channels: g.outputDepth)
        let filterSlot = try constant(op, f, "filter")
        // Per-output-channel filter sums, read once from the weights.
        let perChannel = depthwise ? 1 : g.filterHeight * g.filterWidth * g.inputDepth
        let (sums, narrow) = model.bytes.withUnsafeBytes { raw -> ([Int32], Bool) in
            let base = (raw.baseAddress! + filterSlot.offset).assumingMemoryBound(to: Int8.self)
            let sums = (0..<g.outputDepth).map { oc in
                depthwise
                    ? Dot.sum(base + oc, g.filterHeight * g.filterWidth, stride: g.outputDepth)
                    : Dot.sum(base + oc * perChannel, perChannel)
            }
            return (sums, Dot.isNarrow(base, filter.elementCount))
        }
        // CONV_2D's per-channel constant: bias plus the input offset times the whole filter's sum.
        let constants = model.bytes.withUnsafeBytes { raw -> [Int32] in
            (0..<(depthwise ? 0 : g.outputDepth)).map { oc in
                var c = requant.inputOffset &* sums[oc]
                if let biasSlot {
                    c &+= raw.baseAddress!.loadUnaligned(fromByteOffset: biasSlot.offset + oc * 4, as: Int32.self)
                }
                return c
            }
        }
        return ConvStep(
            input: try slot(op, i), filter: filterSlot, bias: biasSlot, output: try slot(op, o),
            filterSums: sums, outputConstants: constants, geometry: g, depthMultiplier: multiplier,
            quantization: requant,
            narrowFilter: narrow)
    }

    /// The window geometry of a CONV_2D or DEPTHWISE_CONV_2D operator, checked against its
    /// tensors' shapes.
    ///
    /// - Returns: The geometry and the depth multiplier (1 for CONV_2D).
    /// - Throws: ``FieldMLError/Code/unsupportedConfiguration`` naming the operator and the shape
    ///   that does not match.
    @_optimize(size)
    func convolutionGeometry(
        _ op: Int, _ w: WindowOptions, input: Tensor, filter: Tensor, output out: Tensor, depthwise: Bool
    ) throws(FieldMLError) -> (geometry: WindowGeometry, depthMultiplier: Int) {
        var g = WindowGeometry()
        g.batches = input.shape[0]
        g.inputHeight = input.shape[1]
        g.inputWidth = input.shape[2]
        g.inputDepth = input.shape[3]
        g.outputHeight = out.shape[1]
        g.outputWidth = out.shape[2]
        g.outputDepth = out.shape[3]
        g.filterHeight = filter.shape[1]
        g.filterWidth = filter.shape[2]
        g.strideHeight = w.strideHeight
        g.strideWidth = w.strideWidth
        g.dilationHeight = w.dilationHeight
        g.dilationWidth = w.dilationWidth
        var multiplier = 1
        if depthwise {
            guard filter.shape[0] == 1, filter.shape[3] == g.outputDepth, g.inputDepth > 0,
                g.outputDepth % g.inputDepth == 0
            else {
                throw fail(
                    op, "filter shape \(filter.shape) does not match input \(input.shape) and output \(out.shape)")
            }
            multiplier = g.outputDepth / g.inputDepth
        } else {
            guard filter.shape[0] == g.outputDepth, filter.shape[3] == g.inputDepth else {
                throw fail(
                    op, "filter shape \(filter.shape) does not match input \(input.shape) and output \(out.shape)")
            }
        }
        guard out.shape[0] == g.batches,
            g.outputHeight
                == WindowGeometry.outputSize(
                    w.padding, input: g.inputHeight, filter: g.filterHeight, stride: g.strideHeight,
                    dilation: g.dilationHeight),
            g.outputWidth
                == WindowGeometry.outputSize(
                    w.padding, input: g.inputWidth, filter: g.filterWidth, stride: g.strideWidth,
                    dilation: g.dilationWidth)
        else { throw fail(op, "output shape \(out.shape) does not follow from input \(input.shape)") }
        g.padHeight = WindowGeometry.padding(
            w.padding, input: g.inputHeight, filter: g.filterHeight, stride: g.strideHeight, dilation: g.dilationHeight,
            output: g.outputHeight)
        g.padWidth = WindowGeometry.padding(
            w.padding, input: g.inputWidth, filter: g.filterWidth, stride: g.strideWidth, dilation: g.dilationWidth,
            output: g.outputWidth)

        return (g, multiplier)
    }

    @_optimize(size)
    func bias(_ op: Int, _ b: Int?, channels: Int) throws(FieldMLError) -> Slot? {
        guard let b else { return nil }
        let t = try expect(op, b, .int32, "bias")
        guard t.elementCount == channels else {
            throw fail(op, "bias has \(t.elementCount) values for \(channels) channels")
        }
        return try constant(op, b, "bias")
    }

    @_optimize(size)
    func requantization(
        _ op: Int, input: Tensor, filter: Tensor, output: Tensor, channels: Int, activation a: Activation
    ) throws(FieldMLError) -> Requantization {
        let iq = try quantization(op, input, "input")
        let oq = try quantization(op, output, "output")
        guard let fq = filter.quantization, !fq.scales.isEmpty else { throw fail(op, "filter is not quantized") }
        guard fq.scales.count == 1 || fq.scales.count == channels else {
            throw fail(op, "filter has \(fq.scales.count) scales for \(channels) channels")
        }
        var r = Requantization()
        r.inputOffset = -iq.zeroPoint
        r.outputOffset = oq.zeroPoint
        let fzp = fq.zeroPoint
        guard fzp >= -128, fzp <= 127 else { throw fail(op, "filter zero point out of range") }
        r.filterOffset = -Int32(fzp)
        (r.activationMin, r.activationMax) = try activation(op, a, oq)
        for s in fq.scales {
            let q = QuantizedMultiplier(Double(iq.scale) * Double(s) / Double(oq.scale))
            r.multipliers.append(q.multiplier)
            r.shifts.append(q.shift)
        }
        return r
    }

    @_optimize(size)
    func fullyConnected(_ op: Int, _ a: Activation) throws(FieldMLError) -> FullyConnectedStep {
        let i = try required(op, 0)
        let f = try required(op, 1)
        let b = try input(op, 2, optional: true)
        let o = try output(op)
        let input = try expect(op, i, .int8, "input")
        let filter = try expect(op, f, .int8, "filter", rank: 2)
        let out = try expect(op, o, .int8, "output")
        let outputDepth = filter.shape[0]
        let depth = filter.shape[1]
        guard depth > 0, outputDepth > 0, input.elementCount % depth == 0 else {
            throw fail(op, "input \(input.shape) does not match filter \(filter.shape)")
        }
        let batches = input.elementCount / depth
        guard out.elementCount == batches * outputDepth else {
            throw fail(op, "output \(out.shape) does not match \(batches) x \(outputDepth)")
        }
        let requant = try requantization(
            op, input: input, filter: filter, output: out, channels: outputDepth, activation: a)
        let filterSlot = try constant(op, f, "filter")
        let biasSlot = try bias(op, b, channels: outputDepth)
        let offsetProduct = Int32(truncatingIfNeeded: depth) &* requant.filterOffset &* requant.inputOffset
        let (constants, narrow) = model.bytes.withUnsafeBytes { raw -> ([Int32], Bool) in
            let base = (raw.baseAddress! + filterSlot.offset).assumingMemoryBound(to: Int8.self)
            let constants = (0..<outputDepth).map { oc in
                var c = requant.inputOffset &* Dot.sum(base + oc * depth, depth) &+ offsetProduct
                if let biasSlot {
                    c &+= raw.baseAddress!.loadUnaligned(fromByteOffset: biasSlot.offset + oc * 4, as: Int32.self)
                }
                return c
            }
            return (constants, Dot.isNarrow(base, depth * outputDepth))
        }
        return FullyConnectedStep(
            input: try slot(op, i), filter: filterSlot, output: try slot(op, o), batches: batches, depth: depth,
            outputDepth: outputDepth, quantization: requant, rowConstants: constants, narrowFilter: narrow)
    }

    @_optimize(size)
    func pool(_ op: Int, _ w: WindowOptions) throws(FieldMLError) -> PoolStep {
        let i = try required(op, 0)
        let o = try output(op)
        let input = try expect(op, i, .int8, "input", rank: 4)
        let out = try expect(op, o, .int8, "output", rank: 4)
        guard w.strideWidth >= 1, w.strideHeight >= 1, w.filterWidth >= 1, w.filterHeight >= 1 else {
            throw fail(op, "stride and filter size must be at least 1")
        }
        var g = WindowGeometry()
        g.batches = input.shape[0]
        g.inputHeight = input.shape[1]
        g.inputWidth = input.shape[2]
        g.inputDepth = input.shape[3]
        g.outputHeight = out.shape[1]
        g.outputWidth = out.shape[2]
        g.outputDepth = out.shape[3]
        g.filterHeight = w.filterHeight
        g.filterWidth = w.filterWidth
        g.strideHeight = w.strideHeight
        g.strideWidth = w.strideWidth
        guard out.shape[0] == g.batches, g.outputDepth == g.inputDepth,
            g.outputHeight
                == WindowGeometry.outputSize(
                    w.padding, input: g.inputHeight, filter: g.filterHeight, stride: g.strideHeight, dilation: 1),
            g.outputWidth
                == WindowGeometry.outputSize(
                    w.padding, input: g.inputWidth, filter: g.filterWidth, stride: g.strideWidth, dilation: 1)
        else { throw fail(op, "output shape \(out.shape) does not follow from input \(input.shape)") }
        g.padHeight = WindowGeometry.padding(
            w.padding, input: g.inputHeight, filter: g.filterHeight, stride: g.strideHeight, dilation: 1,
            output: g.outputHeight)
        g.padWidth = WindowGeometry.padding(
            w.padding, input: g.inputWidth, filter: g.filterWidth, stride: g.strideWidth, dilation: 1,
            output: g.outputWidth)
        let iq = try quantization(op, input, "input")
        let oq = try quantization(op, out, "output")
        guard iq.zeroPoint == oq.zeroPoint, iq.scale == oq.scale else {
            throw fail(op, "input and output quantization differ")
        }
        let (lo, hi) = try activation(op, w.activation, oq)
        return PoolStep(
            input: try slot(op, i), output: try slot(op, o), geometry: g, activationMin: lo, activationMax: hi)
    }

    @_optimize(size)
    func binary(_ op: Int, isAdd: Bool) throws(FieldMLError) -> Step {
        let i1 = try required(op, 0)
        let i2 = try required(op, 1)
        let o = try output(op)
        let a = try expect(op, i1, .int8, "input 1")
        let b = try expect(op, i2, .int8, "input 2")
        let out = try expect(op, o, .int8, "output")
        guard a.shape.count <= 4, b.shape.count <= 4, out.shape.count <= 4 else { throw fail(op, "rank above 4") }
        @_optimize(size)
        func padded(_ s: [Int]) -> [Int] { [Int](repeating: 1, count: 4 - s.count) + s }
        let pa = padded(a.shape)
        let pb = padded(b.shape)
        let po = padded(out.shape)
        var broadcast = Broadcast4D()
        broadcast.isElementwise = a.shape == b.shape && a.elementCount == out.elementCount
        var sa = [0, 0, 0, 0]
        var sb = [0, 0, 0, 0]
        var strideA = 1
        var strideB = 1
        for d in stride(from: 3, through: 0, by: -1) {
            guard (pa[d] == po[d] || pa[d] == 1), (pb[d] == po[d] || pb[d] == 1) else {
                throw fail(op, "shapes \(a.shape) and \(b.shape) do not broadcast to \(out.shape)")
            }
            sa[d] = pa[d] == 1 ? 0 : strideA
            sb[d] = pb[d] == 1 ? 0 : strideB
            strideA *= pa[d]
            strideB *= pb[d]
        }
        broadcast.shape = (po[0], po[1], po[2], po[3])
        broadcast.strides1 = (sa[0], sa[1], sa[2], sa[3])
        broadcast.strides2 = (sb[0], sb[1], sb[2], sb[3])
        let step = BinaryStep(
            input1: try slot(op, i1), input2: try slot(op, i2), output: try slot(op, o), count: out.elementCount,
            broadcast: broadcast)
        let q1 = try quantization(op, a, "input 1")
        let q2 = try quantization(op, b, "input 2")
        let qo = try quantization(op, out, "output")
        let options = graph.operators[op].options
        if isAdd {
            var activation = Activation.none
            if case .add(let act) = options { activation = act }
            var p = AddParameters()
            p.input1Offset = -q1.zeroPoint
            p.input2Offset = -q2.zeroPoint
            p.outputOffset = qo.zeroPoint
            p.leftShift = 20
            let twiceMax = 2 * Double(max(q1.scale, q2.scale))
            p.input1 = QuantizedMultiplier(Double(q1.scale) / twiceMax)
            p.input2 = QuantizedMultiplier(Double(q2.scale) / twiceMax)
            p.output = QuantizedMultiplier(twiceMax / (Double(1 << p.leftShift) * Double(qo.scale)))
            (p.activationMin, p.activationMax) = try self.activation(op, activation, qo)
            return .add(step, p)
        }
        var activation = Activation.none
        if case .mul(let act) = options { activation = act }
        var p = MulParameters()
        p.input1Offset = -q1.zeroPoint
        p.input2Offset = -q2.zeroPoint
        p.outputOffset = qo.zeroPoint
        p.output = QuantizedMultiplier(Double(q1.scale) * Double(q2.scale) / Double(qo.scale))
        (p.activationMin, p.activationMax) = try self.activation(op, activation, qo)
        return .mul(step, p)
    }
}
