/// A tensor of a subgraph: its type, shape, quantization and the buffer holding constant data.
///
/// ```swift
/// let input = model.subgraphs[0].tensors[Int(model.subgraphs[0].inputs[0])]
/// print(input.name, input.type, input.shape)
/// ```
public struct Tensor: Equatable, Sendable {
    /// The tensor's name in the model (decoded from the model's bytes when read).
    public var name: String {
        get { nameText.string }
        set { nameText = ModelText(newValue) }
    }
    /// Where the name lies.
    var nameText: ModelText
    /// The element type.
    public var type: TensorType
    /// The dimensions, outermost first.
    public var shape: [Int]
    /// The index of the buffer in ``Model/buffers`` (0 is the empty buffer).
    public var buffer: Int
    /// The quantization parameters, when the tensor is quantized.
    public var quantization: Quantization?
    /// Whether the tensor is a variable (state kept across invocations).
    public var isVariable: Bool

    /// Creates a tensor description.
    ///
    /// - Parameters:
    ///   - name: The name.
    ///   - type: The element type.
    ///   - shape: The dimensions.
    ///   - buffer: The buffer index.
    ///   - quantization: The quantization parameters.
    ///   - isVariable: Whether the tensor is a variable.
    public init(
        name: String, type: TensorType, shape: [Int], buffer: Int, quantization: Quantization?,
        isVariable: Bool = false
    ) {
        self.nameText = ModelText(name)
        self.type = type
        self.shape = shape
        self.buffer = buffer
        self.quantization = quantization
        self.isVariable = isVariable
    }

    /// The number of elements (the product of the dimensions; 1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }

    /// The size of the tensor's data in bytes.
    public var byteCount: Int { elementCount * type.byteSize }
}
