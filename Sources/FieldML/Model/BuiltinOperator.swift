/// A builtin operator code of the `.tflite` schema, such as `CONV_2D` (3).
///
/// A struct over the raw schema value so that any code in a model can be named in an error, even
/// codes newer than FieldML.
///
/// ```swift
/// print(BuiltinOperator.conv2D)               // CONV_2D
/// print(BuiltinOperator(rawValue: 27).name)   // SVDF
/// ```
public struct BuiltinOperator: RawRepresentable, Hashable, Sendable {
    /// The schema value.
    public var rawValue: Int32
    /// Creates an operator code from its schema value.
    ///
    /// - Parameter rawValue: The schema value.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// `ADD`.
    public static let add = BuiltinOperator(rawValue: 0)
    /// `AVERAGE_POOL_2D`.
    public static let averagePool2D = BuiltinOperator(rawValue: 1)
    /// `CONV_2D`.
    public static let conv2D = BuiltinOperator(rawValue: 3)
    /// `DEPTHWISE_CONV_2D`.
    public static let depthwiseConv2D = BuiltinOperator(rawValue: 4)
    /// `DEQUANTIZE`.
    public static let dequantize = BuiltinOperator(rawValue: 6)
    /// `FULLY_CONNECTED`.
    public static let fullyConnected = BuiltinOperator(rawValue: 9)
    /// `LOGISTIC`.
    public static let logistic = BuiltinOperator(rawValue: 14)
    /// `MAX_POOL_2D`.
    public static let maxPool2D = BuiltinOperator(rawValue: 17)
    /// `MUL`.
    public static let mul = BuiltinOperator(rawValue: 18)
    /// `RESHAPE`.
    public static let reshape = BuiltinOperator(rawValue: 22)
    /// `SOFTMAX`.
    public static let softmax = BuiltinOperator(rawValue: 25)
    /// `SVDF`.
    public static let svdf = BuiltinOperator(rawValue: 27)
    /// `QUANTIZE`.
    public static let quantize = BuiltinOperator(rawValue: 114)
    /// `CUSTOM`.
    public static let custom = BuiltinOperator(rawValue: 32)

    #if !hasFeature(Embedded)
        /// The schema name, such as `FULLY_CONNECTED`, or `BUILTIN_<n>` for codes FieldML does not know.
        public var name: String {
            switch rawValue {
            case 0: return "ADD"
            case 1: return "AVERAGE_POOL_2D"
            case 2: return "CONCATENATION"
            case 3: return "CONV_2D"
            case 4: return "DEPTHWISE_CONV_2D"
            case 5: return "DEPTH_TO_SPACE"
            case 6: return "DEQUANTIZE"
            case 7: return "EMBEDDING_LOOKUP"
            case 8: return "FLOOR"
            case 9: return "FULLY_CONNECTED"
            case 10: return "HASHTABLE_LOOKUP"
            case 11: return "L2_NORMALIZATION"
            case 12: return "L2_POOL_2D"
            case 13: return "LOCAL_RESPONSE_NORMALIZATION"
            case 14: return "LOGISTIC"
            case 15: return "LSH_PROJECTION"
            case 16: return "LSTM"
            case 17: return "MAX_POOL_2D"
            case 18: return "MUL"
            case 19: return "RELU"
            case 20: return "RELU_N1_TO_1"
            case 21: return "RELU6"
            case 22: return "RESHAPE"
            case 23: return "RESIZE_BILINEAR"
            case 24: return "RNN"
            case 25: return "SOFTMAX"
            case 26: return "SPACE_TO_DEPTH"
            case 27: return "SVDF"
            case 28: return "TANH"
            case 29: return "CONCAT_EMBEDDINGS"
            case 30: return "SKIP_GRAM"
            case 31: return "CALL"
            case 32: return "CUSTOM"
            case 33: return "EMBEDDING_LOOKUP_SPARSE"
            case 34: return "PAD"
            case 35: return "UNIDIRECTIONAL_SEQUENCE_RNN"
            case 36: return "GATHER"
            case 37: return "BATCH_TO_SPACE_ND"
            case 38: return "SPACE_TO_BATCH_ND"
            case 39: return "TRANSPOSE"
            case 40: return "MEAN"
            case 41: return "SUB"
            case 42: return "DIV"
            case 43: return "SQUEEZE"
            case 44: return "UNIDIRECTIONAL_SEQUENCE_LSTM"
            case 45: return "STRIDED_SLICE"
            case 46: return "BIDIRECTIONAL_SEQUENCE_RNN"
            case 47: return "EXP"
            case 48: return "TOPK_V2"
            case 49: return "SPLIT"
            case 50: return "LOG_SOFTMAX"
            case 51: return "DELEGATE"
            case 52: return "BIDIRECTIONAL_SEQUENCE_LSTM"
            case 53: return "CAST"
            case 54: return "PRELU"
            case 55: return "MAXIMUM"
            case 56: return "ARG_MAX"
            case 57: return "MINIMUM"
            case 58: return "LESS"
            case 59: return "NEG"
            case 60: return "PADV2"
            case 61: return "GREATER"
            case 62: return "GREATER_EQUAL"
            case 63: return "LESS_EQUAL"
            case 64: return "SELECT"
            case 65: return "SLICE"
            case 66: return "SIN"
            case 67: return "TRANSPOSE_CONV"
            case 68: return "SPARSE_TO_DENSE"
            case 69: return "TILE"
            case 70: return "EXPAND_DIMS"
            case 71: return "EQUAL"
            case 72: return "NOT_EQUAL"
            case 73: return "LOG"
            case 74: return "SUM"
            case 75: return "SQRT"
            case 76: return "RSQRT"
            case 77: return "SHAPE"
            case 78: return "POW"
            case 79: return "ARG_MIN"
            case 80: return "FAKE_QUANT"
            case 81: return "REDUCE_PROD"
            case 82: return "REDUCE_MAX"
            case 83: return "PACK"
            case 84: return "LOGICAL_OR"
            case 85: return "ONE_HOT"
            case 86: return "LOGICAL_AND"
            case 87: return "LOGICAL_NOT"
            case 88: return "UNPACK"
            case 89: return "REDUCE_MIN"
            case 90: return "FLOOR_DIV"
            case 91: return "REDUCE_ANY"
            case 92: return "SQUARE"
            case 93: return "ZEROS_LIKE"
            case 94: return "FILL"
            case 95: return "FLOOR_MOD"
            case 96: return "RANGE"
            case 97: return "RESIZE_NEAREST_NEIGHBOR"
            case 98: return "LEAKY_RELU"
            case 99: return "SQUARED_DIFFERENCE"
            case 100: return "MIRROR_PAD"
            case 101: return "ABS"
            case 102: return "SPLIT_V"
            case 103: return "UNIQUE"
            case 104: return "CEIL"
            case 105: return "REVERSE_V2"
            case 106: return "ADD_N"
            case 107: return "GATHER_ND"
            case 108: return "COS"
            case 109: return "WHERE"
            case 110: return "RANK"
            case 111: return "ELU"
            case 112: return "REVERSE_SEQUENCE"
            case 113: return "MATRIX_DIAG"
            case 114: return "QUANTIZE"
            case 115: return "MATRIX_SET_DIAG"
            case 116: return "ROUND"
            case 117: return "HARD_SWISH"
            case 118: return "IF"
            case 119: return "WHILE"
            case 120: return "NON_MAX_SUPPRESSION_V4"
            case 121: return "NON_MAX_SUPPRESSION_V5"
            case 122: return "SCATTER_ND"
            case 123: return "SELECT_V2"
            case 124: return "DENSIFY"
            case 125: return "SEGMENT_SUM"
            case 126: return "BATCH_MATMUL"
            case 127: return "PLACEHOLDER_FOR_GREATER_OP_CODES"
            case 128: return "CUMSUM"
            case 129: return "CALL_ONCE"
            case 130: return "BROADCAST_TO"
            case 131: return "RFFT2D"
            case 132: return "CONV_3D"
            case 133: return "IMAG"
            case 134: return "REAL"
            case 135: return "COMPLEX_ABS"
            case 136: return "HASHTABLE"
            case 137: return "HASHTABLE_FIND"
            case 138: return "HASHTABLE_IMPORT"
            case 139: return "HASHTABLE_SIZE"
            case 140: return "REDUCE_ALL"
            case 141: return "CONV_3D_TRANSPOSE"
            case 142: return "VAR_HANDLE"
            case 143: return "READ_VARIABLE"
            case 144: return "ASSIGN_VARIABLE"
            case 145: return "BROADCAST_ARGS"
            case 146: return "RANDOM_STANDARD_NORMAL"
            case 147: return "BUCKETIZE"
            case 148: return "RANDOM_UNIFORM"
            case 149: return "MULTINOMIAL"
            case 150: return "GELU"
            case 151: return "DYNAMIC_UPDATE_SLICE"
            case 152: return "RELU_0_TO_1"
            case 153: return "UNSORTED_SEGMENT_PROD"
            case 154: return "UNSORTED_SEGMENT_MAX"
            case 155: return "UNSORTED_SEGMENT_SUM"
            case 156: return "ATAN2"
            case 157: return "UNSORTED_SEGMENT_MIN"
            case 158: return "SIGN"
            case 159: return "BITCAST"
            case 160: return "BITWISE_XOR"
            case 161: return "RIGHT_SHIFT"
            case 162: return "STABLEHLO_LOGISTIC"
            case 163: return "STABLEHLO_ADD"
            case 164: return "STABLEHLO_DIVIDE"
            case 165: return "STABLEHLO_MULTIPLY"
            case 166: return "STABLEHLO_MAXIMUM"
            case 167: return "STABLEHLO_RESHAPE"
            case 168: return "STABLEHLO_CLAMP"
            case 169: return "STABLEHLO_CONCATENATE"
            case 170: return "STABLEHLO_BROADCAST_IN_DIM"
            case 171: return "STABLEHLO_CONVOLUTION"
            case 172: return "STABLEHLO_SLICE"
            case 173: return "STABLEHLO_CUSTOM_CALL"
            case 174: return "STABLEHLO_REDUCE"
            case 175: return "STABLEHLO_ABS"
            case 176: return "STABLEHLO_AND"
            case 177: return "STABLEHLO_COSINE"
            case 178: return "STABLEHLO_EXPONENTIAL"
            case 179: return "STABLEHLO_FLOOR"
            case 180: return "STABLEHLO_LOG"
            case 181: return "STABLEHLO_MINIMUM"
            case 182: return "STABLEHLO_NEGATE"
            case 183: return "STABLEHLO_OR"
            case 184: return "STABLEHLO_POWER"
            case 185: return "STABLEHLO_REMAINDER"
            case 186: return "STABLEHLO_RSQRT"
            case 187: return "STABLEHLO_SELECT"
            case 188: return "STABLEHLO_SUBTRACT"
            case 189: return "STABLEHLO_TANH"
            case 190: return "STABLEHLO_SCATTER"
            case 191: return "STABLEHLO_COMPARE"
            case 192: return "STABLEHLO_CONVERT"
            case 193: return "STABLEHLO_DYNAMIC_SLICE"
            case 194: return "STABLEHLO_DYNAMIC_UPDATE_SLICE"
            case 195: return "STABLEHLO_PAD"
            case 196: return "STABLEHLO_IOTA"
            case 197: return "STABLEHLO_DOT_GENERAL"
            case 198: return "STABLEHLO_REDUCE_WINDOW"
            case 199: return "STABLEHLO_SORT"
            case 200: return "STABLEHLO_WHILE"
            case 201: return "STABLEHLO_GATHER"
            case 202: return "STABLEHLO_TRANSPOSE"
            case 203: return "DILATE"
            case 204: return "STABLEHLO_RNG_BIT_GENERATOR"
            case 205: return "REDUCE_WINDOW"
            case 206: return "STABLEHLO_COMPOSITE"
            case 207: return "STABLEHLO_SHIFT_LEFT"
            case 208: return "STABLEHLO_CBRT"
            case 209: return "STABLEHLO_CASE"
            default: return "BUILTIN_\(rawValue)"
            }
        }
    #endif

    #if !hasFeature(Embedded)
        /// The schema name.
        public var description: String { name }
    #endif
}

#if !hasFeature(Embedded)
    extension BuiltinOperator: CustomStringConvertible {}
#endif
