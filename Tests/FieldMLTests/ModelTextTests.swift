import FieldML
import Foundation
import Testing

/// Names and the description are decoded when read, not at load time: every one must equal what
/// the FlatBuffers reader's eager `string(_:)` decodes from the same field.
@Suite struct ModelTextTests {
    /// The strings of a model read eagerly through the FlatBuffers reader: the description, then
    /// per subgraph its name and its tensors' names, and the custom names of the operator codes.
    struct Eager: Equatable {
        var description: String?
        var subgraphs: [String?] = []
        var tensors: [[String?]] = []
        var customNames: [String?] = []
    }

    static func eager(_ bytes: [UInt8]) -> Eager? {
        bytes.withUnsafeBytes { raw -> Eager? in
            do throws(FieldMLError) {
                let root = try FlatBuffer(raw).rootTable()
                var result = Eager(description: try root.string(3))
                if let codes = try root.vector(1, elementSize: 4) {
                    for i in 0..<codes.count { result.customNames.append(try codes.table(at: i).string(1)) }
                }
                guard let graphs = try root.vector(2, elementSize: 4) else { return nil }
                for g in 0..<graphs.count {
                    let graph = try graphs.table(at: g)
                    result.subgraphs.append(try graph.string(4))
                    var names: [String?] = []
                    if let tensors = try graph.vector(0, elementSize: 4) {
                        for t in 0..<tensors.count { names.append(try tensors.table(at: t).string(3)) }
                    }
                    result.tensors.append(names)
                }
                return result
            } catch {
                return nil
            }
        }
    }

    static func lazy(_ model: Model) -> Eager {
        Eager(
            description: model.modelDescription,
            subgraphs: model.subgraphs.map { $0.name },
            tensors: model.subgraphs.map { $0.tensors.map { $0.name } },
            customNames: model.operatorCodes.map { $0.customName })
    }

    /// The eager strings with absent fields read as the model reports them ("" for names and the
    /// description, nil for custom names).
    static func normalized(_ e: Eager) -> Eager {
        Eager(
            description: e.description ?? "",
            subgraphs: e.subgraphs.map { $0 ?? "" },
            tensors: e.tensors.map { $0.map { $0 ?? "" } },
            customNames: e.customNames)
    }

    static func fixtureModels() throws -> [[UInt8]] {
        let names = ["tiny_cnn", "vibration_autoencoder", "vibration_autoencoder_f32"]
        return try names.map { try Golden.bytes(Golden.fixtures.appendingPathComponent("\($0).tflite")) }
    }

    @Test func namesMatchTheEagerReader() throws {
        var tensorNames = 0
        for bytes in try Self.fixtureModels() {
            let model = try Model(bytes: bytes)
            let eager = try #require(Self.eager(bytes))
            #expect(Self.lazy(model) == Self.normalized(eager))
            tensorNames += eager.tensors.joined().filter { ($0 ?? "").count > 3 }.count
        }
        // The fixtures really carry names, so the comparison above compares something.
        #expect(tensorNames > 20)
    }

    @Test func invalidUTF8IsRepairedAsBefore() throws {
        var bytes = try Self.fixtureModels()[0]
        let model = try Model(bytes: bytes)
        let name = model.subgraphs[0].tensors[0].name
        let utf8 = Array(name.utf8)
        #expect(utf8.count > 2)
        // Find the name's bytes in the file and break them: a lone continuation byte and a
        // truncated two-byte sequence.
        let at = try #require(
            (0...(bytes.count - utf8.count)).first { Array(bytes[$0..<($0 + utf8.count)]) == utf8 })
        bytes[at] = 0x80
        bytes[at + utf8.count - 1] = 0xC3
        let broken = try Model(bytes: bytes)
        let eager = try #require(Self.eager(bytes))
        #expect(broken.subgraphs[0].tensors[0].name == eager.tensors[0][0])
        #expect(broken.subgraphs[0].tensors[0].name.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 2)
    }

    @Test func loadedAndBuiltValuesCompareAndUpdate() throws {
        let model = try Model(bytes: try Self.fixtureModels()[0])
        let loaded = model.subgraphs[0].tensors[0]
        var built = Tensor(
            name: loaded.name, type: loaded.type, shape: loaded.shape, buffer: loaded.buffer,
            quantization: loaded.quantization, isVariable: loaded.isVariable)
        #expect(built == loaded)
        built.name += "x"
        #expect(built != loaded)
        #expect(built.name == loaded.name + "x")
        var graph = model.subgraphs[0]
        #expect(graph == model.subgraphs[0])
        graph.name = "renamed"
        #expect(graph.name == "renamed" && graph != model.subgraphs[0])
        var code = model.operatorCodes[0]
        #expect(code.customName == nil)
        code.customName = "MY_OP"
        #expect(code.customName == "MY_OP" && code != model.operatorCodes[0])
    }
}
