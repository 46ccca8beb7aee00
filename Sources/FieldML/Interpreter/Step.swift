/// Where a tensor's bytes are at run time: in the model (constant) or in the arena.
struct Slot: Equatable, Sendable {
    var offset: Int
    var isConstant: Bool
}

/// One prepared operator: its kernel, resolved tensor slots and precomputed parameters.
///
/// `indirect`: each step's payload lives in one box, so copying a step (the interpreter's loop,
/// the builder) is one reference count instead of a copy of every array field, which keeps the
/// generated copy and destroy code small (1.5 KB less on armv7em); invoke reads one pointer more
/// per layer.
indirect enum Step: Sendable {
    case conv(ConvStep)
    case depthwise(ConvStep)
    case fullyConnected(FullyConnectedStep)
    case averagePool(PoolStep)
    case maxPool(PoolStep)
    case add(BinaryStep, AddParameters)
    case mul(BinaryStep, MulParameters)
    case copy(input: Slot, output: Slot, byteCount: Int)
    case softmax(input: Slot, output: Slot, SoftmaxParameters)
    case logistic(input: Slot, output: Slot, count: Int, LogisticParameters)
    case quantizeFloat(input: Slot, output: Slot, count: Int, scale: Float, zeroPoint: Int32)
    case requantize(
        input: Slot, output: Slot, count: Int, QuantizedMultiplier, inputZeroPoint: Int32, outputZeroPoint: Int32)
    case dequantize(input: Slot, output: Slot, count: Int, scale: Double, zeroPoint: Int32)
}

struct ConvStep: Sendable {
    var input: Slot
    var filter: Slot
    var bias: Slot?
    var output: Slot
    /// Per output channel, the sum of the whole filter (used for interior pixels).
    var filterSums: [Int32]
    /// CONV_2D only: per output channel, `bias + inputOffset * filterSums` (wrapping).
    var outputConstants: [Int32]
    var geometry: WindowGeometry
    var depthMultiplier: Int
    var quantization: Requantization
    /// Whether no filter value is `-128`, so the narrow dot products apply (see `Dot+Narrow`).
    var narrowFilter: Bool
}

struct FullyConnectedStep: Sendable {
    var input: Slot
    var filter: Slot
    var output: Slot
    var batches: Int
    var depth: Int
    var outputDepth: Int
    var quantization: Requantization
    /// Per output, the part of the accumulator that does not depend on the input:
    /// `bias + inputOffset * sum(filter row) + depth * filterOffset * inputOffset` (wrapping).
    var rowConstants: [Int32]
    /// Whether no filter value is `-128`, so the narrow dot products apply (see `Dot+Narrow`).
    var narrowFilter: Bool
}

struct PoolStep: Sendable {
    var input: Slot
    var output: Slot
    var geometry: WindowGeometry
    var activationMin: Int32
    var activationMax: Int32
}

struct BinaryStep: Sendable {
    var input1: Slot
    var input2: Slot
    var output: Slot
    var count: Int
    var broadcast: Broadcast4D
}
