/// The element type of a tensor, as the `.tflite` schema's `TensorType` enumerates it.
///
/// A struct over the raw schema value (rather than a closed enum) so that models using types
/// FieldML does not know still load and can be described; kernels reject them at load time.
///
/// ```swift
/// if tensor.type == .int8 { print("quantized") }
/// print(TensorType.float32.byteSize)  // 4
/// ```
public struct TensorType: RawRepresentable, Hashable, Sendable {
    /// The schema value.
    public var rawValue: Int8
    /// Creates a type from its schema value.
    ///
    /// - Parameter rawValue: The schema value.
    public init(rawValue: Int8) { self.rawValue = rawValue }

    /// 32-bit IEEE float.
    public static let float32 = TensorType(rawValue: 0)
    /// 16-bit IEEE float.
    public static let float16 = TensorType(rawValue: 1)
    /// 32-bit signed integer.
    public static let int32 = TensorType(rawValue: 2)
    /// 8-bit unsigned integer.
    public static let uint8 = TensorType(rawValue: 3)
    /// 64-bit signed integer.
    public static let int64 = TensorType(rawValue: 4)
    /// Boolean.
    public static let bool = TensorType(rawValue: 6)
    /// 16-bit signed integer.
    public static let int16 = TensorType(rawValue: 7)
    /// 8-bit signed integer (the quantized type FieldML runs).
    public static let int8 = TensorType(rawValue: 9)

    /// The size of one element in bytes, or 0 for types without a fixed size.
    public var byteSize: Int {
        switch rawValue {
        case 0, 2: return 4
        case 1, 7: return 2
        case 3, 6, 9: return 1
        case 4: return 8
        case 8: return 8  // complex64
        case 10: return 8  // float64
        case 11: return 16  // complex128
        case 12: return 8  // uint64
        case 15: return 4  // uint32
        case 16: return 2  // uint16
        default: return 0
        }
    }

    #if !hasFeature(Embedded)
        /// The schema name, such as `INT8`.
        public var description: String {
            switch rawValue {
            case 0: return "FLOAT32"
            case 1: return "FLOAT16"
            case 2: return "INT32"
            case 3: return "UINT8"
            case 4: return "INT64"
            case 5: return "STRING"
            case 6: return "BOOL"
            case 7: return "INT16"
            case 8: return "COMPLEX64"
            case 9: return "INT8"
            case 10: return "FLOAT64"
            case 11: return "COMPLEX128"
            case 12: return "UINT64"
            case 15: return "UINT32"
            case 16: return "UINT16"
            case 17: return "INT4"
            default: return "TYPE_\(rawValue)"
            }
        }
    #endif
}

#if !hasFeature(Embedded)
    extension TensorType: CustomStringConvertible {}
#endif
