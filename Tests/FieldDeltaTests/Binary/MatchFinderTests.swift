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
}
