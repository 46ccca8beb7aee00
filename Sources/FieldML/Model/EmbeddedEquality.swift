#if hasFeature(Embedded)
    /// Equality of the model-description types in Embedded Swift builds.
    ///
    /// Swift's `String ==` compares by Unicode canonical equivalence, which links the stdlib's
    /// normalization code (about 14 KB on armv7em) into every image that compares a tensor name
    /// or an error payload. Embedded builds compare these strings by their UTF-8 bytes instead:
    /// model names are ASCII in practice, and byte equality implies canonical equivalence.
    /// Host builds keep the synthesized conformances.
    ///
    /// - Parameters:
    ///   - a: A string.
    ///   - b: Another string.
    /// - Returns: Whether the two hold the same UTF-8 bytes.
    func sameUTF8(_ a: String, _ b: String) -> Bool {
        a.utf8.elementsEqual(b.utf8)
    }

    /// ``sameUTF8(_:_:)`` for optional strings: both `nil`, or both present and equal.
    func sameUTF8(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return sameUTF8(a, b)
    }

    extension Tensor {
        /// Whether two tensors have the same name (by UTF-8 bytes), type, shape, buffer,
        /// quantization and variable flag.
        public static func == (a: Tensor, b: Tensor) -> Bool {
            a.type == b.type && a.shape == b.shape && a.buffer == b.buffer && a.quantization == b.quantization
                && a.isVariable == b.isVariable && a.nameText == b.nameText
        }
    }

    extension Subgraph {
        /// Whether two subgraphs have the same tensors, inputs, outputs, operators and name (by
        /// UTF-8 bytes).
        public static func == (a: Subgraph, b: Subgraph) -> Bool {
            a.inputs == b.inputs && a.outputs == b.outputs && a.operators == b.operators && a.tensors == b.tensors
                && a.nameText == b.nameText
        }
    }

    extension OperatorCode {
        /// Whether two operator codes have the same builtin code, custom name (by UTF-8 bytes) and
        /// version.
        public static func == (a: OperatorCode, b: OperatorCode) -> Bool {
            a.builtin == b.builtin && a.version == b.version && a.customNameText == b.customNameText
        }
    }

    extension FieldMLError.Kind {
        /// The case as a number, its integer payloads and its text payload.
        var parts: (case: Int, first: Int64, second: Int64, text: String) {
            switch self {
            case .outOfBounds(let size): return (0, Int64(size), 0, "")
            case .badOffset(let value): return (1, value, 0, "")
            case .badVTable: return (2, 0, 0, "")
            case .badLength(let value): return (3, value, 0, "")
            case .badIdentifier: return (4, 0, 0, "")
            case .unsupportedVersion(let version): return (5, Int64(version), 0, "")
            case .missingField(let text): return (6, 0, 0, text)
            case .invalidValue(let text): return (7, 0, 0, text)
            case .unsupportedOperator(let text): return (8, 0, 0, text)
            case .unsupportedConfiguration(let text): return (9, 0, 0, text)
            case .badIndex(let text): return (10, 0, 0, text)
            case .badArgument(let text): return (11, 0, 0, text)
            case .arenaTooLarge(let needed, let limit): return (12, Int64(needed), Int64(limit), "")
            }
        }

        /// Whether two kinds are the same case with the same payloads (text by UTF-8 bytes).
        public static func == (a: FieldMLError.Kind, b: FieldMLError.Kind) -> Bool {
            let x = a.parts
            let y = b.parts
            return x.case == y.case && x.first == y.first && x.second == y.second && sameUTF8(x.text, y.text)
        }
    }
#endif
