/// Decodes the `.tflite` schema's tables into ``Model``'s values.
enum ModelParser {
    struct Parsed {
        var version: UInt32
        var description: ModelText
        var operatorCodes: [OperatorCode]
        var subgraphs: [Subgraph]
        var buffers: [BufferRange]
    }

    @_optimize(size)
    static func parse(_ buffer: FlatBuffer, source: [UInt8]) throws(FieldMLError) -> Parsed {
        guard let id = buffer.fileIdentifier(), id == (0x54, 0x46, 0x4C, 0x33) else {
            throw FieldMLError(.badIdentifier, at: 4)
        }
        let root = try buffer.rootTable()
        let version: UInt32 = try root.scalar(0, default: 0)
        guard version == 3 else { throw FieldMLError(.unsupportedVersion(version), at: root.position) }

        var codes: [OperatorCode] = []
        if let vector = try root.vector(1, elementSize: 4) {
            codes.reserveCapacity(vector.count)
            for i in 0..<vector.count { codes.append(try operatorCode(vector.table(at: i), source: source)) }
        }
        var buffers: [BufferRange] = []
        if let vector = try root.vector(4, elementSize: 4) {
            buffers.reserveCapacity(vector.count)
            for i in 0..<vector.count { buffers.append(try bufferRange(vector.table(at: i), buffer: buffer)) }
        }
        guard let graphs = try root.vector(2, elementSize: 4), graphs.count > 0 else {
            throw FieldMLError(.missingField("Model.subgraphs"), at: root.position)
        }
        var subgraphs: [Subgraph] = []
        for i in 0..<graphs.count {
            subgraphs.append(
                try subgraph(graphs.table(at: i), codeCount: codes.count, bufferCount: buffers.count, source: source))
        }
        return Parsed(
            version: version, description: try text(root, 3, source) ?? ModelText(""), operatorCodes: codes,
            subgraphs: subgraphs, buffers: buffers)
    }

    @_optimize(size)
    static func operatorCode(_ table: FlatTable, source: [UInt8]) throws(FieldMLError) -> OperatorCode {
        let deprecated: Int8 = try table.scalar(0, default: 0)
        let builtin: Int32 = try table.scalar(3, default: 0)
        let code = max(Int32(deprecated), builtin)
        let customName = try text(table, 1, source)  // read before the version, as the errors expect
        var result = OperatorCode(builtin: BuiltinOperator(rawValue: code), version: try table.scalar(2, default: 1))
        result.customNameText = customName
        return result
    }

    /// The string field `id` of `table` as a ``ModelText`` over `source` (offset and length
    /// checked as ``FlatTable/string(_:)`` checks them, nothing decoded), or `nil` when absent.
    static func text(_ table: FlatTable, _ id: Int, _ source: [UInt8]) throws(FieldMLError) -> ModelText? {
        guard let vector = try table.vector(id, elementSize: 1) else { return nil }
        return ModelText(source: source, start: vector.start, count: vector.count)
    }

    @_optimize(size)
    static func bufferRange(_ table: FlatTable, buffer: FlatBuffer) throws(FieldMLError) -> BufferRange {
        if let data = try table.vector(0, elementSize: 1), data.count > 0 {
            return BufferRange(offset: data.start, count: data.count)
        }
        let offset: UInt64 = try table.scalar(1, default: 0)
        let size: UInt64 = try table.scalar(2, default: 0)
        if offset > 1 {
            guard offset <= UInt64(buffer.count), size <= UInt64(buffer.count) - offset else {
                throw FieldMLError(.badOffset(Int64(truncatingIfNeeded: offset)), at: table.position)
            }
            return BufferRange(offset: Int(offset), count: Int(size))
        }
        return BufferRange(offset: 0, count: 0)
    }

    @_optimize(size)
    static func indices(
        _ vector: FlatVector?, limit: Int, what: String, allowAbsent: Bool
    ) throws(FieldMLError) -> [Int] {
        guard let vector else { return [] }
        var result: [Int] = []
        result.reserveCapacity(vector.count)
        for i in 0..<vector.count {
            let value = Int(vector.int32(at: i))
            guard (value >= 0 && value < limit) || (allowAbsent && value == -1) else {
                throw FieldMLError(.badIndex(errorText("\(what) \(value) (of \(limit))")), at: vector.start + 4 * i)
            }
            result.append(value)
        }
        return result
    }

    @_optimize(size)
    static func subgraph(
        _ table: FlatTable, codeCount: Int, bufferCount: Int, source: [UInt8]
    ) throws(FieldMLError) -> Subgraph {
        var tensors: [Tensor] = []
        if let vector = try table.vector(0, elementSize: 4) {
            tensors.reserveCapacity(vector.count)
            for i in 0..<vector.count {
                tensors.append(try tensor(vector.table(at: i), bufferCount: bufferCount, source: source))
            }
        }
        let inputs = try indices(
            table.vector(1, elementSize: 4), limit: tensors.count, what: "subgraph input", allowAbsent: false)
        let outputs = try indices(
            table.vector(2, elementSize: 4), limit: tensors.count, what: "subgraph output", allowAbsent: false)
        var operators: [Operator] = []
        if let vector = try table.vector(3, elementSize: 4) {
            operators.reserveCapacity(vector.count)
            for i in 0..<vector.count {
                let op = try vector.table(at: i)
                let index: UInt32 = try op.scalar(0, default: 0)
                guard Int64(index) < Int64(codeCount) else {
                    throw FieldMLError(.badIndex(errorText("opcode index \(index) (of \(codeCount))")), at: op.position)
                }
                operators.append(
                    Operator(
                        opcodeIndex: Int(index),
                        inputs: try indices(
                            op.vector(1, elementSize: 4), limit: tensors.count, what: "operator input",
                            allowAbsent: true),
                        outputs: try indices(
                            op.vector(2, elementSize: 4), limit: tensors.count, what: "operator output",
                            allowAbsent: false),
                        options: try options(op)))
            }
        }
        var result = Subgraph(tensors: tensors, inputs: inputs, outputs: outputs, operators: operators, name: "")
        if let name = try text(table, 4, source) { result.nameText = name }
        return result
    }

    @_optimize(size)
    static func tensor(_ table: FlatTable, bufferCount: Int, source: [UInt8]) throws(FieldMLError) -> Tensor {
        var shape: [Int] = []
        if let vector = try table.vector(0, elementSize: 4) {
            guard vector.count <= 8 else {
                throw FieldMLError(.invalidValue(errorText("tensor rank \(vector.count)")), at: vector.start)
            }
            var product: Int64 = 1
            for i in 0..<vector.count {
                let d = Int64(vector.int32(at: i))
                guard d >= 0 else {
                    throw FieldMLError(.invalidValue(errorText("tensor dimension \(d)")), at: vector.start + 4 * i)
                }
                product *= d
                // At most 2^26 elements, so byte counts (up to 16 bytes per element) fit in a
                // 32-bit Int on microcontrollers.
                guard product <= 1 << 26 else {
                    throw FieldMLError(.invalidValue("tensor too large"), at: vector.start)
                }
                shape.append(Int(d))
            }
        }
        let type = TensorType(rawValue: try table.scalar(1, default: 0))
        let bufferIndex: UInt32 = try table.scalar(2, default: 0)
        guard Int64(bufferIndex) < Int64(max(bufferCount, 1)) else {
            throw FieldMLError(.badIndex(errorText("buffer \(bufferIndex) (of \(bufferCount))")), at: table.position)
        }
        var quantization: Quantization?
        if let q = try table.table(4) {
            var scales: [Float] = []
            if let vector = try q.vector(2, elementSize: 4) {
                for i in 0..<vector.count { scales.append(vector.float(at: i)) }
            }
            var zeroPoints: [Int64] = []
            if let vector = try q.vector(3, elementSize: 8) {
                for i in 0..<vector.count { zeroPoints.append(vector.integer(at: i, as: Int64.self)) }
            }
            if !scales.isEmpty {
                guard zeroPoints.isEmpty || zeroPoints.count == scales.count else {
                    throw FieldMLError(
                        .invalidValue(errorText("\(zeroPoints.count) zero points for \(scales.count) scales")),
                        at: q.position)
                }
                let dimension: Int32 = try q.scalar(6, default: 0)
                quantization = Quantization(scales: scales, zeroPoints: zeroPoints, quantizedDimension: Int(dimension))
            }
        }
        let name = try text(table, 3, source)
        var result = Tensor(
            name: "", type: type, shape: shape, buffer: Int(bufferIndex),
            quantization: quantization, isVariable: try table.scalar(5, default: UInt8(0)) != 0)
        if let name { result.nameText = name }
        return result
    }

    @_optimize(size)
    static func activation(_ raw: Int8, at position: Int) throws(FieldMLError) -> Activation {
        guard let value = Activation(rawValue: raw) else {
            throw FieldMLError(.invalidValue(errorText("fused activation \(raw)")), at: position)
        }
        return value
    }

    @_optimize(size)
    static func padding(_ raw: Int8, at position: Int) throws(FieldMLError) -> Padding {
        guard let value = Padding(rawValue: raw) else {
            throw FieldMLError(.invalidValue(errorText("padding \(raw)")), at: position)
        }
        return value
    }

    @_optimize(size)
    static func options(_ op: FlatTable) throws(FieldMLError) -> OperatorOptions {
        let (type, value) = try op.union(3)
        guard let t = value else { return type == 0 ? .none : .other(type) }
        let at = t.position
        switch type {
        case 1:  // Conv2DOptions
            return .conv2D(
                WindowOptions(
                    padding: try padding(t.scalar(0, default: 0), at: at),
                    strideWidth: Int(try t.scalar(1, default: Int32(0))),
                    strideHeight: Int(try t.scalar(2, default: Int32(0))),
                    dilationWidth: Int(try t.scalar(4, default: Int32(1))),
                    dilationHeight: Int(try t.scalar(5, default: Int32(1))),
                    activation: try activation(t.scalar(3, default: 0), at: at)))
        case 2:  // DepthwiseConv2DOptions
            return .depthwiseConv2D(
                WindowOptions(
                    padding: try padding(t.scalar(0, default: 0), at: at),
                    strideWidth: Int(try t.scalar(1, default: Int32(0))),
                    strideHeight: Int(try t.scalar(2, default: Int32(0))),
                    dilationWidth: Int(try t.scalar(5, default: Int32(1))),
                    dilationHeight: Int(try t.scalar(6, default: Int32(1))),
                    depthMultiplier: Int(try t.scalar(3, default: Int32(0))),
                    activation: try activation(t.scalar(4, default: 0), at: at)))
        case 5:  // Pool2DOptions
            return .pool2D(
                WindowOptions(
                    padding: try padding(t.scalar(0, default: 0), at: at),
                    strideWidth: Int(try t.scalar(1, default: Int32(0))),
                    strideHeight: Int(try t.scalar(2, default: Int32(0))),
                    filterWidth: Int(try t.scalar(3, default: Int32(0))),
                    filterHeight: Int(try t.scalar(4, default: Int32(0))),
                    activation: try activation(t.scalar(5, default: 0), at: at)))
        case 8:  // FullyConnectedOptions
            return .fullyConnected(
                activation: try activation(t.scalar(0, default: 0), at: at),
                keepNumDims: try t.scalar(2, default: UInt8(0)) != 0)
        case 9:  // SoftmaxOptions
            return .softmax(beta: try t.float(0, default: 0))
        case 11:  // AddOptions
            return .add(try activation(t.scalar(0, default: 0), at: at))
        case 21:  // MulOptions
            return .mul(try activation(t.scalar(0, default: 0), at: at))
        default:
            return .other(type)
        }
    }
}
