import FieldCore

/// Makes FieldDelta patches: the server side of an over-the-air update.
///
/// The differ covers the new image with approximate matches from the old one (suffix array plus
/// bsdiff-style extension), codes the differences with adaptive context models, codes the
/// unmatched bytes as literals and copies of earlier new bytes (LZ77), all with one binary range
/// coder, and tries the machine-code branch transform that fits the image, a stricter extension
/// rule and several weights for folding short, scattered runs into extra parts. It keeps whichever candidate is smallest, including the new image compressed
/// on its own, so a patch is never larger than FieldDelta's compression of the full image.
///
/// ```swift
/// let patch = PatchDiffer.makePatch(from: oldImage, to: newImage)
/// var rebuilt = ByteArrayImage()
/// try PatchApplier.apply(patch: ByteArrayImage(patch), old: ByteArrayImage(oldImage), into: &rebuilt)
/// assert(rebuilt.bytes == newImage)
/// ```
public enum PatchDiffer {
    /// Choices that trade patch size against resumption granularity and differ time.
    public struct Options: Sendable, Hashable {
        /// New-image bytes per independently decodable chunk: the most work a power cut can lose.
        /// Rounded up to a multiple of the page size.
        public var chunkSize: Int
        /// log2 of the page size (8...16): the unit of the branch transform and of the applier's
        /// old-image and output buffers.
        public var pageShift: Int
        /// The branch transforms to try; `nil` tries the one ``BranchTransform/detect(in:)`` picks.
        public var transforms: [BranchTransform]?
        /// Whether to consider carrying the compressed new image instead of a delta.
        public var allowsFullImage: Bool

        /// Creates options.
        ///
        /// - Parameters:
        ///   - chunkSize: New-image bytes per chunk (default 256 KiB).
        ///   - pageShift: log2 of the page size (default 11, 2 KiB pages).
        ///   - transforms: Transforms to try (default: detected from the ELF header).
        ///   - allowsFullImage: Whether a full-image patch may be chosen (default `true`).
        public init(
            chunkSize: Int = 1 << 18, pageShift: Int = 11, transforms: [BranchTransform]? = nil,
            allowsFullImage: Bool = true
        ) {
            self.chunkSize = chunkSize
            self.pageShift = pageShift
            self.transforms = transforms
            self.allowsFullImage = allowsFullImage
        }
    }

    /// Makes a patch that rebuilds `new` from `old`.
    ///
    /// - Parameters:
    ///   - old: The image on the device.
    ///   - new: The image to install.
    ///   - options: Chunk and page sizes and the transforms to try.
    /// - Returns: The encoded patch (header followed by chunks).
    /// - Complexity: O(n log m) time and about 9 bytes per old-image byte of memory, for each
    ///   transform tried.
    public static func makePatch(from old: [UInt8], to new: [UInt8], options: Options = Options()) -> [UInt8] {
        let pageShift = min(16, max(8, options.pageShift))
        let pageSize = 1 << pageShift
        let chunkSize = max(pageSize, (options.chunkSize + pageSize - 1) / pageSize * pageSize)
        var transforms = options.transforms ?? [BranchTransform.none]
        if options.transforms == nil {
            let detected = BranchTransform.detect(in: new)
            if detected != .none { transforms.append(detected) }
        }
        let header = PatchHeader(
            mode: .delta, transform: .none, pageShift: pageShift, chunkSize: chunkSize,
            oldSize: old.count, newSize: new.count,
            oldDigest: SHA256.hash(old).bytes, newDigest: SHA256.hash(new).bytes)
        var best: [UInt8] = []
        var bestDelta: (finder: MatchFinder, runs: [[PatchRun]])? = nil
        var bestHeader = header
        for transform in transforms {
            let oldT = transform.encode(old, pageSize: pageSize)
            let newT = transform.encode(new, pageSize: pageSize)
            var candidateHeader = header
            candidateHeader.transform = transform
            let finder = MatchFinder(old: oldT, new: newT)
            // bsdiff's rule (half the bytes agree) and a stricter one (three quarters) from one
            // scan: where differences are dense, literals and copies cost less than coded
            // differences. (Measured: 2/3 and 7/8 never beat both 1/2 and 3/4 on the corpus.)
            let runs = finder.runs(agreements: [(2, 1), (4, 3)])
            let merged = mergingShortRuns(runs[0], old: oldT, new: newT, byteCost: mergeByteCosts[0])
            let candidate = encode(header: candidateHeader, runs: merged, old: oldT, new: newT)
            if best.isEmpty || candidate.count < best.count {
                best = candidate
                bestDelta = (finder, runs)
                bestHeader = candidateHeader
            }
            if options.allowsFullImage {
                candidateHeader.mode = .full
                let full = encode(header: candidateHeader, runs: fullRuns(new.count), old: [], new: newT)
                if full.count <= best.count { best = full }
            }
        }
        // With the best transform, try the stricter matching and the other merge weights.
        if let (finder, runs) = bestDelta {
            let tries = mergeByteCosts.dropFirst().map { (runs[0], $0) } + mergeByteCosts.map { (runs[1], $0) }
            for (candidateRuns, byteCost) in tries {
                let merged = mergingShortRuns(candidateRuns, old: finder.old, new: finder.new, byteCost: byteCost)
                let candidate = encode(header: bestHeader, runs: merged, old: finder.old, new: finder.new)
                if candidate.count < best.count { best = candidate }
            }
        }
        return best
    }

    /// The runs of a full-image patch: every byte is an extra byte.
    static func fullRuns(_ count: Int) -> [PatchRun] {
        count == 0 ? [] : [PatchRun(oldStart: 0, addLength: 0, extraLength: count)]
    }

    /// How much more (in half bits) a copy starting one byte later must save to code a literal
    /// first (lazy matching; 8, 4 bits: measured on the corpus against 0, 4, 14 and 20).
    static let lazyMargin = 8

    /// Encodes runs into a complete patch.
    static func encode(header: PatchHeader, runs: [PatchRun], old: [UInt8], new: [UInt8]) -> [UInt8] {
        var patch = header.encoded()
        let chunkSize = header.chunkSize
        var pieces = [[PatchRun]](repeating: [], count: header.chunkCount)
        var newPosition = 0
        for run in runs {
            var oldPosition = run.oldStart
            var add = run.addLength
            var extra = run.extraLength
            while add > 0 || extra > 0 {
                let chunk = newPosition / chunkSize
                let room = min((chunk + 1) * chunkSize, new.count) - newPosition
                let a = min(add, room)
                let e = min(extra, room - a)
                pieces[chunk].append(PatchRun(oldStart: oldPosition, addLength: a, extraLength: e))
                newPosition += a + e
                oldPosition += a
                add -= a
                extra -= e
            }
        }
        precondition(newPosition == new.count, "runs must cover the new image")
        let model = PatchModel()
        let matcher = ExtraMatcher(new)
        for chunk in 0..<header.chunkCount {
            let coded = encodeChunk(
                pieces[chunk], newStart: chunk * chunkSize, old: old, new: new, model: model, matcher: matcher)
            PatchHeader.append(UInt64(coded.count), byteCount: 4, to: &patch)
            PatchHeader.append(UInt64(CRC32C.checksum(coded)), byteCount: 4, to: &patch)
            patch += coded
        }
        return patch
    }

    private static func encodeChunk(
        _ pieces: [PatchRun], newStart: Int, old: [UInt8], new: [UInt8], model: PatchModel,
        matcher: ExtraMatcher
    ) -> [UInt8] {
        model.reset()
        var coder = RangeEncoder()
        var oldPosition = pieces.first?.oldStart ?? 0
        _ = model.codeNumber(UInt64(oldPosition), model: PatchModel.startModel, coder: &coder)
        var newPosition = newStart
        var previous: UInt8 = 0
        var history = 0
        var recent = PatchModel.initialRecent
        old.withUnsafeBufferPointer { old in
            new.withUnsafeBufferPointer { new in
                for (index, piece) in pieces.enumerated() {
                    _ = model.codeNumber(UInt64(piece.addLength), model: PatchModel.addModel, coder: &coder)
                    _ = model.codeNumber(UInt64(piece.extraLength), model: PatchModel.extraModel, coder: &coder)
                    for i in 0..<piece.addLength {
                        let o = old[oldPosition + i]
                        let n = new[newPosition + i]
                        _ = model.codeDifference(n &- o, old: o, history: &history, coder: &coder)
                        previous = n
                    }
                    oldPosition += piece.addLength
                    newPosition += piece.addLength
                    matcher.insert(upTo: newPosition)
                    var i = 0
                    var lastWasMatch = false
                    var hadCopy = false
                    while i < piece.extraLength {
                        let at = newPosition + i
                        let distances = (
                            Int(recent.0) + 1, Int(recent.1) + 1, Int(recent.2) + 1, Int(recent.3) + 1
                        )
                        let found = matcher.find(at, limit: piece.extraLength - i, recent: distances)
                        var length = found.length
                        let distance = found.distance
                        if length > 0 && length < piece.extraLength - i {
                            // Lazy matching: a literal here is worth it when the copy found one
                            // byte later saves more than this one (by more than a literal's cost).
                            matcher.insert(upTo: at + 1)
                            let next = matcher.find(at + 1, limit: piece.extraLength - i - 1, recent: distances)
                            if next.gain > found.gain + lazyMargin {
                                length = 0
                            }
                        }
                        _ = model.codeMatchFlag(
                            length > 0 ? 1 : 0,
                            state: PatchModel.flagState(first: i == 0, lastWasMatch: lastWasMatch, hadCopy: hadCopy),
                            previous: previous, coder: &coder)
                        if length > 0 {
                            _ = model.codeCopy(
                                length: UInt64(length - PatchModel.minimumMatch), distance: UInt64(distance - 1),
                                recent: &recent, lastWasMatch: lastWasMatch, coder: &coder)
                            i += length
                            lastWasMatch = true
                            hadCopy = true
                        } else {
                            if hadCopy {
                                // The byte at the last copy distance: right after the copy (which
                                // stopped before it), or further on in this extra part.
                                _ = model.codeMatchedLiteral(
                                    new[at], match: new[at - Int(recent.0) - 1], kind: lastWasMatch ? 0 : 1,
                                    previous: previous, coder: &coder)
                            } else if i == 0 && oldPosition < old.count {
                                // The old byte on the diagonal the add part left.
                                _ = model.codeMatchedLiteral(
                                    new[at], match: old[oldPosition], kind: 2, previous: previous, coder: &coder)
                            } else {
                                _ = model.codeLiteral(new[at], previous: previous, coder: &coder)
                            }
                            i += 1
                            lastWasMatch = false
                        }
                        previous = new[newPosition + i - 1]
                        matcher.insert(upTo: newPosition + i)
                    }
                    newPosition += piece.extraLength
                    if index + 1 < pieces.count {
                        // Relative to the extra length: zero when the next run stays on the
                        // same diagonal (old and new advanced alike).
                        let seek = Int64(pieces[index + 1].oldStart - oldPosition - piece.extraLength)
                        _ = model.codeNumber(ZigZag.encode(seek), model: PatchModel.seekModel, coder: &coder)
                        oldPosition = pieces[index + 1].oldStart
                    }
                }
            }
        }
        return coder.finish()
    }
}
