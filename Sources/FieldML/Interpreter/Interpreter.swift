/// Runs an int8 `.tflite` model bit-exactly like TensorFlow Lite Micro or the desktop reference
/// kernels, in one statically planned arena.
///
/// Creating an interpreter validates every operator (an unsupported operator or configuration is
/// an error here, naming it, never during inference), precomputes every quantization parameter,
/// and plans the arena from tensor lifetimes, so ``arenaByteCount`` is known once `init` returns.
/// ``invoke()`` then allocates nothing: it reads weights in place from ``Model/bytes`` and
/// activations from the arena.
///
/// ```swift
/// let model = try Model(bytes: modelBytes)
/// let interpreter = try Interpreter(model: model, profile: .tflm)
/// try interpreter.setInput(features)          // [Int8], input tensor 0
/// interpreter.invoke()
/// let scores = interpreter.output()           // [Int8], output tensor 0
/// print(interpreter.arenaByteCount)
/// ```
public final class Interpreter {
    /// The model being run.
    public let model: Model
    /// The rounding profile.
    public let profile: RoundingProfile
    /// The number of bytes of the activation arena (the kernels need no scratch memory).
    public let arenaByteCount: Int
    /// The arena offset of every tensor that lives in the arena (`nil` for constants and unused
    /// tensors), for inspection.
    public let arenaOffsets: [Int?]

    let graph: Subgraph
    let steps: [Step]
    let slots: [Slot?]
    let arena: UnsafeMutableRawPointer

    /// Prepares `model` for inference.
    ///
    /// - Parameters:
    ///   - model: The loaded model.
    ///   - profile: Which reference's rounding to reproduce (``RoundingProfile/tflm`` by default).
    ///   - arenaLimit: The most arena bytes the caller allows, or `nil` for no limit.
    /// - Throws: ``FieldMLError`` naming the first unsupported operator or invalid configuration,
    ///   or ``FieldMLError/Code/arenaTooLarge``.
    /// - Complexity: O(t² log t) in the number of tensors (the planner), plus O(weights) for nothing:
    ///   weights are not read at load time.
    @_optimize(size)
    public init(model: Model, profile: RoundingProfile = .tflm, arenaLimit: Int? = nil) throws(FieldMLError) {
        let graph = model.subgraphs[0]
        // 1. Every operator must be supported: report the first one that is not, by name.
        try Self.checkOperators(of: graph, in: model)
        // 2. Storage: constants in place, everything else planned by lifetime.
        var lifetimes = try Self.lifetimes(of: graph, in: model)
        let plan = try Self.planArena(for: graph, lifetimes: &lifetimes, limit: arenaLimit)
        // 3. Steps: validate each operator and precompute its parameters.
        var builder = StepBuilder(model: model, graph: graph, profile: profile, slots: lifetimes.slots)
        var steps: [Step] = []
        steps.reserveCapacity(graph.operators.count)
        for opIndex in 0..<graph.operators.count {
            steps.append(try builder.build(opIndex))
        }
        self.model = model
        self.profile = profile
        self.graph = graph
        self.steps = steps
        self.slots = lifetimes.slots
        self.arenaOffsets = plan.offsets
        self.arenaByteCount = plan.size
        self.arena = UnsafeMutableRawPointer.allocate(byteCount: max(plan.size, 16), alignment: 16)
        self.arena.initializeMemory(as: UInt8.self, repeating: 0, count: max(plan.size, 16))
    }

    deinit {
        arena.deallocate()
    }

    /// The number of input tensors.
    public var inputCount: Int { graph.inputs.count }

    /// The number of output tensors.
    public var outputCount: Int { graph.outputs.count }

    /// The description of input tensor `index`.
    ///
    /// - Parameter index: The input's position, in `0..<inputCount` (there is always at least one).
    /// - Returns: The tensor.
    @_optimize(size)
    public func inputTensor(_ index: Int = 0) -> Tensor { graph.tensors[graph.inputs[index]] }

    /// The description of output tensor `index`.
    ///
    /// - Parameter index: The output's position, in `0..<outputCount` (there is always at least one).
    /// - Returns: The tensor.
    @_optimize(size)
    public func outputTensor(_ index: Int = 0) -> Tensor { graph.tensors[graph.outputs[index]] }

    /// Copies raw bytes into input tensor `index`.
    ///
    /// - Parameters:
    ///   - bytes: Exactly the tensor's byte count, in its element type, row-major.
    ///   - index: The input's position.
    /// - Throws: ``FieldMLError/Code/badArgument`` when the index or the size is wrong.
    /// - Complexity: O(n) in the tensor's size.
    @_optimize(size)
    public func setInput(bytes: UnsafeRawBufferPointer, at index: Int = 0) throws(FieldMLError) {
        guard index >= 0, index < graph.inputs.count else {
            throw FieldMLError(.badArgument(errorText("no input \(index)")))
        }
        let tensorIndex = graph.inputs[index]
        let t = graph.tensors[tensorIndex]
        guard bytes.count == t.byteCount, let slot = slots[tensorIndex] else {
            throw FieldMLError(.badArgument(errorText("input \(index) needs \(t.byteCount) bytes, got \(bytes.count)")))
        }
        if let base = bytes.baseAddress { (arena + slot.offset).copyMemory(from: base, byteCount: bytes.count) }
    }

    /// Copies int8 values into input tensor `index`.
    ///
    /// - Parameters:
    ///   - values: Exactly the tensor's element count, row-major.
    ///   - index: The input's position.
    /// - Throws: ``FieldMLError/Code/badArgument`` when the tensor is not int8 or the count is
    ///   wrong.
    /// - Complexity: O(n) in the tensor's size.
    @_optimize(size)
    public func setInput(_ values: [Int8], at index: Int = 0) throws(FieldMLError) {
        guard index >= 0, index < graph.inputs.count, inputTensor(index).type == .int8 else {
            throw FieldMLError(.badArgument(errorText("input \(index) is not an int8 tensor")))
        }
        let result = values.withUnsafeBytes { raw -> FieldMLError? in
            do throws(FieldMLError) {
                try setInput(bytes: raw, at: index)
                return nil
            } catch {
                return error
            }
        }
        if let result { throw result }
    }

    /// Calls `body` with the bytes of output tensor `index`.
    ///
    /// - Parameters:
    ///   - index: The output's position, in `0..<outputCount`.
    ///   - body: Reads the bytes; they are valid only during the call.
    /// - Returns: What `body` returns.
    @_optimize(size)
    public func withOutputBytes<R>(at index: Int = 0, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let tensorIndex = graph.outputs[index]
        let count = graph.tensors[tensorIndex].byteCount
        // Every graph output has storage: init rejects outputs that are never written.
        guard let slot = slots[tensorIndex] else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        if slot.isConstant {
            return model.bytes.withUnsafeBytes { raw in
                body(UnsafeRawBufferPointer(rebasing: raw[slot.offset..<(slot.offset + count)]))
            }
        }
        return body(UnsafeRawBufferPointer(start: arena + slot.offset, count: count))
    }

    /// A copy of output tensor `index`'s raw bytes.
    ///
    /// - Parameter index: The output's position.
    /// - Returns: The bytes.
    /// - Complexity: O(n) in the tensor's size.
    @_optimize(size)
    public func outputBytes(at index: Int = 0) -> [UInt8] {
        withOutputBytes(at: index) { Array($0) }
    }

    /// A copy of output tensor `index` as int8 values (its bytes reinterpreted).
    ///
    /// - Parameter index: The output's position.
    /// - Returns: The values.
    /// - Complexity: O(n) in the tensor's size.
    @_optimize(size)
    public func output(at index: Int = 0) -> [Int8] {
        withOutputBytes(at: index) { raw in raw.map { Int8(bitPattern: $0) } }
    }
}

extension Interpreter {
    /// Where each tensor lives and when it is first and last used, as the loader finds them.
    struct Lifetimes {
        /// The storage of each tensor: constants point into the model; planned tensors are filled
        /// in by ``Interpreter/planArena(for:lifetimes:limit:)``.
        var slots: [Slot?]
        /// The first operator that uses each tensor (`Int.max` when none).
        var first: [Int]
        /// The last operator that uses each tensor (-1 when none).
        var last: [Int]
    }

    /// Checks that FieldML implements every operator of `graph` and that its inputs and outputs
    /// have a supported type.
    ///
    /// - Parameters:
    ///   - graph: The main subgraph.
    ///   - model: The model.
    /// - Throws: ``FieldMLError/Code/unsupportedOperator`` naming the first unsupported operator, or
    ///   ``FieldMLError/Code/unsupportedConfiguration``.
    @_optimize(size)
    static func checkOperators(of graph: Subgraph, in model: Model) throws(FieldMLError) {
        for (index, op) in graph.operators.enumerated() {
            let code = model.operatorCodes[op.opcodeIndex]
            if !StepBuilder.supported.contains(code.builtin) {
                throw FieldMLError(.unsupportedOperator(errorText("\(code.displayName) (operator \(index))")))
            }
        }
        guard !graph.inputs.isEmpty, !graph.outputs.isEmpty else {
            throw FieldMLError(.unsupportedConfiguration("the main graph has no inputs or no outputs"))
        }
        for index in graph.inputs + graph.outputs where graph.tensors[index].type.byteSize == 0 {
            throw FieldMLError(
                .unsupportedConfiguration(errorText("graph tensor \(index) has type \(graph.tensors[index].type)")))
        }
    }

    /// Finds the constants (kept in place in the model) and the first and last use of every other
    /// tensor, checking that each tensor is written once, before it is read.
    ///
    /// - Parameters:
    ///   - graph: The main subgraph.
    ///   - model: The model.
    /// - Returns: The slots of the constants and every tensor's lifetime.
    /// - Throws: ``FieldMLError/Code/invalidValue`` for a constant of the wrong size, or
    ///   ``FieldMLError/Code/unsupportedConfiguration`` naming the operator and tensor.
    /// - Complexity: O(tensors + operator operands × graph inputs).
    @_optimize(size)
    static func lifetimes(of graph: Subgraph, in model: Model) throws(FieldMLError) -> Lifetimes {
        let tensorCount = graph.tensors.count
        var slots = [Slot?](repeating: nil, count: tensorCount)
        var first = [Int](repeating: Int.max, count: tensorCount)
        var last = [Int](repeating: -1, count: tensorCount)
        var written = [Bool](repeating: false, count: tensorCount)
        for index in 0..<tensorCount {
            let t = graph.tensors[index]
            if let data = model.constantData(of: t) {
                guard t.type.byteSize > 0, data.count == t.byteCount else {
                    throw FieldMLError(
                        .invalidValue(
                            errorText(
                                "tensor \(index) '\(t.name)' has \(data.count) data bytes, expected \(t.byteCount)")),
                        at: data.offset)
                }
                slots[index] = Slot(offset: data.offset, isConstant: true)
                written[index] = true
            }
        }
        for index in graph.inputs {
            guard slots[index] == nil else {
                throw FieldMLError(.unsupportedConfiguration(errorText("graph input \(index) is a constant")))
            }
            first[index] = 0
            last[index] = max(last[index], 0)
            written[index] = true
        }
        for (opIndex, op) in graph.operators.enumerated() {
            for index in op.inputs where index >= 0 {
                guard written[index] else {
                    throw FieldMLError(
                        .unsupportedConfiguration(
                            errorText("operator \(opIndex) reads tensor \(index) before it is written")))
                }
                if slots[index] == nil { last[index] = max(last[index], opIndex) }
            }
            for index in op.outputs {
                guard slots[index] == nil, !graph.inputs.contains(index) else {
                    throw FieldMLError(
                        .unsupportedConfiguration(
                            errorText("operator \(opIndex) writes constant or input tensor \(index)")))
                }
                guard !written[index] else {
                    throw FieldMLError(.unsupportedConfiguration(errorText("tensor \(index) is written twice")))
                }
                written[index] = true
                first[index] = min(first[index], opIndex)
                last[index] = max(last[index], opIndex)
            }
        }
        let end = max(graph.operators.count - 1, 0)
        for index in graph.outputs {
            guard written[index] else {
                throw FieldMLError(.unsupportedConfiguration(errorText("graph output \(index) is never written")))
            }
            if slots[index] == nil { last[index] = end }
        }
        return Lifetimes(slots: slots, first: first, last: last)
    }

    /// Plans the arena from the tensors' lifetimes and gives each planned tensor its slot.
    ///
    /// - Parameters:
    ///   - graph: The main subgraph.
    ///   - lifetimes: The lifetimes; their slots receive the planned offsets.
    ///   - limit: The most arena bytes the caller allows, or `nil`.
    /// - Returns: The arena size and every tensor's arena offset (`nil` when not in the arena).
    /// - Throws: ``FieldMLError/Code/arenaTooLarge``, or ``FieldMLError/Code/unsupportedConfiguration``
    ///   for a tensor of an unsupported type.
    /// - Complexity: O(t² log t) in the number of planned tensors.
    @_optimize(size)
    static func planArena(
        for graph: Subgraph, lifetimes: inout Lifetimes, limit arenaLimit: Int?
    ) throws(FieldMLError) -> (size: Int, offsets: [Int?]) {
        let tensorCount = graph.tensors.count
        // Bound the total so that no offset can overflow a 32-bit Int on a microcontroller.
        var total: Int64 = 0
        for index in 0..<tensorCount where lifetimes.slots[index] == nil && lifetimes.last[index] >= 0 {
            total += Int64(graph.tensors[index].byteCount) + 16
        }
        guard total < 1 << 30 else {
            throw FieldMLError(.arenaTooLarge(needed: Int(clamping: total), limit: 1 << 30))
        }
        var planner = ArenaPlanner(alignment: 16)
        var planIndex = [Int](repeating: -1, count: tensorCount)
        for index in 0..<tensorCount where lifetimes.slots[index] == nil && lifetimes.last[index] >= 0 {
            let t = graph.tensors[index]
            guard t.type.byteSize > 0 else {
                throw FieldMLError(.unsupportedConfiguration(errorText("tensor \(index) has type \(t.type)")))
            }
            planIndex[index] = planner.add(
                size: t.byteCount, firstUse: min(lifetimes.first[index], lifetimes.last[index]),
                lastUse: lifetimes.last[index])
        }
        let plan = planner.plan()
        var offsets = [Int?](repeating: nil, count: tensorCount)
        for index in 0..<tensorCount where planIndex[index] >= 0 {
            lifetimes.slots[index] = Slot(offset: plan.offsets[planIndex[index]], isConstant: false)
            offsets[index] = plan.offsets[planIndex[index]]
        }
        if let arenaLimit, plan.size > arenaLimit {
            throw FieldMLError(.arenaTooLarge(needed: plan.size, limit: arenaLimit))
        }
        return (plan.size, offsets)
    }
}
