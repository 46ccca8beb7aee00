import ArgumentParser
import FieldKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `fieldkit delta diff OLD NEW PATCH`: makes a patch.
struct DeltaDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Make a patch that rebuilds NEW from OLD, written atomically to PATCH."
    )

    @Argument(help: "The old image.")
    var old: String

    @Argument(help: "The new image.")
    var new: String

    @Argument(help: "Where to write the patch.")
    var patch: String

    @Option(help: "New-image bytes per resumable chunk.")
    var chunkSize: Int = 1 << 18

    @Flag(help: "Print sizes and timing to standard error.")
    var verbose = false

    func run() throws {
        try runReportingFailure {
            let oldBytes = try FileIO.readAll(old)
            let newBytes = try FileIO.readAll(new)
            var start = timespec()
            clock_gettime(CLOCK_MONOTONIC, &start)
            let patchBytes = PatchDiffer.makePatch(
                from: oldBytes, to: newBytes, options: PatchDiffer.Options(chunkSize: chunkSize))
            var end = timespec()
            clock_gettime(CLOCK_MONOTONIC, &end)
            try FileIO.writeAtomically(patch, patchBytes)
            if verbose {
                let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
                let header = try PatchHeader(parsing: patchBytes)
                printError(
                    "patch \(patchBytes.count) bytes (\(patchBytes.count * 10000 / max(1, newBytes.count)) "
                        + "per ten thousand of new), mode \(header.mode), transform \(header.transform), "
                        + "\(seconds) s")
            }
        }
    }
}
