import ArgumentParser
import FieldKit

/// `fieldkit outbox ack --through KEY`: acknowledges every record up to a key, durably.
struct OutboxAckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge (and so delete) every record up to and including KEY (producer:epoch:sequence)."
    )

    @OptionGroup var options: OutboxOptions

    @Option(name: .long, help: "The last key acknowledged, as printed by enqueue or list.")
    var through: String

    func run() throws {
        try runReportingFailure {
            guard let key = MessageKey(parsing: through) else {
                throw CommandFailure("--through must be producer:epoch:sequence, not \(through)")
            }
            guard key.producer == options.producer else {
                throw CommandFailure("key \(through) belongs to producer \(key.producer), not \(options.producer)")
            }
            var outbox = try options.open()
            do {
                try outbox.acknowledge(through: key)
                let stats = try outbox.statistics()
                writeLine("acknowledged through \(key); \(stats.pendingRecords) pending")
            } catch {
                throw CommandFailure(options.explain(error))
            }
        }
    }
}
