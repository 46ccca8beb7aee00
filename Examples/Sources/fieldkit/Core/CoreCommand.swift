import ArgumentParser
import FieldKit

/// `fieldkit core`: checksums and hashes from FieldCore.
struct CoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "core",
        abstract: "Checksums and hashes (FieldCore).",
        subcommands: [CRC32CCommand.self, SHA256Command.self]
    )
}

/// `fieldkit core crc32c FILE`: prints the CRC-32C of a file as 8 hex digits.
struct CRC32CCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crc32c",
        abstract: "Print the CRC-32C (Castagnoli) of a file as 8 lowercase hex digits, then the file name."
    )

    @Argument(help: "The file to checksum.")
    var file: String

    func run() throws {
        try runReportingFailure {
            var crc = CRC32C()
            try FileIO.forEachChunk(file) { crc.update($0) }
            let hex = String(crc.value, radix: 16)
            print(String(repeating: "0", count: 8 - hex.count) + hex + "  " + file)
        }
    }
}

/// `fieldkit core sha256 FILE`: prints the SHA-256 of a file in `sha256sum` format.
struct SHA256Command: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sha256",
        abstract: "Print the SHA-256 of a file in sha256sum's format (digest, two spaces, file name)."
    )

    @Argument(help: "The file to hash.")
    var file: String

    func run() throws {
        try runReportingFailure {
            var hasher = SHA256()
            try FileIO.forEachChunk(file) { hasher.update($0) }
            print(hasher.finalize().hexString + "  " + file)
        }
    }
}
