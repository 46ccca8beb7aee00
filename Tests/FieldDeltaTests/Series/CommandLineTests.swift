import FieldDelta
import Foundation
import Testing

/// Drives `fieldkit series` as a child process when CI provides the binary in FIELDKIT_BIN.
@Suite("fieldkit series (child process, needs FIELDKIT_BIN)")
struct CommandLineTests {
    static var binary: String? { ProcessInfo.processInfo.environment["FIELDKIT_BIN"] }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary!)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test("encode, stats and decode give back identical values; malformed input names line and column")
    func encodeDecode() throws {
        guard Self.binary != nil else {
            print("skipping: FIELDKIT_BIN not set")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldkit-series-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = SeriesTestSupport.repositoryRoot() + "/Tests/FieldDeltaTests/Series/Fixtures/sensor.csv"
        let packed = folder.appendingPathComponent("sensor.fks").path
        let restored = folder.appendingPathComponent("restored.csv").path

        let encode = try Self.run(["series", "encode", "--input", input, "--output", packed])
        #expect(encode.status == 0, "\(encode.error)")
        let stats = try Self.run(["series", "stats", packed])
        #expect(stats.status == 0)
        #expect(stats.output.contains("pm2_5_ugm3\t"))
        #expect(stats.output.contains("decimal (2)"))
        let decode = try Self.run(["series", "decode", "--input", packed, "--output", restored])
        #expect(decode.status == 0, "\(decode.error)")
        let original = try SeriesTable.parseCSV([UInt8](FileManager.default.contents(atPath: input)!))
        let again = try SeriesTable.parseCSV([UInt8](FileManager.default.contents(atPath: restored)!))
        #expect(again == original)

        let bad = folder.appendingPathComponent("bad.csv")
        try Data("time,a,b\n2015-01-01T00:00:00Z,1,2\n2015-01-01T00:01:00Z,1,x\n".utf8).write(to: bad)
        let failure = try Self.run(["series", "encode", "--input", bad.path, "--output", packed + ".bad"])
        #expect(failure.status == 1)
        #expect(failure.error.contains("line 3, column 3"))
    }
}
