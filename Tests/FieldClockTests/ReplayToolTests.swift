import Foundation
import Testing

/// Drives the `fieldkit clock replay` tool (when CI provides it in FIELDKIT_BIN) over the oracle's
/// scenarios and compares its output with the oracle's byte for byte.
@Suite("fieldkit clock replay (tool)")
struct ReplayToolTests {
    static var tool: String? {
        guard let path = ProcessInfo.processInfo.environment["FIELDKIT_BIN"],
            FileManager.default.isExecutableFile(atPath: path)
        else { return nil }
        return path
    }

    func run(_ arguments: [String], input: Data) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.tool))
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, out, err)
    }

    @Test("output is byte-identical to the oracle's", arguments: ReplayOracleTests.scenarios)
    func matchesOracle(scenario: String) throws {
        guard Self.tool != nil else {
            print("skipped: FIELDKIT_BIN is not set (CI sets it after building Examples)")
            return
        }
        let events = try Data(contentsOf: Fixtures.directory.appendingPathComponent("replay-\(scenario).events.jsonl"))
        let expected = try Data(
            contentsOf: Fixtures.directory.appendingPathComponent("replay-\(scenario).expected.jsonl"))
        let args = try Fixtures.lines("replay-\(scenario).args").flatMap { $0.split(separator: " ").map(String.init) }
        let result = try run(["clock", "replay"] + args, input: events)
        #expect(result.status == 0)
        #expect(result.stdout == expected)
    }

    @Test("a malformed line is named and exits 1, after the lines before it")
    func malformedLine() throws {
        guard Self.tool != nil else {
            print("skipped: FIELDKIT_BIN is not set")
            return
        }
        let input = "{\"node\":\"A\",\"pt\":5,\"op\":\"local\"}\n{\"node\":\"A\",\"pt\":\"soon\",\"op\":\"local\"}\n"
        let result = try run(["clock", "replay"], input: Data(input.utf8))
        #expect(result.status == 1)
        #expect(String(decoding: result.stderr, as: UTF8.self).contains("line 2"))
        #expect(String(decoding: result.stdout, as: UTF8.self).hasPrefix("{\"node\":\"A\",\"l\":5,\"c\":0,"))
    }
}
