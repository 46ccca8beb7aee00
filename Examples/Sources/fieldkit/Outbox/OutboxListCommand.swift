import ArgumentParser
import FieldKit

/// `fieldkit outbox list`: one line per pending record, in order.
struct OutboxListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print one line per pending record, in order: <key> <priority> <bytes>."
    )

    @OptionGroup var options: OutboxOptions

    func run() throws {
        try runReportingFailure {
            let outbox = try options.open()
            do {
                for message in try outbox.pendingMessages() {
                    writeLine("\(message.key) \(message.priority) \(message.payload.count)")
                }
            } catch {
                throw CommandFailure(options.explain(error))
            }
        }
    }
}
