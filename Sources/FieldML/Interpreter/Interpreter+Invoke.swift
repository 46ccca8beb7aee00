extension Interpreter {
    /// Runs the model once on the current inputs.
    ///
    /// All checks happened when the interpreter was created, so this cannot fail and allocates
    /// nothing: weights are read in place from the model, activations live in the arena.
    ///
    /// Like TensorFlow Lite Micro, the planner reuses an input tensor's bytes for later
    /// activations once the input has been consumed, so set the inputs again before every call.
    ///
    /// ```swift
    /// try interpreter.setInput(samples)
    /// interpreter.invoke()
    /// let result = interpreter.output()
    /// ```
    ///
    /// - Complexity: The model's multiply-accumulate count.
    @_optimize(speed)
    public func invoke() {
        let arena = self.arena
        let singleRounding = profile == .reference
        model.bytes.withUnsafeBytes { modelBytes in
            let memory = StepMemory(constants: modelBytes.baseAddress!, arena: arena)
            for step in steps {
                memory.run(step, singleRounding: singleRounding)
            }
        }
    }
}

/// Where a step's operands live during ``Interpreter/invoke()``: constants in the model bytes,
/// everything else in the arena.
struct StepMemory {
    /// The model's bytes.
    let constants: UnsafeRawPointer
    /// The activation arena.
    let arena: UnsafeMutableRawPointer

    /// The address of a tensor.
    @inline(__always) func pointer(_ slot: Slot) -> UnsafeRawPointer {
        slot.isConstant ? constants + slot.offset : UnsafeRawPointer(arena + slot.offset)
    }

    /// The address of an int8 tensor.
    @inline(__always) func int8(_ slot: Slot) -> UnsafePointer<Int8> {
        pointer(slot).assumingMemoryBound(to: Int8.self)
    }

    /// The address of an int8 tensor the step writes (always in the arena).
    @inline(__always) func mutableInt8(_ slot: Slot) -> UnsafeMutablePointer<Int8> {
        (arena + slot.offset).assumingMemoryBound(to: Int8.self)
    }

    /// Runs one step.
    ///
    /// - Parameters:
    ///   - step: The step.
    ///   - singleRounding: Whether fully connected layers round once (``RoundingProfile/reference``).
    @inline(__always)
    func run(_ step: Step, singleRounding: Bool) {
        switch step {
        case .conv(let s): runConv(s)
        case .depthwise(let s): runDepthwise(s)
        case .fullyConnected(let s): runFullyConnected(s, singleRounding: singleRounding)
        case .averagePool(let s):
            PoolingKernel.average(
                input: int8(s.input), output: mutableInt8(s.output), geometry: s.geometry,
                activationMin: s.activationMin, activationMax: s.activationMax)
        case .maxPool(let s):
            PoolingKernel.maximum(
                input: int8(s.input), output: mutableInt8(s.output), geometry: s.geometry,
                activationMin: s.activationMin, activationMax: s.activationMax)
        case .add(let s, let p):
            ElementwiseKernel.add(
                int8(s.input1), int8(s.input2), mutableInt8(s.output), count: s.count, broadcast: s.broadcast,
                parameters: p)
        case .mul(let s, let p):
            ElementwiseKernel.mul(
                int8(s.input1), int8(s.input2), mutableInt8(s.output), count: s.count, broadcast: s.broadcast,
                parameters: p)
        case .copy(let input, let output, let byteCount):
            if input != output {
                (arena + output.offset).copyMemory(from: pointer(input), byteCount: byteCount)
            }
        case .softmax(let input, let output, let p):
            SoftmaxKernel.run(input: int8(input), output: mutableInt8(output), parameters: p)
        case .logistic(let input, let output, let count, let p):
            LogisticKernel.run(input: int8(input), output: mutableInt8(output), count: count, parameters: p)
        case .quantizeFloat(let input, let output, let count, let scale, let zeroPoint):
            QuantizeKernel.quantize(
                pointer(input).assumingMemoryBound(to: Float.self), mutableInt8(output), count: count,
                scale: scale, zeroPoint: zeroPoint)
        case .requantize(
            let input, let output, let count, let multiplier, let inputZeroPoint, let outputZeroPoint):
            QuantizeKernel.requantize(
                int8(input), mutableInt8(output), count: count, multiplier: multiplier,
                inputZeroPoint: inputZeroPoint, outputZeroPoint: outputZeroPoint)
        case .dequantize(let input, let output, let count, let scale, let zeroPoint):
            QuantizeKernel.dequantize(
                int8(input), (arena + output.offset).assumingMemoryBound(to: Float.self), count: count,
                scale: scale, zeroPoint: zeroPoint)
        }
    }

    /// Runs a CONV_2D step.
    @inline(__always)
    func runConv(_ s: ConvStep) {
        s.quantization.multipliers.withUnsafeBufferPointer { m in
            s.quantization.shifts.withUnsafeBufferPointer { sh in
                s.filterSums.withUnsafeBufferPointer { sums in
                    s.outputConstants.withUnsafeBufferPointer { constants in
                        Conv2DKernel.run(
                            input: int8(s.input), filter: int8(s.filter), bias: s.bias.map(pointer),
                            output: mutableInt8(s.output), geometry: s.geometry,
                            quantization: s.quantization,
                            filterSums: sums.baseAddress!, outputConstants: constants.baseAddress!,
                            multipliers: m.baseAddress!, shifts: sh.baseAddress!,
                            narrowFilter: s.narrowFilter)
                    }
                }
            }
        }
    }

    /// Runs a DEPTHWISE_CONV_2D step.
    @inline(__always)
    func runDepthwise(_ s: ConvStep) {
        s.quantization.multipliers.withUnsafeBufferPointer { m in
            s.quantization.shifts.withUnsafeBufferPointer { sh in
                s.filterSums.withUnsafeBufferPointer { sums in
                    DepthwiseConv2DKernel.run(
                        input: int8(s.input), filter: int8(s.filter), bias: s.bias.map(pointer),
                        output: mutableInt8(s.output), geometry: s.geometry,
                        depthMultiplier: s.depthMultiplier, quantization: s.quantization,
                        filterSums: sums.baseAddress!, multipliers: m.baseAddress!, shifts: sh.baseAddress!)
                }
            }
        }
    }

    /// Runs a FULLY_CONNECTED step.
    @inline(__always)
    func runFullyConnected(_ s: FullyConnectedStep, singleRounding: Bool) {
        s.quantization.multipliers.withUnsafeBufferPointer { m in
            s.quantization.shifts.withUnsafeBufferPointer { sh in
                s.rowConstants.withUnsafeBufferPointer { constants in
                    FullyConnectedKernel.run(
                        input: int8(s.input), filter: int8(s.filter), output: mutableInt8(s.output),
                        batches: s.batches, depth: s.depth, outputDepth: s.outputDepth,
                        quantization: s.quantization, rowConstants: constants.baseAddress!,
                        multipliers: m.baseAddress!, shifts: sh.baseAddress!,
                        narrowFilter: s.narrowFilter, singleRounding: singleRounding)
                }
            }
        }
    }
}
