import ArgumentParser
import FieldKit

/// `fieldkit ml info MODEL`: operators, tensors, quantization and the planned arena size.
struct MLInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print a model's operators, tensors, quantization and arena size.",
        discussion: """
            Exits with status 1 and a message on stderr when the model is corrupt or uses an
            operator FieldML does not run (the structure is still printed when it could be read).
            """
    )

    @Argument(help: "The .tflite model file.")
    var model: String

    func run() throws {
        try runReportingFailure {
            let bytes = try FileIO.readAll(model)
            let loaded: Model
            do {
                loaded = try Model(bytes: bytes)
            } catch {
                throw CommandFailure("\(model): \(error)")
            }
            print(Self.describe(loaded, path: model))
            do {
                let interpreter = try Interpreter(model: loaded)
                print("arena: \(interpreter.arenaByteCount) bytes (activations and kernel scratch, planned statically)")
            } catch {
                throw CommandFailure("\(model): not runnable: \(error)")
            }
        }
    }

    static func describe(_ model: Model, path: String) -> String {
        var lines: [String] = []
        let graph = model.subgraphs[0]
        lines.append("model: \(path) (\(model.bytes.count) bytes, schema v\(model.version))")
        if !model.modelDescription.isEmpty { lines.append("description: \(model.modelDescription)") }
        lines.append(
            "subgraphs: \(model.subgraphs.count); main graph: \(graph.operators.count) operators, \(graph.tensors.count) tensors"
        )
        lines.append(
            "inputs: \(graph.inputs.map(String.init).joined(separator: ", "))  outputs: \(graph.outputs.map(String.init).joined(separator: ", "))"
        )
        lines.append("operators:")
        for (index, op) in graph.operators.enumerated() {
            let name = model.operatorCodes[op.opcodeIndex].displayName
            lines.append("  \(index): \(name) in \(op.inputs) out \(op.outputs)\(options(op.options))")
        }
        lines.append("tensors:")
        for (index, tensor) in graph.tensors.enumerated() {
            var line = "  \(index): \(tensor.type) \(tensor.shape) '\(tensor.name)'"
            if let q = tensor.quantization {
                if q.isPerChannel {
                    line += " per-channel(\(q.scales.count) scales, dim \(q.quantizedDimension))"
                } else {
                    line += " scale \(q.scale) zero_point \(q.zeroPoint)"
                }
            }
            if let data = model.constantData(of: tensor) { line += " constant \(data.count) B" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func options(_ options: OperatorOptions) -> String {
        func window(_ w: WindowOptions) -> String {
            var parts = ["\(w.padding)", "stride \(w.strideHeight)x\(w.strideWidth)"]
            if w.dilationHeight != 1 || w.dilationWidth != 1 {
                parts.append("dilation \(w.dilationHeight)x\(w.dilationWidth)")
            }
            if w.filterHeight > 0 { parts.append("filter \(w.filterHeight)x\(w.filterWidth)") }
            if w.depthMultiplier > 1 { parts.append("multiplier \(w.depthMultiplier)") }
            if w.activation != .none { parts.append("\(w.activation)") }
            return " (" + parts.joined(separator: ", ") + ")"
        }
        switch options {
        case .conv2D(let w), .depthwiseConv2D(let w), .pool2D(let w): return window(w)
        case .fullyConnected(let activation, _): return activation == .none ? "" : " (\(activation))"
        case .add(let activation), .mul(let activation): return activation == .none ? "" : " (\(activation))"
        case .softmax(let beta): return " (beta \(beta))"
        case .none, .other: return ""
        }
    }
}
