import ArgumentParser
import FieldKit

/// `fieldkit delta info PATCH`: prints a patch's header.
struct DeltaInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print a patch's format version, mode, transform, sizes, digests and chunk layout."
    )

    @Argument(help: "The patch.")
    var patch: String

    func run() throws {
        try runReportingFailure {
            let file = try ReadOnlyFile(path: patch)
            let header: PatchHeader
            do {
                let count = min(file.count, PatchHeader.byteCount)
                var bytes = [UInt8](repeating: 0, count: count)
                let pointer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 8)
                defer { pointer.deallocate() }
                try file.read(at: 0, into: UnsafeMutableRawBufferPointer(rebasing: pointer[0..<count]))
                for i in 0..<count { bytes[i] = pointer[i] }
                header = try PatchHeader(parsing: bytes)
            } catch {
                throw CommandFailure("\(error)")
            }
            print("format version: \(PatchHeader.currentVersion)")
            print("mode: \(header.mode)")
            print("transform: \(header.transform)")
            print("page size: \(header.pageSize)")
            print("chunk size: \(header.chunkSize) (\(header.chunkCount) chunks)")
            print("old size: \(header.oldSize)")
            print("new size: \(header.newSize)")
            print("old sha256: \(hex(header.oldDigest))")
            print("new sha256: \(hex(header.newDigest))")
            print("patch size: \(file.count) (\(percent(file.count, header.newSize)) of new)")
        }
    }

    private func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
        guard whole > 0 else { return "n/a" }
        let tenths = part * 1000 / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
