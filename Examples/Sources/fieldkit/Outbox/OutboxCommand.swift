import ArgumentParser
import FieldKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `fieldkit outbox`: a durable store-and-forward queue in a directory (FieldOutbox).
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Durable, crash-safe store-and-forward queue in a directory (FieldOutbox).",
        discussion: """
            The directory holds outbox.state and segment-XXXXXXXX.fko files and nothing else: a
            directory with any other file, or a damaged one, is refused with an error and left as it
            is. Every command opens the outbox, which recovers the log and starts a new epoch.
            """,
        subcommands: [
            OutboxEnqueueCommand.self, OutboxListCommand.self, OutboxAckCommand.self, OutboxStatsCommand.self,
        ]
    )
}

/// Options shared by the outbox subcommands.
struct OutboxOptions: ParsableArguments {
    @Option(name: .long, help: "The outbox directory (created when missing).")
    var dir: String

    @Option(name: .long, help: "The producer identifier (must match the directory's).")
    var producer: UInt64 = 1

    @Option(name: .customLong("segment-size"), help: "Bytes per preallocated segment file.")
    var segmentSize: Int = 256 << 10

    @Option(name: .long, help: "Byte budget for segment files.")
    var budget: Int = 256 << 20

    /// Opens the outbox in `dir`.
    func open(durability: DurabilityPolicy = .everyRecord) throws -> Outbox<PosixStorage> {
        var configuration = OutboxConfiguration(producer: producer)
        configuration.segmentCapacity = segmentSize
        configuration.budgetBytes = budget
        configuration.durability = durability
        do {
            let storage = try PosixStorage(directory: dir)
            return try Outbox(storage: storage, configuration: configuration)
        } catch {
            throw CommandFailure(explain(error))
        }
    }

    /// An error message naming the file in the directory.
    func explain(_ failure: any Error) -> String {
        guard let error = failure as? OutboxError else { return "\(failure)" }
        let file = PosixStorage.fileName(for: error.file ?? 0)
        switch error.code {
        case .corruptHeader:
            let reason = error.corruption?.description ?? "?"
            return "\(dir)/\(file) is corrupt at offset \(error.offset ?? 0) (\(reason)); refusing to use it"
        case .unsupportedVersion:
            return "\(dir)/\(file) has unsupported format version \(error.version ?? 0)"
        case .foreignFile:
            return "\(dir)/\(error.fileName ?? "?") was not written by fieldkit outbox; refusing to use \(dir)"
        default:
            return "\(dir): \(error)"
        }
    }
}

/// Writes a line to standard output at once (one `write` call: no buffering, no interleaving).
func writeLine(_ text: String) {
    var line = text + "\n"
    line.withUTF8 { buffer in
        var done = 0
        while done < buffer.count {
            let n = write(1, buffer.baseAddress! + done, buffer.count - done)
            if n <= 0 { return }
            done += n
        }
    }
}
