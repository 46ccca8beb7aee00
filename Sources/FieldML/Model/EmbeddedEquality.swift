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

    extension FieldMLError.Reason {
        /// Whether two reasons have the same code, numbers and texts (texts by UTF-8 bytes).
        public static func == (a: FieldMLError.Reason, b: FieldMLError.Reason) -> Bool {
            a.code == b.code && a.size == b.size && a.value == b.value && a.version == b.version
                && a.needed == b.needed && a.limit == b.limit && sameUTF8(a.rule, b.rule)
                && sameUTF8(a.detail, b.detail)
        }

        /// Hashes the code, numbers and the texts' UTF-8 bytes, consistently with ``==``.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(code)
            hasher.combine(size)
            hasher.combine(value)
            hasher.combine(version)
            hasher.combine(needed)
            hasher.combine(limit)
            for text in [rule, detail] {
                hasher.combine(text == nil)
                for byte in text?.utf8 ?? "".utf8 { hasher.combine(byte) }
            }
        }
    }
#endif
