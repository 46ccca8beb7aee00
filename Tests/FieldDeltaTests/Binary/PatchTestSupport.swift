import FieldCore
import FieldDelta

/// Seeded test images: random bytes and firmware-like edits of them.
enum PatchTestData {
    static func randomBytes(_ count: Int, rng: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    /// Code-like bytes: a small alphabet with repeats, so matching and modelling both matter.
    static func codeLike(_ count: Int, rng: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            switch rng.next() % 4 {
            case 0:
                out.append(0xE8)
                let target = UInt32(truncatingIfNeeded: rng.next() % 4096) &- 2048
                for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: target >> (8 * UInt32(i)))) }
            case 1: out += [0x48, 0x89, UInt8(rng.next() % 16)]
            case 2: out += [UInt8](repeating: 0, count: Int(rng.next() % 8))
            default: out.append(UInt8(truncatingIfNeeded: rng.next()))
            }
        }
        return Array(out.prefix(count))
    }

    /// Applies random insertions, deletions and byte changes.
    static func edit(_ image: [UInt8], edits: Int, rng: inout SplitMix64) -> [UInt8] {
        var out = image
        for _ in 0..<edits {
            let at = out.isEmpty ? 0 : Int(rng.next() % UInt64(out.count))
            switch rng.next() % 3 {
            case 0: out.insert(contentsOf: randomBytes(Int(rng.next() % 64), rng: &rng), at: at)
            case 1: out.removeSubrange(at..<min(out.count, at + Int(rng.next() % 64)))
            default: if at < out.count { out[at] &+= UInt8(truncatingIfNeeded: rng.next() | 1) }
            }
        }
        return out
    }

    /// Applies a patch in memory and returns the result or the error.
    static func apply(_ patch: [UInt8], old: [UInt8], bufferSize: Int = 12 * 1024) -> Result<[UInt8], PatchError> {
        var sink = ByteArrayImage()
        do throws(PatchError) {
            try PatchApplier.apply(
                patch: ByteArrayImage(patch), old: ByteArrayImage(old), into: &sink, bufferSize: bufferSize)
            return .success(sink.bytes)
        } catch {
            return .failure(error)
        }
    }
}
