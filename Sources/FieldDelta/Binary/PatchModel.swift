/// The adaptive context models of the patch coder, held in one fixed-size probability table.
///
/// The table is the decoder's only state besides the I/O buffer, and it is reset at the start of
/// every chunk so a chunk decodes independently of the ones before it (which is what makes an apply
/// resumable from a small record). Layout, in 16-bit probabilities:
/// - four integer models (chunk start, add length, extra length, seek), 452 each;
/// - the "difference byte is zero" flag, by old byte and the last two flags: 1024;
/// - non-zero difference bytes, a bit tree by last flag and the old byte's top two bits: 2048;
/// - extra (literal) bytes, a bit tree by the previous byte's top four bits: 4096;
/// - in extra parts, a "copy from earlier new bytes" flag (by token state and the previous
///   byte's top four bits, 64) and two more integer models for copy lengths and distances;
/// - a "recent distance" flag (2) and the tree choosing one of four recent distances (4);
/// - matched literals: per match-byte kind, a probability per match bit and tree node (3 x 512);
/// - an integer model for the lengths of copies from a recent distance.
final class PatchModel {
    /// Probabilities in one integer model.
    static let numberModelSize = 128 + 65 * 4 + 64
    static let startModel = 0
    static let addModel = numberModelSize
    static let extraModel = 2 * numberModelSize
    static let seekModel = 3 * numberModelSize
    static let zeroFlagBase = 4 * numberModelSize
    static let diffBase = zeroFlagBase + 1024
    static let literalBase = diffBase + 2048
    /// The number of probabilities in the table.
    static let matchFlagBase = literalBase + 4096
    static let matchLengthModel = matchFlagBase + 64
    static let matchDistanceModel = matchLengthModel + numberModelSize
    /// The "copy from a recent distance" flag (by whether the last token was a copy) and the
    /// two-level tree choosing which of the ``repeatCount`` recent distances.
    static let repeatFlagBase = matchDistanceModel + numberModelSize
    static let repeatIndexBase = repeatFlagBase + 2
    /// How many recent copy distances a chunk remembers.
    static let repeatCount = 4
    /// The recent distances (less one) at the start of a chunk.
    static let initialRecent: (UInt64, UInt64, UInt64, UInt64) = (0, 1, 2, 3)
    /// The shortest copy inside an extra part.
    static let minimumMatch = 4
    /// Literals coded against a "match byte" (LZMA's matched literals): per kind of match byte,
    /// a probability per match-byte bit and tree node, used until the first bit that differs.
    static let matchedLiteralBase = repeatIndexBase + 4
    /// Match-byte kinds: the byte at the last copy distance right after a copy (0) and later in
    /// the same extra part (1), and the old byte on the diagonal for an extra part's first
    /// literal when the part has no copy before it (2).
    static let matchedLiteralKinds = 3
    /// Lengths of copies from a recent distance (the distance is coded first).
    static let repeatLengthModel = matchedLiteralBase + 512 * matchedLiteralKinds
    static let size = repeatLengthModel + numberModelSize
    /// The table's size in bytes (part of the applier's working set).
    static let byteCount = size * 2

    let table: UnsafeMutablePointer<UInt16>

    init() {
        table = UnsafeMutablePointer<UInt16>.allocate(capacity: PatchModel.size)
        reset()
    }

    deinit { table.deallocate() }

    /// Sets every probability back to one half.
    func reset() {
        table.initialize(repeating: rangeProbabilityHalf, count: PatchModel.size)
    }

    /// Codes an unsigned integer: its bit length with a bit tree, the two bits below the top bit
    /// with a tree per length, and the remaining bits with one probability per bit position.
    @inline(__always)
    func codeNumber<Coder: BinaryCoder>(_ value: UInt64, model: Int, coder: inout Coder) -> UInt64 {
        let base = table + model
        let length = 64 - value.leadingZeroBitCount
        var node = 1
        for i in stride(from: 6, through: 0, by: -1) {
            node = node << 1 | coder.code((length >> i) & 1, base + node)
        }
        let decodedLength = node - 128
        if decodedLength <= 1 { return UInt64(decodedLength) }
        // Only a corrupt stream decodes a length above 64; every caller rejects this value.
        if decodedLength > 64 { return UInt64.max }
        var result: UInt64 = 1
        var bitIndex = decodedLength - 2
        let top = base + 128 + decodedLength * 4
        var treeNode = 1
        var taken = 0
        while bitIndex >= 0 && taken < 2 {
            let bit = coder.code(Int((value >> UInt64(bitIndex)) & 1), top + treeNode)
            treeNode = treeNode << 1 | bit
            result = result << 1 | UInt64(bit)
            bitIndex -= 1
            taken += 1
        }
        let low = base + 128 + 65 * 4
        while bitIndex >= 0 {
            let bit = coder.code(Int((value >> UInt64(bitIndex)) & 1), low + bitIndex)
            result = result << 1 | UInt64(bit)
            bitIndex -= 1
        }
        return result
    }

    /// Codes a byte with a bit tree rooted at `base` (256 probabilities).
    @inline(__always)
    func codeByte<Coder: BinaryCoder>(
        _ value: UInt8, base: Int, shift: UInt16 = rangeAdaptationShift, coder: inout Coder
    ) -> UInt8 {
        let tree = table + base
        var node = 1
        var i = 7
        while i >= 0 {
            node = node << 1 | coder.code(Int((value >> UInt8(i)) & 1), tree + node, shift: shift)
            i -= 1
        }
        return UInt8(truncatingIfNeeded: node)
    }

    /// Codes a difference byte (new minus old) given the old byte and the coder's running state.
    ///
    /// `state` holds two flags: whether the last difference was non-zero, and the one before. The
    /// zero flag is predicted from the old byte and the flags, a non-zero difference with a bit
    /// tree chosen by the last flag and the old byte's top two bits. Both adapt fast (rate 1/8):
    /// changed regions come in bursts. (Measured on the corpus: the previous old byte as context,
    /// a "same difference as last time" flag and averaging both contexts were each worse.)
    @inline(__always)
    func codeDifference<Coder: BinaryCoder>(
        _ difference: UInt8, old: UInt8, history state: inout Int, coder: inout Coder
    ) -> UInt8 {
        let flags = state & 3
        let nonZero = coder.code(
            difference == 0 ? 0 : 1, table + PatchModel.zeroFlagBase + (Int(old) << 2 | flags), shift: 3)
        if nonZero == 0 {
            state = (flags << 1) & 3
            return 0
        }
        let context = (flags & 1) << 2 | Int(old >> 6)
        let value = codeByte(difference, base: PatchModel.diffBase + context * 256, shift: 3, coder: &coder)
        state = (flags << 1 | 1) & 3
        return value
    }

    /// Codes an extra (literal) byte given the previous byte of the new image.
    @inline(__always)
    func codeLiteral<Coder: BinaryCoder>(_ value: UInt8, previous: UInt8, coder: inout Coder) -> UInt8 {
        codeByte(value, base: PatchModel.literalBase + Int(previous >> 4) * 256, shift: 4, coder: &coder)
    }

    /// Codes an extra byte against a match byte the decoder also knows (the byte at the last copy
    /// distance, or the old byte on the diagonal): while the bits so far equal the match byte's,
    /// each bit is predicted from the match byte's bit and the tree node; after the first
    /// difference, the rest of the byte goes through the plain literal tree.
    @inline(__always)
    func codeMatchedLiteral<Coder: BinaryCoder>(
        _ value: UInt8, match: UInt8, kind: Int, previous: UInt8, coder: inout Coder
    ) -> UInt8 {
        let plain = table + PatchModel.literalBase + Int(previous >> 4) * 256
        let matched = table + PatchModel.matchedLiteralBase + kind * 512
        var node = 1
        var i = 7
        while i >= 0 {
            let m = Int((match >> UInt8(i)) & 1)
            let bit = coder.code(Int((value >> UInt8(i)) & 1), matched + (m << 8 | node))
            node = node << 1 | bit
            i -= 1
            if bit != m { break }
        }
        while i >= 0 {
            node = node << 1 | coder.code(Int((value >> UInt8(i)) & 1), plain + node)
            i -= 1
        }
        return UInt8(truncatingIfNeeded: node)
    }

    /// Codes a copy: whether its distance is one of the chunk's recent distances (kept most
    /// recent first in `recent`, which this updates); then either which one and the length (with
    /// the repeat length model), or the length and then the distance itself.
    ///
    /// - Returns: `length - minimumMatch` and `distance - 1` (either `UInt64.max` from a corrupt
    ///   stream); the caller checks both.
    @inline(__always)
    func codeCopy<Coder: BinaryCoder>(
        length: UInt64, distance: UInt64, recent: inout (UInt64, UInt64, UInt64, UInt64), lastWasMatch: Bool,
        coder: inout Coder
    ) -> (length: UInt64, distance: UInt64) {
        var index = 4
        if distance == recent.0 {
            index = 0
        } else if distance == recent.1 {
            index = 1
        } else if distance == recent.2 {
            index = 2
        } else if distance == recent.3 {
            index = 3
        }
        let isRepeat = coder.code(
            index < 4 ? 1 : 0, table + PatchModel.repeatFlagBase + (lastWasMatch ? 1 : 0))
        let value: UInt64
        if isRepeat == 1 {
            let tree = table + PatchModel.repeatIndexBase
            let high = coder.code(index >> 1, tree + 1)
            let low = coder.code(index & 1, tree + 2 + high)
            value = PatchModel.promote(high << 1 | low, in: &recent)
            let codedLength = codeNumber(length, model: PatchModel.repeatLengthModel, coder: &coder)
            return (codedLength, value)
        }
        let codedLength = codeNumber(length, model: PatchModel.matchLengthModel, coder: &coder)
        value = codeNumber(distance, model: PatchModel.matchDistanceModel, coder: &coder)
        recent.3 = recent.2
        recent.2 = recent.1
        recent.1 = recent.0
        recent.0 = value
        return (codedLength, value)
    }

    /// Moves recent distance `index` (0...3) to the front of `recent`, shifting the ones before it
    /// back, and returns it.
    @inline(__always)
    static func promote(_ index: Int, in recent: inout (UInt64, UInt64, UInt64, UInt64)) -> UInt64 {
        let value: UInt64
        switch index {
        case 0: value = recent.0
        case 1:
            value = recent.1
            recent.1 = recent.0
        case 2:
            value = recent.2
            recent.2 = recent.1
            recent.1 = recent.0
        default:
            value = recent.3
            recent.3 = recent.2
            recent.2 = recent.1
            recent.1 = recent.0
        }
        recent.0 = value
        return value
    }

    /// Codes whether the next extra token copies earlier new bytes (1) or is a literal (0), in
    /// the context of the token state (``flagState(first:lastWasMatch:hadCopy:)``) and the
    /// previous byte's top four bits.
    @inline(__always)
    func codeMatchFlag<Coder: BinaryCoder>(_ isMatch: Int, state: Int, previous: UInt8, coder: inout Coder) -> Int {
        coder.code(isMatch, table + PatchModel.matchFlagBase + (state << 4 | Int(previous >> 4)))
    }

    /// The copy flag's token state: 2 for an extra part's first token, 1 after a copy, 3 after a
    /// literal that follows a copy in the same part, 0 after other literals.
    @inline(__always)
    static func flagState(first: Bool, lastWasMatch: Bool, hadCopy: Bool) -> Int {
        first ? 2 : lastWasMatch ? 1 : hadCopy ? 3 : 0
    }
}
