import Benchmark
import FieldCore

/// FieldCore throughput: CRC-32C, CRC-32 and SHA-256 over 1 MiB, reported as bytes per second.
let benchmarks: @Sendable () -> Void = {
    let size = 1 << 20
    var rng = SplitMix64(seed: 1)
    let data = (0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }
    let configuration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )

    Benchmark("CRC-32C 1 MiB", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(CRC32C.checksum(data))
        }
    }

    Benchmark("CRC-32 1 MiB", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(CRC32.checksum(data))
        }
    }

    Benchmark("SHA-256 1 MiB", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SHA256.hash(data))
        }
    }
}
