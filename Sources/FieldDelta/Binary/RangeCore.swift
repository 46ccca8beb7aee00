/// The hot state of the range decoder, free of generics so its loops compile to tight code: the
/// range, the code value and the unread part of the input buffer.
///
/// The fast loops here decode whole items (a difference byte, a literal) only while the buffer
/// holds at least ``RangeCore/itemMargin`` unread bytes, so they never run out of input in the
/// middle of an item; the caller decodes the rest through ``RangeDecoder``, which refills.
/// Every decision is the same arithmetic as ``RangeDecoder/code(_:_:shift:)``, bit for bit.
struct RangeCore {
    /// The most input bytes one item can consume: nine binary decisions, each of which leaves a
    /// range of at least 2^14 (probabilities stay within 7...4089), so at most two shifts each.
    static let itemMargin = 24
    /// The most input bytes one integer can consume: 7 decisions for the bit length and at most
    /// 63 below the top bit, two bytes each.
    static let numberMargin = 144

    var range: UInt32 = 0xFFFF_FFFF
    var code: UInt32 = 0
    /// The next unread input byte.
    var cursor: UnsafePointer<UInt8>
    /// Just past the last buffered input byte.
    var end: UnsafePointer<UInt8>

    init(buffer: UnsafeMutablePointer<UInt8>) {
        cursor = UnsafePointer(buffer)
        end = cursor
    }

    /// Whether a whole item can be decoded from the buffered bytes.
    @inline(__always)
    var hasItemMargin: Bool { end - cursor >= RangeCore.itemMargin }

    /// Decodes one bit; the caller guarantees the buffered bytes (``hasItemMargin``).
    ///
    /// (Measured: a branch-free select of both outcomes took more instructions and was no faster
    /// in wall-clock time on the corpus.)
    @inline(__always)
    mutating func bit(_ probability: UnsafeMutablePointer<UInt16>, shift: UInt32) -> Int {
        let p = UInt32(probability.pointee)
        let bound = (range >> rangeProbabilityBits) &* p
        let isOne = code >= bound
        if isOne {
            code &-= bound
            range &-= bound
            probability.pointee = UInt16(truncatingIfNeeded: p &- (p >> shift))
        } else {
            range = bound
            probability.pointee = UInt16(truncatingIfNeeded: p &+ ((4096 &- p) >> shift))
        }
        while range < rangeTopValue {
            range <<= 8
            code = code << 8 | UInt32(cursor.pointee)
            cursor += 1
        }
        return isOne ? 1 : 0
    }

    /// Decodes a byte with the bit tree at `tree` (256 probabilities); needs ``hasItemMargin``.
    @inline(__always)
    mutating func byte(tree: UnsafeMutablePointer<UInt16>, shift: UInt32) -> UInt8 {
        var node = 1
        for _ in 0..<8 { node = node << 1 | bit(tree + node, shift: shift) }
        return UInt8(truncatingIfNeeded: node)
    }

    /// Decodes a literal against a match byte as
    /// ``PatchModel/codeMatchedLiteral(_:match:kind:previous:coder:)`` does; needs
    /// ``hasItemMargin``.
    ///
    /// - Parameters:
    ///   - match: The match byte.
    ///   - matched: The matched-literal probabilities of the match byte's kind (512).
    ///   - plain: The plain literal tree for the previous byte (256).
    @inline(__always)
    mutating func matchedByte(
        match: UInt8, matched: UnsafeMutablePointer<UInt16>, plain: UnsafeMutablePointer<UInt16>
    ) -> UInt8 {
        let shift = UInt32(rangeAdaptationShift)
        var node = 1
        var i = 7
        while i >= 0 {
            let m = Int((match >> UInt8(i)) & 1)
            let b = bit(matched + (m << 8 | node), shift: shift)
            node = node << 1 | b
            i -= 1
            if b != m { break }
        }
        while i >= 0 {
            node = node << 1 | bit(plain + node, shift: shift)
            i -= 1
        }
        return UInt8(truncatingIfNeeded: node)
    }

    /// The most input bytes one copy can consume: three decisions for the recent-distance choice
    /// and two integers.
    static let copyMargin = 2 * numberMargin + 6

    /// The buffered bytes the applier asks for before a run's integers and each extra token,
    /// enough for a copy and the flag before it (``RangeDecoder/ensure(_:)``).
    static let runMargin = copyMargin + 2

    /// Decodes a copy as ``PatchModel/codeCopy(length:distance:recent:lastWasMatch:coder:)``
    /// does; the caller guarantees ``copyMargin`` buffered bytes.
    ///
    /// - Returns: `length - minimumMatch` and `distance - 1` (either `UInt64.max` from a corrupt
    ///   stream); the caller checks both.
    @inline(__always)
    mutating func copy(
        table: UnsafeMutablePointer<UInt16>, recent: inout (UInt64, UInt64, UInt64, UInt64), lastWasMatch: Bool
    ) -> (length: UInt64, distance: UInt64) {
        let shift = UInt32(rangeAdaptationShift)
        if bit(table + PatchModel.repeatFlagBase + (lastWasMatch ? 1 : 0), shift: shift) == 1 {
            let tree = table + PatchModel.repeatIndexBase
            let high = bit(tree + 1, shift: shift)
            let low = bit(tree + 2 + high, shift: shift)
            let value = PatchModel.promote(high << 1 | low, in: &recent)
            return (number(table + PatchModel.repeatLengthModel), value)
        }
        let length = number(table + PatchModel.matchLengthModel)
        let value = number(table + PatchModel.matchDistanceModel)
        recent.3 = recent.2
        recent.2 = recent.1
        recent.1 = recent.0
        recent.0 = value
        return (length, value)
    }

    /// Decodes an integer as ``PatchModel/codeNumber(_:model:coder:)`` does, with the model at
    /// `base`; the caller guarantees ``numberMargin`` buffered bytes.
    ///
    /// - Parameter base: The integer model's first probability.
    /// - Returns: The integer, or `UInt64.max` for a bit length above 64 (only a corrupt stream).
    @inline(__always)
    mutating func number(_ base: UnsafeMutablePointer<UInt16>) -> UInt64 {
        let shift = UInt32(rangeAdaptationShift)
        var node = 1
        for _ in 0..<7 { node = node << 1 | bit(base + node, shift: shift) }
        let length = node - 128
        if length <= 1 { return UInt64(length) }
        if length > 64 { return UInt64.max }
        let top = base + 128 + length * 4
        var result: UInt64 = 1
        var bitIndex = length - 2
        var treeNode = 1
        var taken = 0
        while bitIndex >= 0 && taken < 2 {
            let b = bit(top + treeNode, shift: shift)
            treeNode = treeNode << 1 | b
            result = result << 1 | UInt64(b)
            bitIndex -= 1
            taken += 1
        }
        let low = base + 128 + 65 * 4
        while bitIndex >= 0 {
            result = result << 1 | UInt64(bit(low + bitIndex, shift: shift))
            bitIndex -= 1
        }
        return result
    }

    /// Rebuilds up to `count` bytes of an add part, `target[i] = old[i] + difference`, decoding
    /// each difference as ``PatchModel/codeDifference(_:old:history:coder:)`` does.
    ///
    /// A zero difference reads at most 2 input bytes and a non-zero one's bit tree at most 16, so
    /// the loop runs while 2 bytes are buffered and, when fewer than 16 remain after a non-zero
    /// flag, stops with `pendingTree` set: the caller decodes that byte's tree through the
    /// refilling decoder (context from `history`, which then still holds the flags before it).
    /// This keeps the fast loop running up to the last bytes of a chunk, where long unchanged
    /// stretches cost only a few bits.
    ///
    /// - Parameters:
    ///   - old: The old bytes.
    ///   - target: Where the new bytes go.
    ///   - count: The number of bytes wanted.
    ///   - table: The model table.
    ///   - history: The difference model's flag state, updated.
    ///   - pendingTree: Set when the byte at the returned index has its non-zero flag decoded and
    ///     its tree still to decode.
    /// - Returns: The number of bytes made.
    /// - Complexity: O(count).
    mutating func decodeAdd(
        old: UnsafePointer<UInt8>, target: UnsafeMutablePointer<UInt8>, count: Int,
        table: UnsafeMutablePointer<UInt16>, history: inout Int, pendingTree: inout Bool
    ) -> Int {
        let zeroFlags = table + PatchModel.zeroFlagBase
        let trees = table + PatchModel.diffBase
        var flags = history & 3
        var range = self.range
        var code = self.code
        var cursor = self.cursor
        let flagEnd = end - 2
        let treeEnd = end - 16
        pendingTree = false
        var i = 0
        while i < count && cursor <= flagEnd {
            let o = old[i]
            let probability = zeroFlags + (Int(o) << 2 | flags)
            let p = UInt32(probability.pointee)
            let bound = (range >> rangeProbabilityBits) &* p
            if code < bound {
                // The common case: no difference, the old byte is copied.
                range = bound
                probability.pointee = UInt16(truncatingIfNeeded: p &+ ((4096 &- p) >> 3))
                target[i] = o
                flags = (flags << 1) & 3
                while range < rangeTopValue {
                    range <<= 8
                    code = code << 8 | UInt32(cursor.pointee)
                    cursor += 1
                }
            } else {
                code &-= bound
                range &-= bound
                probability.pointee = UInt16(truncatingIfNeeded: p &- (p >> 3))
                while range < rangeTopValue {
                    range <<= 8
                    code = code << 8 | UInt32(cursor.pointee)
                    cursor += 1
                }
                if cursor > treeEnd {
                    pendingTree = true
                    break
                }
                self.range = range
                self.code = code
                self.cursor = cursor
                let tree = trees + ((flags & 1) << 2 | Int(o >> 6)) * 256
                target[i] = o &+ byte(tree: tree, shift: 3)
                range = self.range
                code = self.code
                cursor = self.cursor
                flags = (flags << 1 | 1) & 3
            }
            i += 1
        }
        self.range = range
        self.code = code
        self.cursor = cursor
        history = flags
        return i
    }
}
