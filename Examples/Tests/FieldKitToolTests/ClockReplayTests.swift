import FieldKitTestSupport
import Foundation
import Testing

/// Drives `fieldkit clock replay` over the oracle's scenarios (Scripts/clock_oracle.py, fixtures
/// in Tests/FieldClockTests/Fixtures) and compares its output with the oracle's byte for byte.
@Suite("fieldkit clock replay (tool)", .requiresTool)
struct ClockReplayTests {
    /// The oracle's scenarios, as ReplayOracleTests in FieldClockTests lists them.
    static let scenarios = ["paper", "skewed-bounded", "offline-weeks", "tight-offset", "handmade"]

    static func fixture(_ name: String) -> URL { TestData.fixture(name, module: "FieldClock") }

    func run(_ arguments: [String], input: Data) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let result = try FieldKitTool.run(arguments, input: input)
        return (result.status, result.stdout, result.stderr)
    }

    @Test("output is byte-identical to the oracle's", arguments: scenarios)
    func matchesOracle(scenario: String) throws {
        let events = try Data(contentsOf: Self.fixture("replay-\(scenario).events.jsonl"))
        let expected = try Data(
            contentsOf: Self.fixture("replay-\(scenario).expected.jsonl"))
        let args = try TestData.lines(Self.fixture("replay-\(scenario).args")).flatMap {
            $0.split(separator: " ").map(String.init)
        }
        let result = try run(["clock", "replay"] + args, input: events)
        #expect(result.status == 0)
        #expect(result.stdout == expected)
    }

    @Test("a malformed line is named and exits 1, after the lines before it")
    func malformedLine() throws {
        let input = "{\"node\":\"A\",\"pt\":5,\"op\":\"local\"}\n{\"node\":\"A\",\"pt\":\"soon\",\"op\":\"local\"}\n"
        let result = try run(["clock", "replay"], input: Data(input.utf8))
        #expect(result.status == 1)
        #expect(String(decoding: result.stderr, as: UTF8.self).contains("line 2"))
        #expect(String(decoding: result.stdout, as: UTF8.self).hasPrefix("{\"node\":\"A\",\"l\":5,\"c\":0,"))
    }
}
