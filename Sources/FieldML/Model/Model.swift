/// A `.tflite` model (schema version 3), loaded from its bytes without copying the weights.
///
/// Loading walks the FlatBuffer once, checking every offset and length, and decodes the structure
/// (operator codes, subgraphs, tensors, quantization, builtin options, buffer ranges) into small
/// Swift values. Constant data stays in ``bytes`` and is read in place by the
/// ``Interpreter``: on a device the array can be a constant in flash.
///
/// ```swift
/// let model = try Model(bytes: fileBytes)
/// for code in model.operatorCodes { print(code.displayName) }
/// ```
public struct Model: Sendable {
    /// The model file's bytes.
    public let bytes: [UInt8]
    /// The schema version (always 3).
    public let version: UInt32
    /// The model's description string (decoded from ``bytes`` when read).
    public var modelDescription: String { descriptionText.string }
    /// Where the description lies.
    let descriptionText: ModelText
    /// The operator-code table.
    public let operatorCodes: [OperatorCode]
    /// The subgraphs; the first is the main graph.
    public let subgraphs: [Subgraph]
    /// Where each buffer's bytes lie in ``bytes``.
    public let buffers: [BufferRange]

    /// Loads a model from the bytes of a `.tflite` file.
    ///
    /// The bytes are untrusted: a truncated, corrupt or hostile file produces a ``FieldMLError``
    /// naming the problem and its offset, never a crash.
    ///
    /// ```swift
    /// let model = try Model(bytes: try readFile("kws_ref_model.tflite"))
    /// ```
    ///
    /// - Parameter bytes: The file's contents.
    /// - Throws: ``FieldMLError`` when the file is not a valid schema-3 `.tflite` model.
    /// - Complexity: O(n) in the size of the model's structure (not its weights).
    public init(bytes: [UInt8]) throws(FieldMLError) {
        let parsed = bytes.withUnsafeBytes { raw -> Result<ModelParser.Parsed, FieldMLError> in
            do throws(FieldMLError) {
                return .success(try ModelParser.parse(FlatBuffer(raw), source: bytes))
            } catch {
                return .failure(error)
            }
        }
        switch parsed {
        case .success(let p):
            self.bytes = bytes
            self.version = p.version
            self.descriptionText = p.description
            self.operatorCodes = p.operatorCodes
            self.subgraphs = p.subgraphs
            self.buffers = p.buffers
        case .failure(let error):
            throw error
        }
    }

    /// The constant data of tensor `tensor`, as a range of ``bytes``, or `nil` when the tensor
    /// has no data (an activation).
    ///
    /// - Parameter tensor: The tensor.
    /// - Returns: The buffer range, when non-empty.
    public func constantData(of tensor: Tensor) -> BufferRange? {
        guard tensor.buffer >= 0, tensor.buffer < buffers.count else { return nil }
        let range = buffers[tensor.buffer]
        return range.count > 0 ? range : nil
    }
}
