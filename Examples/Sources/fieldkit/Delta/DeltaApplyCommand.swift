import ArgumentParser
import FieldKit

/// `fieldkit delta apply OLD PATCH OUT [--buffer BYTES]`: applies a patch with a bounded buffer.
struct DeltaApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply PATCH to OLD, streaming, and write the verified result atomically to OUT.",
        discussion: """
            Reads OLD and PATCH through small positional reads and writes a temporary file next to
            OUT, renamed over OUT only after the new image's SHA-256 is verified. On any error the
            temporary file is removed, OUT is untouched and the exit status is 1.
            """
    )

    @Argument(help: "The old image.")
    var old: String

    @Argument(help: "The patch.")
    var patch: String

    @Argument(help: "Where to write the new image.")
    var out: String

    @Option(help: "The applier's I/O buffer in bytes (the context models add a fixed table).")
    var buffer: Int = PatchApplier<ByteArrayImage, ByteArrayImage>.defaultBufferSize

    func run() throws {
        try runReportingFailure {
            let oldFile = try ReadOnlyFile(path: old)
            let patchFile = try ReadOnlyFile(path: patch)
            var sink = try TemporaryFileSink(finalPath: out)
            do {
                try PatchApplier.apply(patch: patchFile, old: oldFile, into: &sink, bufferSize: buffer)
            } catch {
                sink.discard()
                throw CommandFailure("\(error)")
            }
            try sink.commit(to: out)
        }
    }
}
