import FieldCore
import FieldML
import Foundation
import Testing

/// Untrusted model bytes never crash: seeded mutations and truncations of a real model either load
/// and run, or fail with a typed error.
@Suite struct RobustnessTests {
    static func load(_ bytes: [UInt8]) -> Result<Interpreter, FieldMLError> {
        do throws(FieldMLError) {
            let model = try Model(bytes: bytes)
            return .success(try Interpreter(model: model, arenaLimit: 1 << 20))
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: ["tiny_cnn", "vibration_autoencoder_f32"])
    func mutatedModelsNeverCrash(_ name: String) throws {
        let original = try Golden.bytes(Golden.fixtures.appendingPathComponent("\(name).tflite"))
        var rng = SplitMix64(seed: 0x5EED_0010)
        var loaded = 0
        var rejected = 0
        for round in 0..<400 {
            var bytes = original
            if round % 10 == 0 {
                bytes.removeLast(Int(rng.next() % UInt64(bytes.count)))
            } else {
                for _ in 0..<(1 + Int(rng.next() % 4)) {
                    let index = Int(rng.next() % UInt64(bytes.count))
                    bytes[index] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            switch Self.load(bytes) {
            case .success(let interpreter):
                loaded += 1
                let input = [UInt8](repeating: 0, count: interpreter.inputTensor().byteCount)
                input.withUnsafeBytes { raw in
                    do throws(FieldMLError) { try interpreter.setInput(bytes: raw) } catch {}
                }
                interpreter.invoke()
                _ = interpreter.outputBytes()
            case .failure(let error):
                rejected += 1
                #expect(!error.description.isEmpty)
            }
        }
        // Most single-byte changes hit weights (still a valid model); truncations must be rejected.
        #expect(loaded > 0 && rejected > 0)
    }

    @Test func everyTruncationIsRejected() throws {
        let original = try Golden.bytes(Golden.fixtures.appendingPathComponent("vibration_autoencoder.tflite"))
        for length in stride(from: 0, to: original.count, by: 97) {
            let result = Self.load(Array(original[0..<length]))
            guard case .failure = result else {
                Issue.record("truncation to \(length) bytes was accepted")
                return
            }
        }
    }

    @Test func wrongInputSizeIsATypedError() throws {
        let model = try Model(bytes: Golden.bytes(Golden.fixtures.appendingPathComponent("tiny_cnn.tflite")))
        let interpreter = try Interpreter(model: model)
        let failure: FieldMLError? = [UInt8](repeating: 0, count: 3).withUnsafeBytes { raw in
            do throws(FieldMLError) {
                try interpreter.setInput(bytes: raw)
                return nil
            } catch {
                return error
            }
        }
        guard failure?.code == .badArgument else {
            Issue.record("expected badArgument, got \(String(describing: failure))")
            return
        }
    }

    @Test func arenaLimitIsEnforced() throws {
        let model = try Model(bytes: Golden.bytes(Golden.fixtures.appendingPathComponent("tiny_cnn.tflite")))
        let needed = try Interpreter(model: model).arenaByteCount
        do {
            _ = try Interpreter(model: model, arenaLimit: needed - 1)
            Issue.record("limit below the plan was accepted")
        } catch {
            #expect(error.reason == .arenaTooLarge(needed: needed, limit: needed - 1))
        }
    }
}
