import FieldCore

/// The fixed 96-byte header at the start of every FieldDelta patch (format version 3).
///
/// All integers are little-endian. After the header come the chunks, one per `chunkSize` bytes of
/// the new image; see the PatchFormat article for the chunk layout.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 4 | magic `FKDP` |
/// | 4 | 1 | format version (3) |
/// | 5 | 1 | mode: 0 delta against the old image, 1 full (compressed new image, old unused) |
/// | 6 | 1 | branch transform (``BranchTransform`` raw value) |
/// | 7 | 1 | log2 of the page size (8...16) |
/// | 8 | 4 | chunk size: new-image bytes per chunk, a multiple of the page size |
/// | 12 | 8 | old image size |
/// | 20 | 8 | new image size |
/// | 28 | 32 | SHA-256 of the old image |
/// | 60 | 32 | SHA-256 of the new image |
/// | 92 | 4 | CRC-32C of bytes 0..<92 |
///
/// ```swift
/// let header = try PatchHeader(parsing: Array(patch.prefix(PatchHeader.byteCount)))
/// print(header.newSize, header.mode)
/// ```
public struct PatchHeader: Sendable, Hashable {
    /// How the patch rebuilds the new image.
    public enum Mode: UInt8, Sendable, Hashable {
        /// Copy-with-differences from the old image plus extra bytes.
        case delta = 0
        /// The new image compressed on its own; the old image is not read.
        case full = 1
    }

    /// The size of the encoded header in bytes.
    public static let byteCount = 96
    /// The format version this library writes and reads.
    public static let currentVersion: UInt8 = 4
    /// The magic bytes `FKDP`.
    public static let magic: [UInt8] = [0x46, 0x4B, 0x44, 0x50]

    /// How the patch rebuilds the new image.
    public var mode: Mode
    /// The branch transform applied to both images before diffing.
    public var transform: BranchTransform
    /// log2 of the page size used by the transform and the applier's page buffers.
    public var pageShift: Int
    /// New-image bytes per independently decodable chunk.
    public var chunkSize: Int
    /// The old image's size in bytes.
    public var oldSize: Int
    /// The new image's size in bytes.
    public var newSize: Int
    /// The old image's SHA-256.
    public var oldDigest: [UInt8]
    /// The new image's SHA-256.
    public var newDigest: [UInt8]

    /// The page size in bytes.
    public var pageSize: Int { 1 << pageShift }

    /// The number of chunks that follow the header.
    public var chunkCount: Int { newSize == 0 ? 0 : (newSize - 1) / chunkSize + 1 }

    /// Creates a header from its fields.
    ///
    /// - Parameters:
    ///   - mode: Delta or full.
    ///   - transform: The branch transform.
    ///   - pageShift: log2 of the page size (8...16).
    ///   - chunkSize: New-image bytes per chunk, a positive multiple of the page size.
    ///   - oldSize: The old image's size.
    ///   - newSize: The new image's size.
    ///   - oldDigest: The old image's SHA-256 (32 bytes).
    ///   - newDigest: The new image's SHA-256 (32 bytes).
    public init(
        mode: Mode, transform: BranchTransform, pageShift: Int, chunkSize: Int, oldSize: Int, newSize: Int,
        oldDigest: [UInt8], newDigest: [UInt8]
    ) {
        self.mode = mode
        self.transform = transform
        self.pageShift = pageShift
        self.chunkSize = chunkSize
        self.oldSize = oldSize
        self.newSize = newSize
        self.oldDigest = oldDigest
        self.newDigest = newDigest
    }

    /// Parses and validates a header.
    ///
    /// - Parameter bytes: At least the first ``byteCount`` bytes of a patch.
    /// - Throws: ``PatchError`` when the bytes are short, not a patch, of another version, or when a
    ///   field is out of range or the header checksum fails.
    public init(parsing bytes: [UInt8]) throws(PatchError) {
        guard bytes.count >= 4 else { throw PatchError(.truncated, at: bytes.count) }
        guard Array(bytes[0..<4]) == PatchHeader.magic else { throw PatchError(.badMagic, at: 0) }
        guard bytes.count >= 5 else { throw PatchError(.truncated, at: bytes.count) }
        guard bytes[4] == PatchHeader.currentVersion else { throw PatchError(.unsupportedVersion(bytes[4]), at: 4) }
        guard bytes.count >= PatchHeader.byteCount else { throw PatchError(.truncated, at: bytes.count) }
        let stored = PatchHeader.loadUInt32(bytes, 92)
        guard CRC32C.checksum(bytes[0..<92]) == stored else { throw PatchError(.corruptHeader, at: 92) }
        guard let mode = Mode(rawValue: bytes[5]) else { throw PatchError(.corruptHeader, at: 5) }
        guard let transform = BranchTransform(rawValue: bytes[6]) else { throw PatchError(.corruptHeader, at: 6) }
        let pageShift = Int(bytes[7])
        guard (8...16).contains(pageShift) else { throw PatchError(.corruptHeader, at: 7) }
        let chunkSize = Int(PatchHeader.loadUInt32(bytes, 8))
        guard chunkSize > 0, chunkSize % (1 << pageShift) == 0 else { throw PatchError(.corruptHeader, at: 8) }
        let oldSize = PatchHeader.loadUInt64(bytes, 12)
        let newSize = PatchHeader.loadUInt64(bytes, 20)
        guard oldSize <= UInt64(Int.max >> 1) else { throw PatchError(.corruptHeader, at: 12) }
        guard newSize <= UInt64(Int.max >> 1) else { throw PatchError(.corruptHeader, at: 20) }
        self.init(
            mode: mode, transform: transform, pageShift: pageShift, chunkSize: chunkSize,
            oldSize: Int(oldSize), newSize: Int(newSize),
            oldDigest: Array(bytes[28..<60]), newDigest: Array(bytes[60..<92]))
    }

    /// The 96 encoded bytes of this header, checksum included.
    ///
    /// - Returns: The header as it appears at the start of a patch.
    public func encoded() -> [UInt8] {
        var out = PatchHeader.magic
        out.append(PatchHeader.currentVersion)
        out.append(mode.rawValue)
        out.append(transform.rawValue)
        out.append(UInt8(pageShift))
        PatchHeader.append(UInt64(chunkSize), byteCount: 4, to: &out)
        PatchHeader.append(UInt64(oldSize), byteCount: 8, to: &out)
        PatchHeader.append(UInt64(newSize), byteCount: 8, to: &out)
        out += oldDigest
        out += newDigest
        PatchHeader.append(UInt64(CRC32C.checksum(out)), byteCount: 4, to: &out)
        return out
    }

    static func append(_ value: UInt64, byteCount: Int, to out: inout [UInt8]) {
        for i in 0..<byteCount { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    static func loadUInt32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(bytes[at + i]) << (8 * UInt32(i)) }
        return value
    }

    static func loadUInt64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[at + i]) << (8 * UInt64(i)) }
        return value
    }
}
