import Benchmark
import FieldOutbox
import Foundation

/// FieldOutbox on real files in $OUTBOX_BENCH_DIR (default /tmp, the disk the SQLite reference
/// script uses): 200-byte records enqueued with sync-every-record, group commit of 64 (one writer,
/// and 16 concurrent writers sharing syncs), and recovery of a 1 GiB log.
/// The SQLite figures come from Scripts/outbox-sqlite-bench.py, run in the same session by
/// Scripts/outbox-benchmarks.sh.
let base = ProcessInfo.processInfo.environment["OUTBOX_BENCH_DIR"] ?? "/tmp"
let payload = [UInt8](repeating: 0xA5, count: 200)

func freshDirectory(_ name: String) -> String {
    let path = base + "/fieldoutbox-bench-" + name + "-" + String(getpid())
    try? FileManager.default.removeItem(atPath: path)
    return path
}

func configuration(segment: Int, durability: DurabilityPolicy) -> OutboxConfiguration {
    var configuration = OutboxConfiguration(producer: 1)
    configuration.segmentCapacity = segment
    configuration.budgetBytes = 4 << 30
    configuration.durability = durability
    return configuration
}

/// Holds an outbox across a benchmark's iterations.
final class Holder<Value>: @unchecked Sendable {
    var value: Value?
    var directory = ""
}

let benchmarks: @Sendable () -> Void = {
    let writes = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .cpuTotal],
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 100_000
    )

    let every = Holder<Outbox<PosixStorage>>()
    Benchmark(
        "enqueue 200 B, sync every record",
        configuration: writes,
        closure: { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try every.value!.enqueue(payload))
            }
        },
        setup: {
            every.directory = freshDirectory("every")
            every.value = try Outbox(
                storage: try PosixStorage(directory: every.directory),
                configuration: configuration(segment: 4 << 20, durability: .everyRecord))
        },
        teardown: {
            every.value = nil
            try? FileManager.default.removeItem(atPath: every.directory)
        }
    )

    let group = Holder<Outbox<PosixStorage>>()
    let batch = [[UInt8]](repeating: payload, count: 64)
    Benchmark(
        "enqueue 64 x 200 B, one sync (group commit, one writer)",
        configuration: writes,
        closure: { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try group.value!.enqueue(contentsOf: batch))
            }
        },
        setup: {
            group.directory = freshDirectory("group")
            group.value = try Outbox(
                storage: try PosixStorage(directory: group.directory),
                configuration: configuration(segment: 16 << 20, durability: .group(records: 64)))
        },
        teardown: {
            group.value = nil
            try? FileManager.default.removeItem(atPath: group.directory)
        }
    )

    let shared = Holder<SharedOutbox<PosixStorage>>()
    Benchmark(
        "enqueue 64 writer threads x 16 x 200 B, shared syncs (group 64, 2 ms)",
        configuration: writes,
        closure: { benchmark in
            let target = shared.value!
            for _ in benchmark.scaledIterations {
                let done = DispatchGroup()
                for _ in 0..<64 {
                    done.enter()
                    Thread {
                        for _ in 0..<16 { _ = try? target.enqueue(payload) }
                        done.leave()
                    }.start()
                }
                done.wait()
            }
        },
        setup: {
            shared.directory = freshDirectory("shared")
            let outbox = try Outbox(
                storage: try PosixStorage(directory: shared.directory),
                configuration: configuration(segment: 16 << 20, durability: .none))
            shared.value = try SharedOutbox(outbox: outbox, groupSize: 64, maximumDelay: .milliseconds(2))
        },
        teardown: {
            shared.value = nil
            try? FileManager.default.removeItem(atPath: shared.directory)
        }
    )

    let recovery = Holder<Int>()
    Benchmark(
        "recover a 1 GiB log (200 B records, 64 MiB segments)",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident], scalingFactor: .one, maxDuration: .seconds(20),
            maxIterations: 5
        ),
        closure: { benchmark in
            for _ in benchmark.scaledIterations {
                let outbox = try Outbox(
                    storage: try PosixStorage(directory: recovery.directory),
                    configuration: configuration(segment: 64 << 20, durability: .none))
                blackHole(outbox.epoch)
            }
        },
        setup: {
            recovery.directory = freshDirectory("recovery")
            var outbox = try Outbox(
                storage: try PosixStorage(directory: recovery.directory),
                configuration: configuration(segment: 64 << 20, durability: .none))
            let perSegment = (64 << 20 - 64) / (24 + 200)
            for _ in 0..<(16 * perSegment) { try outbox.enqueue(payload) }
            try outbox.sync()
            recovery.value = 16 * perSegment
        },
        teardown: {
            try? FileManager.default.removeItem(atPath: recovery.directory)
        }
    )
}
