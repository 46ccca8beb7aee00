import FieldCore
import FieldML
import Foundation
import Testing

/// The arena planner: no two buffers alive at the same time overlap, the plan is at least the
/// peak live size, and real models fit in no more than TensorFlow Lite Micro's arena.
@Suite struct ArenaPlannerTests {
    @Test func randomPlansAreValid() {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<200 {
            var planner = ArenaPlanner(alignment: 16)
            let count = 1 + Int(rng.next() % 30)
            for _ in 0..<count {
                let first = Int(rng.next() % 20)
                planner.add(size: Int(rng.next() % 5000), firstUse: first, lastUse: first + Int(rng.next() % 6))
            }
            let plan = planner.plan()
            let buffers = planner.buffers
            var peak = 0
            for time in 0..<30 {
                peak = max(peak, buffers.filter { $0.firstUse <= time && time <= $0.lastUse }.map(\.size).reduce(0, +))
            }
            #expect(plan.size >= peak)
            for i in 0..<buffers.count {
                #expect(plan.offsets[i] % 16 == 0)
                #expect(plan.offsets[i] + buffers[i].size <= plan.size)
                for j in (i + 1)..<buffers.count {
                    let a = buffers[i]
                    let b = buffers[j]
                    guard a.firstUse <= b.lastUse && b.firstUse <= a.lastUse, a.size > 0, b.size > 0 else { continue }
                    let disjoint =
                        plan.offsets[i] + a.size <= plan.offsets[j] || plan.offsets[j] + b.size <= plan.offsets[i]
                    #expect(disjoint)
                }
            }
        }
    }

    @Test func chainReusesMemory() {
        var planner = ArenaPlanner(alignment: 16)
        planner.add(size: 1000, firstUse: 0, lastUse: 1)
        planner.add(size: 500, firstUse: 1, lastUse: 2)
        planner.add(size: 1000, firstUse: 2, lastUse: 3)
        let plan = planner.plan()
        // Buffers 0 and 2 never live together, so they can share; 1 overlaps both.
        #expect(plan.size == 1008 + 500 + 12)
    }

    /// TFLM's arena for activations on x86-64 (../shared/tinyml/README.md).
    static let tflmArena: [(String, Int)] = [
        ("kws_ref_model", 16_000), ("vww_96_int8", 73_728), ("pretrainedResnet_quant", 49_152), ("ad01_int8", 768),
        ("person_detect", 55_296),
    ]

    @Test func arenaNoLargerThanTFLM() throws {
        guard let shared = Golden.sharedDirectory else { return }
        for (name, limit) in Self.tflmArena {
            let model = try Model(bytes: Golden.bytes(shared.appendingPathComponent("models/\(name).tflite")))
            let interpreter = try Interpreter(model: model)
            #expect(interpreter.arenaByteCount <= limit, "\(name): \(interpreter.arenaByteCount) > \(limit)")
        }
    }
}
