import FieldKit
import Foundation

/// Vibration anomaly detection with FieldML: the project's own int8 autoencoder fixture
/// (`Tests/FieldMLTests/Fixtures/vibration_autoencoder.tflite`) scores 64-sample windows by
/// reconstruction error; a bearing fault adds a 20-30 cycle component the model never saw.
final class DemoVibration {
    let interpreter: Interpreter
    let inputScale: Double
    let inputZeroPoint: Int
    let outputScale: Double
    let outputZeroPoint: Int
    /// Scores of healthy windows seen while commissioning, then the threshold drawn from them.
    private var calibration: [Double] = []
    private(set) var threshold: Double?

    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0
    var trueNegatives = 0
    var windows = 0

    /// The model file, located from this source file (Examples/Sources/fieldkit/Demo/ -> repo root).
    static func modelPath(file: String = #filePath) -> String {
        var url = URL(fileURLWithPath: file)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Tests/FieldMLTests/Fixtures/vibration_autoencoder.tflite").path
    }

    init(path: String = DemoVibration.modelPath()) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read the vibration model at \(path)")
        }
        do {
            let model = try Model(bytes: [UInt8](data))
            interpreter = try Interpreter(model: model, profile: .tflm)
        } catch {
            throw CommandFailure("\(path): \(error)")
        }
        guard let input = interpreter.inputTensor().quantization, let output = interpreter.outputTensor().quantization,
            interpreter.inputTensor().elementCount == 64, interpreter.outputTensor().elementCount == 64
        else { throw CommandFailure("\(path): not the 64-sample int8 autoencoder") }
        inputScale = Double(input.scale)
        inputZeroPoint = Int(input.zeroPoint)
        outputScale = Double(output.scale)
        outputZeroPoint = Int(output.zeroPoint)
    }

    /// A 64-sample window: two shaft harmonics plus noise, and the bearing-fault tone when faulty.
    static func window(faulty: Bool, using rng: inout SplitMix64) -> [Double] {
        func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * Double(rng.next() >> 11) / Double(1 << 53) }
        func normal() -> Double {
            let u1 = max(Double(rng.next() >> 11) / Double(1 << 53), 1e-12)
            let u2 = Double(rng.next() >> 11) / Double(1 << 53)
            return sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
        }
        let f1 = uniform(3, 5)
        let f2 = uniform(9, 12)
        let phase = uniform(0, 6.28)
        let fault = uniform(20, 30)
        return (0..<64).map { i in
            let t = Double(i) / 64
            var x = sin(2 * .pi * f1 * t + phase) + 0.4 * sin(2 * .pi * f2 * t)
            if faulty { x += 0.8 * sin(2 * .pi * fault * t) }
            return x + 0.1 * normal()
        }
    }

    /// The mean squared reconstruction error of a window.
    func score(_ window: [Double]) throws -> Double {
        let quantized = window.map { x -> Int8 in
            let q = (x / inputScale).rounded() + Double(inputZeroPoint)
            return Int8(max(-128, min(127, q)))
        }
        do {
            try interpreter.setInput(quantized)
        } catch {
            throw CommandFailure("vibration model input: \(error)")
        }
        interpreter.invoke()
        let output = interpreter.output()
        var sum = 0.0
        for i in 0..<64 {
            let y = Double(Int(output[i]) - outputZeroPoint) * outputScale
            let d = y - window[i]
            sum += d * d
        }
        return sum / 64
    }

    /// Scores a window; while commissioning (healthy windows only) it collects the threshold.
    func observe(_ window: [Double], faulty: Bool, commissioning: Bool) throws -> Bool {
        let s = try score(window)
        if commissioning {
            calibration.append(s)
            return false
        }
        if threshold == nil {
            let sorted = calibration.sorted()
            let p = sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.995))]
            threshold = p * 1.2
        }
        let flagged = s > (threshold ?? 0)
        windows += 1
        switch (flagged, faulty) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, true): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
        return flagged
    }

    var precision: Double {
        truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
    }
    var recall: Double {
        truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
    }
}
