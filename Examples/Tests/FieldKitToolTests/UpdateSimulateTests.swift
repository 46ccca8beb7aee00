import Foundation
import Testing

/// Drives `fieldkit update simulate` as a child process (moved here from FieldUpdateTests: the
/// tool's tests belong to the tool's package).
@Suite("fieldkit update simulate", .requiresTool)
struct UpdateSimulateTests {
    /// Runs the tool; returns its standard output lines and exit status.
    static func run(_ arguments: [String]) throws -> (lines: [String], status: Int32) {
        let result = try FieldKitTool.run(arguments)
        return (result.lines, result.status)
    }

    static func summary(_ line: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    }

    @Test("100,000 devices at a 10% failure rate: halts having reached at most 5%, nothing bricked")
    func halts() throws {
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
