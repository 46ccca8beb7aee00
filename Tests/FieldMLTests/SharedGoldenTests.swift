import FieldML
import Foundation
import Testing

/// Bit-exactness against ../shared/tinyml (TFLM and LiteRT BUILTIN_REF goldens); skipped when the
/// reference data is absent, as in a user's clone.
@Suite struct SharedGoldenTests {
    static let models = [
        "hello_world_int8", "ad01_int8", "kws_ref_model", "pretrainedResnet_quant", "vww_96_int8", "person_detect",
    ]

    @Test(arguments: models)
    func bitExact(_ name: String) throws {
        guard let shared = Golden.sharedDirectory else {
            print("SharedGoldenTests: ../shared/tinyml absent, skipping \(name)")
            return
        }
        let golden = try Golden.load(shared.appendingPathComponent("golden/\(name).json"))
        let model = try Model(bytes: Golden.bytes(shared.appendingPathComponent("models/\(golden.model)")))
        var compared = 0
        for profile in RoundingProfile.allCases {
            let interpreter = try Interpreter(model: model, profile: profile)
            for (index, c) in golden.cases.enumerated() {
                guard let expected = profile == .tflm ? c.tflm : c.reference else { continue }
                let actual = try Golden.run(interpreter, c.input)
                let mismatches = zip(actual, expected).filter { $0 != $1 }.count
                #expect(
                    actual == expected, "\(name) \(profile) case \(index): \(mismatches) of \(expected.count) differ")
                compared += 1
            }
        }
        // Every model has 4 TFLM cases; all but person_detect (refused by the desktop interpreter)
        // also have 4 reference cases.
        #expect(compared == (name == "person_detect" ? 4 : 8))
    }

    /// The two profiles must really differ where the references do (ad01's FULLY_CONNECTED layers),
    /// so the per-profile comparisons above cannot pass by accident.
    @Test func profilesDifferOnAD01() throws {
        guard let shared = Golden.sharedDirectory else { return }
        let golden = try Golden.load(shared.appendingPathComponent("golden/ad01_int8.json"))
        let model = try Model(bytes: Golden.bytes(shared.appendingPathComponent("models/ad01_int8.tflite")))
        let tflm = try Golden.run(Interpreter(model: model, profile: .tflm), golden.cases[0].input)
        let reference = try Golden.run(Interpreter(model: model, profile: .reference), golden.cases[0].input)
        #expect(tflm != reference)
        #expect(golden.cases[0].tflm != golden.cases[0].reference)
    }

    @Test func keywordScrambledIsRejectedNamingSVDF() throws {
        guard let shared = Golden.sharedDirectory else { return }
        let model = try Model(bytes: Golden.bytes(shared.appendingPathComponent("models/keyword_scrambled.tflite")))
        do {
            _ = try Interpreter(model: model)
            Issue.record("keyword_scrambled should be rejected at load time")
        } catch {
            guard error.code == .unsupportedOperator, let name = error.detail else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(name.hasPrefix("SVDF"))
        }
    }
}
