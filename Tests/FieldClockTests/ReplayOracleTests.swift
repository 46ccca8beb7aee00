import FieldClock
import FieldCore
import Testing

/// Replays the oracle's event streams through HybridClock and compares every output line with
/// what the Python implementation of the paper's pseudo-code computed (Scripts/clock_oracle.py).
@Suite("HybridClock against the Python HLC oracle")
struct ReplayOracleTests {
    static let scenarios = ["paper", "skewed-bounded", "offline-weeks", "tight-offset", "handmade"]

    @Test("replay matches the oracle line for line", arguments: scenarios)
    func replayMatchesOracle(scenario: String) throws {
        let events = try Fixtures.lines("replay-\(scenario).events.jsonl")
        let expected = try Fixtures.lines("replay-\(scenario).expected.jsonl")
        let args = try Fixtures.lines("replay-\(scenario).args")
        let maxOffset = args.first.flatMap { UInt64($0.split(separator: " ").last!) }
        #expect(events.count == expected.count)
        var clocks: [String: TestClock] = [:]
        var order: [String] = []
        var sent: [String: HybridTimestamp] = [:]
        var errors = 0
        for (event, want) in zip(events, expected) {
            let name = try #require(event.stringField("node"))
            let pt = try #require(event.integerField("pt"))
            let op = try #require(event.stringField("op"))
            if clocks[name] == nil {
                clocks[name] = TestClock(
                    node: UInt64(order.count), source: ManualTimeSource(),
                    configuration: .init(maxForwardOffset: maxOffset.map { .milliseconds($0) }))
                order.append(name)
            }
            clocks[name]!.source.instant = .milliseconds(Int64(pt))
            let result: Result<HybridTimestamp, FieldClockError>
            var unknown = false
            switch op {
            case "send", "local":
                result = Result { () throws(FieldClockError) in try clocks[name]!.now() }
                if op == "send", case .success(let stamp) = result { sent[event.stringField("id")!] = stamp }
            default:
                guard let remote = sent[try #require(event.stringField("id"))] else {
                    unknown = true
                    result = .failure(.malformedText(offset: 0))
                    break
                }
                result = Result { () throws(FieldClockError) in try clocks[name]!.receive(remote) }
            }
            switch result {
            case .success(let stamp):
                #expect(want.stringField("node") == name, "\(event)")
                #expect(want.integerField("l") == stamp.physical, "\(event)")
                #expect(want.integerField("c") == UInt64(stamp.logical), "\(event)")
                #expect(want.integerField("packed") == stamp.packed, "\(event)")
                #expect(want.stringField("text") == stamp.text, "\(event)")
            case .failure(let error):
                errors += 1
                let message = unknown ? "receive of unknown message id \(event.stringField("id")!)" : error.description
                #expect(want.stringField("error") == message, "\(event)")
            }
        }
        #expect(errors == expected.filter { $0.hasPrefix("{\"error\"") }.count)
    }
}
