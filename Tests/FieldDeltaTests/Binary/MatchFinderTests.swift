import FieldCore
import Testing

@testable import FieldDelta

/// One scan computing the runs for several extension weights must give, for each weight, what a
/// scan for that weight alone gives.
@Suite("Match finder")
struct MatchFinderTests {
    @Test("runs for several weights in one scan equal one scan per weight", arguments: 0..<4)
    func sharedScan(seed: UInt64) {
        var rng = SplitMix64(seed: 9_400 + seed)
        let old = PatchTestData.codeLike(20_000, rng: &rng)
        let new = PatchTestData.edit(old, edits: 40 + Int(seed) * 40, rng: &rng)
        let finder = MatchFinder(old: old, new: new)
        let weights = [(agree: 2, total: 1), (agree: 4, total: 3), (agree: 3, total: 2)]
        let shared = finder.runs(agreements: weights)
        #expect(shared.count == weights.count)
        for (k, weight) in weights.enumerated() {
            let alone = finder.runs(agreements: [weight])[0]
            #expect(shared[k] == alone)
            #expect(alone.reduce(0) { $0 + $1.addLength + $1.extraLength } == new.count)
        }
    }

    @Test("folding short runs keeps the coverage and the long runs, and the patch round-trips", arguments: 0..<4)
    func folding(seed: UInt64) throws {
        var rng = SplitMix64(seed: 9_600 + seed)
        let old = PatchTestData.codeLike(30_000, rng: &rng)
        let new = PatchTestData.edit(old, edits: 60 + Int(seed) * 60, rng: &rng)
        let runs = MatchFinder(old: old, new: new).runs()
        #expect(runs.dropFirst().contains { $0.addLength < 256 })
        // Weight 0: extra bytes cost nothing, every short run folds; 1000: only empty add parts fold.
        for byteCost in PatchDiffer.mergeByteCosts + [0, 1000] {
            let merged = PatchDiffer.mergingShortRuns(runs, old: old, new: new, byteCost: byteCost)
            #expect(merged.reduce(0) { $0 + $1.addLength + $1.extraLength } == new.count)
            #expect(merged.count <= runs.count)
            // Every kept run starts where it did; runs of 256 bytes or more are never folded.
            let starts = Set(runs.map { "\($0.oldStart)/\($0.addLength)" })
            #expect(merged.allSatisfy { starts.contains("\($0.oldStart)/\($0.addLength)") })
            let long = runs.filter { $0.addLength >= 256 }.count
            #expect(merged.filter { $0.addLength >= 256 }.count == long)
            if byteCost == 0 { #expect(merged.count == 1 + runs.dropFirst().filter { $0.addLength >= 256 }.count) }
            if byteCost == 1000 {
                #expect(merged.count == runs.count - runs.dropFirst().filter { $0.addLength == 0 }.count)
            }
            let header = PatchHeader(
                mode: .delta, transform: .none, pageShift: 11, chunkSize: 8192, oldSize: old.count,
                newSize: new.count, oldDigest: SHA256.hash(old).bytes, newDigest: SHA256.hash(new).bytes)
            let patch = PatchDiffer.encode(header: header, runs: merged, old: old, new: new)
            #expect(try PatchTestData.apply(patch, old: old).get() == new)
        }
    }
}
