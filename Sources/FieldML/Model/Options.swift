/// A fused activation applied to an operator's output, as the schema's
/// `ActivationFunctionType` enumerates it.
///
/// ```swift
/// if case .conv2D(let options) = op.options, options.activation == .relu6 { print("clamped") }
/// ```
public enum Activation: Int8, Hashable, Sendable {
    /// No activation.
    case none = 0
    /// max(x, 0).
    case relu = 1
    /// Clamp to [-1, 1].
    case reluN1To1 = 2
    /// Clamp to [0, 6].
    case relu6 = 3
    /// tanh (not supported as a fused int8 activation).
    case tanh = 4
    /// Sign bit (not supported as a fused int8 activation).
    case signBit = 5
}

/// The padding scheme of a convolution or pooling operator.
///
/// ```swift
/// let padding: Padding = .same
/// ```
public enum Padding: Int8, Hashable, Sendable {
    /// Pad so that the output has `ceil(input / stride)` positions.
    case same = 0
    /// No padding.
    case valid = 1
}

/// Window options shared by CONV_2D, DEPTHWISE_CONV_2D and the pooling operators.
///
/// ```swift
/// let window = WindowOptions(padding: .same, strideWidth: 2, strideHeight: 2)
/// ```
public struct WindowOptions: Equatable, Sendable {
    /// The padding scheme.
    public var padding: Padding
    /// The horizontal stride.
    public var strideWidth: Int
    /// The vertical stride.
    public var strideHeight: Int
    /// The horizontal dilation (convolutions) or 1.
    public var dilationWidth: Int
    /// The vertical dilation (convolutions) or 1.
    public var dilationHeight: Int
    /// The pooling window width (pooling only).
    public var filterWidth: Int
    /// The pooling window height (pooling only).
    public var filterHeight: Int
    /// The depth multiplier (depthwise convolution only).
    public var depthMultiplier: Int
    /// The fused activation.
    public var activation: Activation

    /// Creates window options.
    ///
    /// - Parameters:
    ///   - padding: The padding scheme.
    ///   - strideWidth: The horizontal stride.
    ///   - strideHeight: The vertical stride.
    ///   - dilationWidth: The horizontal dilation.
    ///   - dilationHeight: The vertical dilation.
    ///   - filterWidth: The pooling window width.
    ///   - filterHeight: The pooling window height.
    ///   - depthMultiplier: The depth multiplier.
    ///   - activation: The fused activation.
    public init(
        padding: Padding, strideWidth: Int, strideHeight: Int, dilationWidth: Int = 1, dilationHeight: Int = 1,
        filterWidth: Int = 0, filterHeight: Int = 0, depthMultiplier: Int = 1, activation: Activation = .none
    ) {
        self.padding = padding
        self.strideWidth = strideWidth
        self.strideHeight = strideHeight
        self.dilationWidth = dilationWidth
        self.dilationHeight = dilationHeight
        self.filterWidth = filterWidth
        self.filterHeight = filterHeight
        self.depthMultiplier = depthMultiplier
        self.activation = activation
    }
}

/// An operator's builtin options, decoded from the schema's `BuiltinOptions` union for the
/// operators FieldML runs; other option tables are kept only as their union tag.
///
/// ```swift
/// switch op.options {
/// case .fullyConnected(let activation, _): print(activation)
/// default: break
/// }
/// ```
public enum OperatorOptions: Equatable, Sendable {
    /// No options.
    case none
    /// `Conv2DOptions`.
    case conv2D(WindowOptions)
    /// `DepthwiseConv2DOptions`.
    case depthwiseConv2D(WindowOptions)
    /// `Pool2DOptions`.
    case pool2D(WindowOptions)
    /// `FullyConnectedOptions`: the fused activation and `keep_num_dims`.
    case fullyConnected(activation: Activation, keepNumDims: Bool)
    /// `SoftmaxOptions`: beta.
    case softmax(beta: Float)
    /// `AddOptions`: the fused activation.
    case add(Activation)
    /// `MulOptions`: the fused activation.
    case mul(Activation)
    /// Options FieldML does not decode: the union tag.
    case other(UInt8)
}
