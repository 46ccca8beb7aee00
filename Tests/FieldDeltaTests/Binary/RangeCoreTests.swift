import FieldCore
import Testing

@testable import FieldDelta

/// The applier's fast loops (``RangeCore``) against the general model path they replace: both
/// decode the same input, and every output byte, the flag state, the model table and the coder
/// state must agree.
@Suite("Range decoder fast loops")
struct RangeCoreTests {
    /// Two decoders over the same stream, one for each path, with their own buffers and models.
    final class Pair {
        let image: ByteArrayImage
        let fastBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 300, alignment: 8)
        let slowBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 300, alignment: 8)
        let fastModel = PatchModel()
        let slowModel = PatchModel()
        var fast: RangeDecoder<ByteArrayImage>
        var slow: RangeDecoder<ByteArrayImage>

        init(_ stream: [UInt8]) {
            image = ByteArrayImage(stream)
            fast = RangeDecoder(source: image, buffer: fastBuffer, start: 0, limit: stream.count)
            slow = RangeDecoder(source: image, buffer: slowBuffer, start: 0, limit: stream.count)
        }

        deinit {
            fastBuffer.deallocate()
            slowBuffer.deallocate()
        }

        var statesAgree: Bool {
            fast.core.range == slow.core.range && fast.core.code == slow.core.code && fast.offset == slow.offset
                && Array(UnsafeBufferPointer(start: fastModel.table, count: PatchModel.size))
                    == Array(UnsafeBufferPointer(start: slowModel.table, count: PatchModel.size))
        }
    }

    /// A coded stream of add parts: mostly zero differences with bursts of changes.
    static func codedAdds(_ old: [UInt8], rng: inout SplitMix64) -> [UInt8] {
        let model = PatchModel()
        var encoder = RangeEncoder()
        var history = 0
        for o in old {
            let difference: UInt8 = rng.next() % 6 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : 0
            _ = model.codeDifference(difference, old: o, history: &history, coder: &encoder)
        }
        return encoder.finish()
    }

    @Test("add loop matches the model's difference decoding", arguments: 0..<6)
    func addLoop(seed: UInt64) {
        var rng = SplitMix64(seed: 9_100 + seed)
        let old = PatchTestData.codeLike(3000, rng: &rng)
        // Even seeds decode a real coded stream, odd seeds arbitrary bytes (a corrupt patch).
        let stream =
            seed % 2 == 0 ? RangeCoreTests.codedAdds(old, rng: &rng) : PatchTestData.randomBytes(700, rng: &rng)
        let pair = Pair(stream)
        var fastOut = [UInt8](repeating: 0, count: old.count)
        var slowOut = fastOut
        var fastHistory = 0
        var slowHistory = 0
        var done = 0
        var fastLoopBytes = 0
        var pendingTrees = 0
        old.withUnsafeBufferPointer { old in
            fastOut.withUnsafeMutableBufferPointer { out in
                while done < old.count {
                    let n = min(old.count - done, 1 + Int(rng.next() % 200))
                    var made = 0
                    while made < n {
                        var pendingTree = false
                        let step = pair.fast.core.decodeAdd(
                            old: old.baseAddress! + done + made, target: out.baseAddress! + done + made,
                            count: n - made, table: pair.fastModel.table, history: &fastHistory,
                            pendingTree: &pendingTree)
                        fastLoopBytes += step
                        made += step
                        if pendingTree {
                            pendingTrees += 1
                            let o = old[done + made]
                            let tree = PatchModel.diffBase + ((fastHistory & 1) << 2 | Int(o >> 6)) * 256
                            out[done + made] =
                                o &+ pair.fastModel.codeByte(0, base: tree, shift: 3, coder: &pair.fast)
                            fastHistory = (fastHistory << 1 | 1) & 3
                            made += 1
                        } else if made < n {
                            let o = old[done + made]
                            out[done + made] =
                                o &+ pair.fastModel.codeDifference(0, old: o, history: &fastHistory, coder: &pair.fast)
                            made += 1
                        }
                    }
                    done += n
                }
            }
        }
        for i in 0..<old.count {
            slowOut[i] =
                old[i] &+ pair.slowModel.codeDifference(0, old: old[i], history: &slowHistory, coder: &pair.slow)
        }
        #expect(fastLoopBytes > (seed % 2 == 0 ? old.count / 2 : 0))
        // Both ways of finishing a non-zero byte near the buffer's end are exercised.
        #expect(pendingTrees > 0)
        #expect(fastOut == slowOut)
        #expect(fastHistory == slowHistory)
        #expect(pair.statesAgree)
    }

    @Test("flag and literal decoding match the model's", arguments: 0..<4)
    func literals(seed: UInt64) {
        var rng = SplitMix64(seed: 9_200 + seed)
        let pair = Pair(PatchTestData.randomBytes(4000, rng: &rng))
        var previousFast: UInt8 = 0
        var previousSlow: UInt8 = 0
        var decoded = 0
        while pair.fast.core.hasItemMargin {
            let state = Int(rng.next() % 4)
            let flag = pair.fast.core.bit(
                pair.fastModel.table + PatchModel.matchFlagBase + (state << 4 | Int(previousFast >> 4)),
                shift: UInt32(rangeAdaptationShift))
            let slowFlag = pair.slowModel.codeMatchFlag(0, state: state, previous: previousSlow, coder: &pair.slow)
            #expect(flag == slowFlag)
            previousFast = pair.fast.core.byte(
                tree: pair.fastModel.table + PatchModel.literalBase + Int(previousFast >> 4) * 256,
                shift: UInt32(rangeAdaptationShift))
            previousSlow = pair.slowModel.codeLiteral(0, previous: previousSlow, coder: &pair.slow)
            #expect(previousFast == previousSlow)
            decoded += 1
        }
        #expect(decoded > 50)
        #expect(pair.statesAgree)
    }

    @Test("matched-literal decoding matches the model's", arguments: 0..<4)
    func matchedLiterals(seed: UInt64) {
        var rng = SplitMix64(seed: 9_400 + seed)
        // Match bytes and kinds from one generator for the encoder and both decoders; the values
        // often share a prefix of bits with the match byte, as after a copy.
        var matches: [(match: UInt8, kind: Int)] = []
        var values: [UInt8] = []
        for _ in 0..<3000 {
            let match = UInt8(truncatingIfNeeded: rng.next())
            let keep = Int(rng.next() % 9)
            let mask: UInt8 = keep == 8 ? 0xFF : ~(0xFF >> UInt8(keep))
            matches.append((match, Int(rng.next() % UInt64(PatchModel.matchedLiteralKinds))))
            values.append((match & mask) | (UInt8(truncatingIfNeeded: rng.next()) & ~mask))
        }
        // Even seeds decode the coded values, odd seeds arbitrary bytes (a corrupt patch).
        var stream = PatchTestData.randomBytes(3000, rng: &rng)
        if seed % 2 == 0 {
            let model = PatchModel()
            var encoder = RangeEncoder()
            var previous: UInt8 = 0
            for (value, match) in zip(values, matches) {
                previous = model.codeMatchedLiteral(
                    value, match: match.match, kind: match.kind, previous: previous, coder: &encoder)
            }
            stream = encoder.finish()
        }
        let pair = Pair(stream)
        var previousFast: UInt8 = 0
        var previousSlow: UInt8 = 0
        var decoded = 0
        while pair.fast.core.hasItemMargin && decoded < matches.count {
            let (match, kind) = matches[decoded]
            previousFast = pair.fast.core.matchedByte(
                match: match, matched: pair.fastModel.table + PatchModel.matchedLiteralBase + kind * 512,
                plain: pair.fastModel.table + PatchModel.literalBase + Int(previousFast >> 4) * 256)
            previousSlow = pair.slowModel.codeMatchedLiteral(
                0, match: match, kind: kind, previous: previousSlow, coder: &pair.slow)
            #expect(previousFast == previousSlow)
            if seed % 2 == 0 { #expect(previousFast == values[decoded]) }
            decoded += 1
        }
        #expect(decoded > 50)
        #expect(pair.statesAgree)
    }

    @Test("copy decoding matches the model's", arguments: 0..<4)
    func copies(seed: UInt64) {
        var rng = SplitMix64(seed: 9_500 + seed)
        // Even seeds decode coded copies (half from the four recent distances), odd seeds arbitrary bytes.
        var stream = PatchTestData.randomBytes(6000, rng: &rng)
        var coded: [(length: UInt64, distance: UInt64)] = []
        let lastWasMatch = (0..<600).map { _ in rng.next() % 2 == 0 }
        if seed % 2 == 0 {
            let model = PatchModel()
            var encoder = RangeEncoder()
            var recent = PatchModel.initialRecent
            for k in 0..<600 {
                let length = rng.next() >> (rng.next() % 64)
                let pick = rng.next() % 8
                let distance: UInt64 =
                    switch pick {
                    case 0: recent.0
                    case 1: recent.1
                    case 2: recent.2
                    case 3: recent.3
                    default: rng.next() >> (rng.next() % 64)
                    }
                coded.append((length, distance))
                _ = model.codeCopy(
                    length: length, distance: distance, recent: &recent, lastWasMatch: lastWasMatch[k],
                    coder: &encoder)
            }
            stream = encoder.finish()
        }
        let pair = Pair(stream)
        var fastRecent = PatchModel.initialRecent
        var slowRecent = PatchModel.initialRecent
        var decoded = 0
        // The fast side tops its buffer up (``RangeDecoder/ensure(_:)``), the slow side refills.
        while decoded < lastWasMatch.count {
            pair.fast.ensure(RangeCore.copyMargin)
            if pair.fast.core.end - pair.fast.core.cursor < RangeCore.copyMargin { break }
            let fast = pair.fast.core.copy(
                table: pair.fastModel.table, recent: &fastRecent, lastWasMatch: lastWasMatch[decoded])
            let slow = pair.slowModel.codeCopy(
                length: 0, distance: 0, recent: &slowRecent, lastWasMatch: lastWasMatch[decoded],
                coder: &pair.slow)
            #expect(fast == slow)
            #expect(fastRecent == slowRecent)
            if decoded < coded.count { #expect(fast == coded[decoded]) }
            decoded += 1
        }
        #expect(decoded > (seed % 2 == 0 ? 500 : 10))
        #expect(pair.statesAgree)
        #expect(pair.fast.failure == nil)
    }

    @Test("integer decoding matches the model's", arguments: 0..<4)
    func numbers(seed: UInt64) {
        var rng = SplitMix64(seed: 9_300 + seed)
        // Even seeds decode coded integers of every bit length, odd seeds arbitrary bytes.
        var stream = PatchTestData.randomBytes(3000, rng: &rng)
        var values: [UInt64] = []
        if seed % 2 == 0 {
            let model = PatchModel()
            var encoder = RangeEncoder()
            for _ in 0..<400 {
                let value = rng.next() >> (rng.next() % 64)
                values.append(value)
                _ = model.codeNumber(value, model: PatchModel.seekModel, coder: &encoder)
            }
            stream = encoder.finish()
        }
        let pair = Pair(stream)
        var decoded = 0
        while pair.fast.core.end - pair.fast.core.cursor >= RangeCore.numberMargin {
            let fast = pair.fast.core.number(pair.fastModel.table + PatchModel.seekModel)
            let slow = pair.slowModel.codeNumber(0, model: PatchModel.seekModel, coder: &pair.slow)
            #expect(fast == slow)
            if decoded < values.count { #expect(fast == values[decoded]) }
            decoded += 1
        }
        #expect(decoded > 10)
        #expect(pair.statesAgree)
    }
}
