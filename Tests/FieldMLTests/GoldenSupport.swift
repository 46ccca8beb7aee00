import FieldML
import Foundation

/// Locates reference data and decodes golden JSON files for the tests.
enum Golden {
    /// The repository root (three levels above this file).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/tinyml`, when present.
    static var sharedDirectory: URL? {
        let url = repositoryRoot.appendingPathComponent("../shared/tinyml").standardizedFileURL
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("models").path) ? url : nil
    }

    /// The committed fixtures directory.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Case {
        var input: [Int]
        var tflm: [Int]?
        var reference: [Int]?
    }

    struct File {
        var model: String
        var cases: [Case]
    }

    static func load(_ url: URL) throws -> File {
        let data = try Data(contentsOf: url)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let cases = (object["cases"] as! [[String: Any]]).map { c in
            Case(
                input: c["input"] as! [Int],
                tflm: (c["tflm_output"] as? [Int]) ?? ((c["tflm_output"] as? [[Int]])?.first),
                reference: (c["reference_output"] as? [Int]) ?? ((c["reference_output"] as? [[Int]])?.first))
        }
        return File(model: object["model"] as! String, cases: cases)
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// Runs one case and returns the output tensor's values (int8 or int32, by the output type).
    static func run(_ interpreter: Interpreter, _ input: [Int]) throws -> [Int] {
        let t = interpreter.inputTensor()
        var raw: [UInt8] = []
        switch t.type {
        case .int8: raw = input.map { UInt8(bitPattern: Int8($0)) }
        case .int16: raw = input.flatMap { v in withUnsafeBytes(of: Int16(v).littleEndian) { Array($0) } }
        default:  // float32 stored as IEEE-754 bit patterns
            raw = input.flatMap { v in withUnsafeBytes(of: UInt32(bitPattern: Int32(v)).littleEndian) { Array($0) } }
        }
        var failure: FieldMLError?
        raw.withUnsafeBytes { buffer in
            do throws(FieldMLError) { try interpreter.setInput(bytes: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        interpreter.invoke()
        let out = interpreter.outputBytes()
        switch interpreter.outputTensor().type {
        case .int8: return out.map { Int(Int8(bitPattern: $0)) }
        case .int32, .float32:
            return stride(from: 0, to: out.count, by: 4).map { i in
                Int(
                    Int32(
                        bitPattern: UInt32(out[i]) | UInt32(out[i + 1]) << 8 | UInt32(out[i + 2]) << 16 | UInt32(
                            out[i + 3]) << 24))
            }
        default: return out.map { Int($0) }
        }
    }
}
