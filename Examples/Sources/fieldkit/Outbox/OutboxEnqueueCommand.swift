import ArgumentParser
import FieldKit

/// `fieldkit outbox enqueue`: appends records and prints `durable <key>` for each once it is durable.
struct OutboxEnqueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enqueue",
        abstract: "Append records; print `durable <key>` for each, flushed, once it is durable.",
        discussion: """
            --sync every: one sync per record, each line printed after its sync.
            --sync group: records are written in groups of --group records with one sync per group;
            the group's lines are printed after that sync.
            --sync none: no sync; each line reads `written <key>` (not durable) instead.
            Payloads are --size bytes derived from the key, so a reader can check them.
            """
    )

    @OptionGroup var options: OutboxOptions

    @Option(name: .long, help: "How many records to append.")
    var count: Int = 1

    @Option(name: .long, help: "Payload bytes per record.")
    var size: Int = 200

    @Option(name: .long, help: "Durability: every, group or none.")
    var sync: String = "every"

    @Option(name: .long, help: "Records per sync with --sync group.")
    var group: Int = 64

    @Option(name: .long, help: "Priority class (0, 1 or 2; 2 is never evicted).")
    var priority: UInt8 = 0

    func run() throws {
        try runReportingFailure {
            guard count >= 0, size >= 0 else { throw CommandFailure("--count and --size must not be negative") }
            let policy: DurabilityPolicy
            switch sync {
            case "every": policy = .everyRecord
            case "group":
                guard group >= 1 else { throw CommandFailure("--group must be at least 1") }
                policy = .group(records: group)
            case "none": policy = .none
            default: throw CommandFailure("--sync must be every, group or none, not \(sync)")
            }
            var outbox = try options.open(durability: policy)
            let epoch = outbox.epoch
            var written = 0
            do {
                while written < count {
                    switch policy {
                    case .everyRecord:
                        let key = try outbox.enqueue(payload(epoch, UInt64(written)), priority: priority)
                        writeLine("durable \(key)")
                        written += 1
                    case .group(let records):
                        let n = min(records, count - written)
                        let payloads = (0..<n).map { payload(epoch, UInt64(written + $0)) }
                        let keys = try outbox.enqueue(contentsOf: payloads, priority: priority)
                        for key in keys { writeLine("durable \(key)") }
                        written += n
                    case .none:
                        let key = try outbox.enqueue(payload(epoch, UInt64(written)), priority: priority)
                        writeLine("written \(key)")
                        written += 1
                    }
                }
            } catch {
                throw CommandFailure(options.explain(error))
            }
        }
    }

    /// The payload for the record with `sequence` in `epoch`: `size` bytes derived from both.
    func payload(_ epoch: UInt32, _ sequence: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: UInt64(epoch) << 40 ^ sequence)
        return (0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }
}
