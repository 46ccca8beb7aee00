/// A reversible rewrite of machine-code branch targets that makes executables diff better.
///
/// Relative call and branch instructions encode the distance to their target, so inserting a few
/// bytes of code changes the encoding of every call that spans the insertion. Rewriting those
/// distances as absolute targets (page by page, with each page's image offset) turns many of those
/// scattered changes into unchanged bytes or into one repeated difference, which the context models
/// learn. The differ tries the transform that fits the image and keeps it only when the patch gets
/// smaller.
///
/// The transform works on independent pages (the patch header's page size), so the applier can
/// transform any page of the old image on its own after a random-access read, and undo the
/// transform on each output page before writing it.
///
/// ```swift
/// let kind = BranchTransform.detect(in: newImage)  // .x86 for an x86-64 ELF file
/// ```
public enum BranchTransform: UInt8, Sendable, Hashable, CaseIterable {
    /// No transform.
    case none = 0
    /// x86 and x86-64 `call rel32` (opcode E8) displacements become absolute (mod 2^25).
    case x86 = 1
    /// AArch64 `BL imm26` offsets become absolute word addresses (mod 2^26).
    case arm64 = 2

    /// Picks the transform that matches an executable's ELF header, or `.none`.
    ///
    /// - Parameter image: The first bytes of an image (an ELF header is 20 bytes).
    /// - Returns: `.x86` for ELF machine 3 or 62, `.arm64` for machine 183, otherwise `.none`.
    public static func detect(in image: [UInt8]) -> BranchTransform {
        guard image.count >= 20, image[0] == 0x7F, image[1] == 0x45, image[2] == 0x4C, image[3] == 0x46 else {
            return .none
        }
        let machine =
            image[5] == 2 ? UInt16(image[18]) << 8 | UInt16(image[19]) : UInt16(image[19]) << 8 | UInt16(image[18])
        switch machine {
        case 3, 62: return .x86
        case 183: return .arm64
        default: return .none
        }
    }

    /// Rewrites one page in place: relative targets to absolute (`forward`) or back (`!forward`).
    ///
    /// - Parameters:
    ///   - page: The page's bytes.
    ///   - offset: The page's offset in its image.
    ///   - forward: `true` to encode (before diffing), `false` to decode (after patching).
    /// - Complexity: O(n) in the page size.
    @inline(__always)
    func apply(to page: UnsafeMutableRawBufferPointer, offset: Int, forward: Bool) {
        guard let base = page.baseAddress else { return }
        _ = advance(base, count: page.count, offset: offset, from: 0, through: page.count, forward: forward)
    }

    /// Continues rewriting a page from scan position `from` until every byte before `through` is
    /// final, so a reader can transform only the part of a page it needs.
    ///
    /// The rewrite of a byte depends only on the bytes before it in the page, so a page rewritten
    /// in several calls, each continuing from the position the last one returned, ends up exactly
    /// as with ``apply(to:offset:forward:)``.
    ///
    /// - Parameters:
    ///   - base: The page's first byte.
    ///   - count: The page's length.
    ///   - offset: The page's offset in its image.
    ///   - from: The scan position returned by the last call (0 for a fresh page).
    ///   - through: The number of leading bytes that must be final.
    ///   - forward: `true` to encode, `false` to decode.
    /// - Returns: The new scan position: at least `through`, and `count` once the page is done;
    ///   every byte before it is final.
    /// - Complexity: O(through - from), plus at most a few bytes.
    func advance(
        _ base: UnsafeMutableRawPointer, count: Int, offset: Int, from: Int, through: Int, forward: Bool
    ) -> Int {
        switch self {
        case .none: return count
        case .x86:
            return BranchTransform.x86(
                base, count: count, offset: offset, from: from, through: through, forward: forward)
        case .arm64:
            return BranchTransform.arm64(
                base, count: count, offset: offset, from: from, through: through, forward: forward)
        }
    }

    private static func x86(
        _ base: UnsafeMutableRawPointer, count: Int, offset: Int, from: Int, through: Int, forward: Bool
    ) -> Int {
        let last = count - 5
        var i = from
        while true {
            i = nextCallOpcode(in: base, from: i, count: count)
            if i > last { return count }
            if i >= through { return i }
            // Only displacements within +/-16 MiB (top byte 00 or FF) are rewritten, and the result
            // keeps that property. An E8 whose displacement is left alone is skipped whole too:
            // stepping one byte let a later E8 inside it rewrite its top byte, so the decoder saw
            // a different top byte and made a different decision (issue 18). Skipping five bytes
            // either way means no byte the decision reads is ever rewritten.
            let top = base.load(fromByteOffset: i + 4, as: UInt8.self)
            if top == 0 || top == 0xFF {
                let stored = base.loadUnaligned(fromByteOffset: i + 1, as: UInt32.self).littleEndian
                let position = UInt32(truncatingIfNeeded: offset &+ i &+ 5)
                var value = forward ? stored &+ position : stored &- position
                value &= 0x01FF_FFFF
                if value & 0x0100_0000 != 0 { value |= 0xFE00_0000 }
                base.storeBytes(of: value.littleEndian, toByteOffset: i + 1, as: UInt32.self)
            }
            i += 5
        }
    }

    /// The index of the first `E8` byte at or after `start` in `base[0..<count]`, or `count`.
    ///
    /// Scans eight bytes per step: XOR with `E8` repeated turns a match into a zero byte, and the
    /// classic zero-byte test `(x - 0x01...) & ~x & 0x80...` marks it; its lowest marked byte is
    /// always a true zero (a false mark needs a borrow from a true zero below it), so the trailing
    /// zero count names the first match exactly.
    @inline(__always)
    static func nextCallOpcode(in base: UnsafeMutableRawPointer, from start: Int, count: Int) -> Int {
        var i = start
        while i + 8 <= count {
            let x = base.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian ^ 0xE8E8_E8E8_E8E8_E8E8
            let marks = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
            if marks != 0 { return i + marks.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count && base.load(fromByteOffset: i, as: UInt8.self) != 0xE8 { i += 1 }
        return i
    }

    private static func arm64(
        _ base: UnsafeMutableRawPointer, count: Int, offset: Int, from: Int, through: Int, forward: Bool
    ) -> Int {
        // Words start where the image offset is a multiple of four.
        var i = from == 0 ? (4 - offset & 3) & 3 : from
        while i < through && i + 4 <= count {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian
            if word >> 26 == 0x25 {
                let pc = UInt32(truncatingIfNeeded: (offset &+ i) >> 2)
                let immediate = forward ? (word &+ pc) : (word &- pc)
                let rewritten = (word & 0xFC00_0000) | (immediate & 0x03FF_FFFF)
                base.storeBytes(of: rewritten.littleEndian, toByteOffset: i, as: UInt32.self)
            }
            i += 4
        }
        return i + 4 > count ? count : i
    }

    /// Applies the forward transform to a whole image, page by page.
    ///
    /// - Parameters:
    ///   - image: The image to rewrite.
    ///   - pageSize: The page size of the patch.
    /// - Returns: The rewritten image.
    /// - Complexity: O(n).
    func encode(_ image: [UInt8], pageSize: Int) -> [UInt8] {
        var result = image
        if self == .none { return result }
        result.withUnsafeMutableBytes { all in
            var start = 0
            while start < all.count {
                let end = min(start + pageSize, all.count)
                apply(to: UnsafeMutableRawBufferPointer(rebasing: all[start..<end]), offset: start, forward: true)
                start = end
            }
        }
        return result
    }
}
