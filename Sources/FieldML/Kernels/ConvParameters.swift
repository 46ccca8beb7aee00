/// The geometry of a 2-D window operator over NHWC tensors, resolved at load time.
struct WindowGeometry: Sendable {
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

    /// TFLite's `ComputePaddingHeightWidth` for one dimension (in 64-bit: hostile strides and
    /// dilations must not overflow on 32-bit targets).
    static func padding(_ padding: Padding, input: Int, filter: Int, stride: Int, dilation: Int, output: Int) -> Int {
        let effective = (Int64(filter) - 1) * Int64(dilation) + 1
        switch padding {
        case .valid: return 0
        case .same:
            let total = (Int64(output) - 1) * Int64(stride) + effective - Int64(input)
            return Int(clamping: max(total, 0) / 2)
        }
    }

    /// The output size TFLite computes for one dimension, or -1 when it is not representable.
    static func outputSize(_ padding: Padding, input: Int, filter: Int, stride: Int, dilation: Int) -> Int {
        let effective = (Int64(filter) - 1) * Int64(dilation) + 1
        let size: Int64
        switch padding {
        case .same: size = (Int64(input) + Int64(stride) - 1) / Int64(stride)
        case .valid: size = (Int64(input) + Int64(stride) - effective) / Int64(stride)
        }
        return size >= 0 && size <= Int64(Int32.max) ? Int(size) : -1
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
