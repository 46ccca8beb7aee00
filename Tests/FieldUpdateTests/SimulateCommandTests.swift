import Foundation
import Testing

/// Drives `fieldkit update simulate` as a child process when CI provides the tool's path in
/// `FIELDKIT_BIN` (see .ci/run); skips otherwise, since the root package cannot build Examples/.
@Suite("fieldkit update simulate")
struct SimulateCommandTests {
    static var tool: String? {
        guard let path = ProcessInfo.processInfo.environment["FIELDKIT_BIN"],
            FileManager.default.isExecutableFile(atPath: path)
        else { return nil }
        return path
    }

    /// Runs the tool; returns its standard output lines and exit status.
    static func run(_ arguments: [String]) throws -> (lines: [String], status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool!)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        return (text.split(separator: "\n").map(String.init), process.terminationStatus)
    }

    static func summary(_ line: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    }

    @Test("100,000 devices at a 10% failure rate: halts having reached at most 5%, nothing bricked")
    func halts() throws {
        guard Self.tool != nil else {
            print("skipped: FIELDKIT_BIN not set")
            return
        }
        for seed in ["1", "2", "3"] {
            let (lines, status) = try Self.run([
                "update", "simulate", "--devices", "100000", "--failure-rate", "0.1", "--seed", seed,
            ])
            #expect(status == 0)
            let last = try #require(lines.last)
            #expect(last.hasPrefix("{\"devices\":100000,\"updated\":"))
            let json = try Self.summary(last)
            #expect(json["halted"] as? Bool == true)
            #expect(json["bricked"] as? Int == 0)
            #expect((json["reached_fraction"] as! Double) <= 0.05)
            #expect(lines.contains { $0.hasPrefix("HALT") })
        }
    }

    @Test("a healthy release completes over the whole fleet, nothing bricked")
    func completes() throws {
        guard Self.tool != nil else {
            print("skipped: FIELDKIT_BIN not set")
            return
        }
        let (lines, status) = try Self.run(["update", "simulate", "--devices", "2000", "--failure-rate", "0"])
        #expect(status == 0)
        let json = try Self.summary(try #require(lines.last))
        #expect(json["devices"] as? Int == 2000)
        #expect(json["updated"] as? Int == 2000)
        #expect(json["rolled_back"] as? Int == 0)
        #expect(json["bricked"] as? Int == 0)
        #expect(json["halted"] as? Bool == false)
        #expect(json["reached_fraction"] as? Double == 1.0)
    }
}
