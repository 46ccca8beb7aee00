import Benchmark
import FieldCore
import FieldDelta

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a corpus file from ../shared/delta/pairs (nil when the corpus is absent).
private func corpusFile(_ pair: String, _ name: String) -> [UInt8]? {
    let source = "\(#filePath)"
    let directory = source[..<(source.lastIndex(of: "/") ?? source.endIndex)]
    let path = "\(directory)/../../../../shared/delta/pairs/\(pair)/\(name)"
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    fseek(file, 0, SEEK_END)
    let count = ftell(file)
    fseek(file, 0, SEEK_SET)
    var bytes = [UInt8](repeating: 0, count: count)
    let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, count, file) }
    return read == count ? bytes : nil
}

/// FieldDelta patches: apply throughput (bytes of new image per second, SHA-256 of both images
/// included) and diff time on the corpus pairs, beside FieldCore's SHA-256 over the same bytes (the
/// verification floor every apply pays twice).
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 50
    )
    for (pair, oldName, newName) in [("msgpack-x86", "old.so", "new.so"), ("pyyaml-x86", "old.so", "new.so")] {
        guard let old = corpusFile(pair, oldName), let new = corpusFile(pair, newName) else { continue }
        let patch = PatchDiffer.makePatch(from: old, to: new)

        Benchmark("apply \(pair) (\(new.count) B new)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                var sink = ByteArrayImage()
                sink.bytes.reserveCapacity(new.count)
                do throws(PatchError) {
                    try PatchApplier.apply(patch: ByteArrayImage(patch), old: ByteArrayImage(old), into: &sink)
                } catch {
                    fatalError("apply failed: \(error)")
                }
                blackHole(sink.bytes.count)
            }
        }

        Benchmark("reference: SHA-256 of \(pair) new (\(new.count) B)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(SHA256.hash(new))
            }
        }

        Benchmark(
            "diff \(pair)",
            configuration: Benchmark.Configuration(
                metrics: [.wallClock, .cpuTotal, .peakMemoryResident], scalingFactor: .one,
                maxDuration: .seconds(30), maxIterations: 3)
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(PatchDiffer.makePatch(from: old, to: new).count)
            }
        }
    }
}
