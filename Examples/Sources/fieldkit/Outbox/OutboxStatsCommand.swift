import ArgumentParser
import FieldKit

/// `fieldkit outbox stats`: what the outbox holds, evicted and recovered.
struct OutboxStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print counters: epoch, pending records and bytes, segments, evictions, torn tails."
    )

    @OptionGroup var options: OutboxOptions

    func run() throws {
        try runReportingFailure {
            let outbox = try options.open()
            do {
                let stats = try outbox.statistics()
                writeLine("epoch \(stats.epoch)")
                writeLine("pending_records \(stats.pendingRecords)")
                writeLine("pending_bytes \(stats.pendingBytes)")
                writeLine("segments \(stats.segments)")
                writeLine("segment_bytes \(stats.segmentBytes)")
                for (priority, records) in stats.evictedRecords.enumerated() {
                    writeLine("evicted_records[\(priority)] \(records)")
                    writeLine("evicted_bytes[\(priority)] \(stats.evictedBytes[priority])")
                }
                writeLine("torn_tails_at_open \(stats.tornTails)")
                writeLine("compacted_segments_at_open \(stats.compactedSegments)")
            } catch {
                throw CommandFailure(options.explain(error))
            }
        }
    }
}
