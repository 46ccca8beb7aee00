/// The geometry of a 2-D window operator over NHWC tensors, resolved at load time.
struct WindowGeometry: Hashable, Sendable {
    var batches = 1
    var inputHeight = 0
    var inputWidth = 0
    var inputDepth = 0
    var outputHeight = 0
    var outputWidth = 0
    var outputDepth = 0
    var filterHeight = 0
    var filterWidth = 0
    var strideHeight = 1
    var strideWidth = 1
    var dilationHeight = 1
    var dilationWidth = 1
    var padHeight = 0
    var padWidth = 0

    /// TFLite's `ComputePaddingHeightWidth` for one dimension.
    static func padding(_ padding: Padding, input: Int, filter: Int, stride: Int, dilation: Int, output: Int) -> Int {
        let effective = (filter - 1) * dilation + 1
        switch padding {
        case .valid: return 0
        case .same:
            let total = (output - 1) * stride + effective - input
            return max(total, 0) / 2
        }
    }

    /// The output size TFLite computes for one dimension.
    static func outputSize(_ padding: Padding, input: Int, filter: Int, stride: Int, dilation: Int) -> Int {
        let effective = (filter - 1) * dilation + 1
        switch padding {
        case .same: return (input + stride - 1) / stride
        case .valid: return (input + stride - effective) / stride
        }
    }
}

/// Per-output-channel requantization and the output's offset and clamp.
struct Requantization: Sendable {
    var inputOffset: Int32 = 0
    var filterOffset: Int32 = 0
    var outputOffset: Int32 = 0
    var activationMin: Int32 = -128
    var activationMax: Int32 = 127
    /// One multiplier per output channel (or one for per-tensor).
    var multipliers: [Int32] = []
    var shifts: [Int32] = []
}
