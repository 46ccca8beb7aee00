import Benchmark
import FieldML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// FieldML inference latency (one `invoke`, release, one thread) on the project's own fixture
/// models and, when `../shared/tinyml` is present, the MLPerf Tiny models. LiteRT's reference
/// kernels are measured beside them by `Scripts/bench-reference/FieldML.sh` (Scripts/compare-ml.sh).
let benchmarks: @Sendable () -> Void = {
    let root = String(#filePath).split(separator: "/").dropLast(4).joined(separator: "/")
    let fixtures = "/" + root + "/Tests/FieldMLTests/Fixtures/"
    let shared = "/" + root + "/../shared/tinyml/models/"
    let models: [(String, String)] = [
        ("tiny_cnn", fixtures + "tiny_cnn.tflite"),
        ("vibration_autoencoder", fixtures + "vibration_autoencoder.tflite"),
        ("kws_ref_model", shared + "kws_ref_model.tflite"),
        ("vww_96_int8", shared + "vww_96_int8.tflite"),
        ("pretrainedResnet_quant", shared + "pretrainedResnet_quant.tflite"),
        ("ad01_int8", shared + "ad01_int8.tflite"),
    ]
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )
    for (name, path) in models {
        guard let bytes = readFile(path), let model = try? Model(bytes: bytes),
            let interpreter = try? Interpreter(model: model)
        else { continue }
        var rng = SystemRandomNumberGenerator()
        let input = (0..<interpreter.inputTensor().byteCount).map { _ in UInt8.random(in: 0...255, using: &rng) }
        input.withUnsafeBytes { raw in
            do throws(FieldMLError) { try interpreter.setInput(bytes: raw) } catch {}
        }
        Benchmark("invoke \(name) (arena \(interpreter.arenaByteCount) B)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                interpreter.invoke()
            }
            interpreter.withOutputBytes { blackHole($0.first) }
        }
    }
}

/// Reads a whole file, or `nil` when it cannot be read.
func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        bytes.append(contentsOf: chunk[0..<n])
        if n < chunk.count { break }
    }
    return bytes
}
