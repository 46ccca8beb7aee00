/// One operator of a subgraph: which operator code it runs, its input and output tensors, and its
/// decoded builtin options.
///
/// An input index of -1 marks an optional input that is absent (such as a missing bias).
///
/// ```swift
/// for op in model.subgraphs[0].operators {
///     print(model.operatorCodes[op.opcodeIndex].displayName, op.inputs, op.outputs)
/// }
/// ```
public struct Operator: Equatable, Sendable {
    /// The index into ``Model/operatorCodes``.
    public var opcodeIndex: Int
    /// The input tensor indices (-1 for an absent optional input).
    public var inputs: [Int]
    /// The output tensor indices.
    public var outputs: [Int]
    /// The decoded builtin options.
    public var options: OperatorOptions

    /// Creates an operator.
    ///
    /// - Parameters:
    ///   - opcodeIndex: The operator-code index.
    ///   - inputs: The input tensor indices.
    ///   - outputs: The output tensor indices.
    ///   - options: The builtin options.
    public init(opcodeIndex: Int, inputs: [Int], outputs: [Int], options: OperatorOptions) {
        self.opcodeIndex = opcodeIndex
        self.inputs = inputs
        self.outputs = outputs
        self.options = options
    }
}

/// A subgraph: its tensors, its inputs and outputs, and its operators in execution order.
///
/// ```swift
/// let graph = model.subgraphs[0]
/// print(graph.tensors.count, "tensors,", graph.operators.count, "operators")
/// ```
public struct Subgraph: Equatable, Sendable {
    /// The tensors.
    public var tensors: [Tensor]
    /// The indices of the input tensors.
    public var inputs: [Int]
    /// The indices of the output tensors.
    public var outputs: [Int]
    /// The operators in execution order.
    public var operators: [Operator]
    /// The subgraph's name (decoded from the model's bytes when read).
    public var name: String {
        get { nameText.string }
        set { nameText = ModelText(newValue) }
    }
    /// Where the name lies.
    var nameText: ModelText

    /// Creates a subgraph.
    ///
    /// - Parameters:
    ///   - tensors: The tensors.
    ///   - inputs: The input tensor indices.
    ///   - outputs: The output tensor indices.
    ///   - operators: The operators in execution order.
    ///   - name: The name.
    public init(tensors: [Tensor], inputs: [Int], outputs: [Int], operators: [Operator], name: String) {
        self.tensors = tensors
        self.inputs = inputs
        self.outputs = outputs
        self.operators = operators
        self.nameText = ModelText(name)
    }
}
