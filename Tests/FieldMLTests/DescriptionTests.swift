import FieldML
import Foundation
import Testing

/// What users print: errors name the problem, its offset and its schema rule; models and tensors
/// print their numbers.
@Suite struct DescriptionTests {
    @Test func errorsNameTheProblemOffsetAndRule() {
        let version = FieldMLError(.unsupportedVersion(2), at: 8)
        #expect(version.code == .unsupportedVersion)
        #expect(version.version == 2)
        #expect(version.rule == "Model.version == 3")
        #expect(String(describing: version) == "unsupported schema version 2 at offset 8 (Model.version == 3)")
        let arena = FieldMLError(.arenaTooLarge(needed: 4096, limit: 1024))
        #expect(arena.offset == nil)
        #expect(String(describing: arena) == "arena needs 4096 bytes, limit is 1024")
        let missing = FieldMLError(.missingField("Model.subgraphs"), at: 12)
        #expect(missing.detail == "Model.subgraphs")
        #expect(
            String(describing: missing) == "missing field Model.subgraphs at offset 12 (Model.subgraphs)")
        #expect(FieldMLError.Code.badVTable.description == "badVTable")
        #expect(Set([version, version, arena]).count == 2)
    }

    @Test func modelsAndTensorsPrintTheirNumbers() throws {
        let bytes = try Golden.bytes(Golden.fixtures.appendingPathComponent("tiny_cnn.tflite"))
        let model = try Model(bytes: bytes)
        let graph = model.subgraphs[0]
        let text = String(describing: model)
        #expect(text.hasPrefix("TFLite schema v3, \(bytes.count) bytes, 1 subgraph(s); main graph: "))
        #expect(text.contains("\(graph.operators.count) operators, \(graph.tensors.count) tensors"))
        let input = graph.tensors[graph.inputs[0]]
        let tensorText = String(describing: input)
        #expect(tensorText.hasPrefix("\(input.type) \(input.shape) '\(input.name)'"))
        if let q = input.quantization, !q.isPerChannel {
            #expect(tensorText.contains("(scale \(q.scale), zero point \(q.zeroPoint))"))
        }
        let quantization = Quantization(scales: [0.5], zeroPoints: [-128])
        #expect(String(describing: quantization) == "scale 0.5, zero point -128")
        let perChannel = Quantization(scales: [0.25, 0.5, 0.125], zeroPoints: [0, 0, 0], quantizedDimension: 3)
        #expect(String(describing: perChannel) == "3 channels along dimension 3, scales 0.125...0.5")
    }
}
