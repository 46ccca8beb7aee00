#if !hasFeature(Embedded)
    extension Quantization: CustomStringConvertible {
        /// `scale 0.00390625, zero point -128`, or for per-channel parameters
        /// `16 channels along dimension 0, scales 0.0021...0.0093`.
        ///
        /// Host builds only, like every FieldML description that formats floating-point numbers.
        public var description: String {
            guard isPerChannel else { return "scale \(scale), zero point \(zeroPoint)" }
            let low = scales.min() ?? 0
            let high = scales.max() ?? 0
            return "\(scales.count) channels along dimension \(quantizedDimension), scales \(low)...\(high)"
        }
    }

    extension Tensor: CustomStringConvertible {
        /// The type, shape and name, then the quantization when there is one:
        /// `int8 [1, 49, 40, 1] 'input' (scale 0.5, zero point -128)`.
        ///
        /// Host builds only.
        public var description: String {
            var text = "\(type) \(shape) '\(name)'"
            if let quantization { text += " (\(quantization))" }
            if isVariable { text += " variable" }
            return text
        }
    }

    extension Subgraph: CustomStringConvertible {
        /// The counts and the input and output tensors:
        /// `7 operators, 12 tensors; inputs [0]; outputs [11]`.
        ///
        /// Host builds only.
        public var description: String {
            "\(operators.count) operators, \(tensors.count) tensors; inputs \(inputs); outputs \(outputs)"
        }
    }

    extension Model: CustomStringConvertible {
        /// A one-line summary: schema version, size and the main graph.
        ///
        /// ```swift
        /// print(try Model(bytes: bytes))
        /// // TFLite schema v3, 8768 bytes, 1 subgraph(s); main graph: 7 operators, 12 tensors;
        /// // inputs [0]; outputs [11]
        /// ```
        ///
        /// Host builds only.
        public var description: String {
            var text = "TFLite schema v\(version), \(bytes.count) bytes, \(subgraphs.count) subgraph(s)"
            if let graph = subgraphs.first { text += "; main graph: \(graph)" }
            return text
        }
    }
#endif
