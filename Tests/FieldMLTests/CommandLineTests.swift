import FieldML
import Foundation
import Testing

/// `fieldkit ml info|run` as a child process, when CI exports FIELDKIT_BIN (the built tool);
/// skipped otherwise.
@Suite struct CommandLineTests {
    static var tool: String? {
        guard let path = ProcessInfo.processInfo.environment["FIELDKIT_BIN"],
            FileManager.default.isExecutableFile(atPath: path)
        else { return nil }
        return path
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool!)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)
        )
    }

    @Test func runWritesTheGoldenOutput() throws {
        guard Self.tool != nil else { return }
        let golden = try Golden.load(Golden.fixtures.appendingPathComponent("tiny_cnn.json"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldml-cli-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.bin")
        let output = directory.appendingPathComponent("out.bin")
        try Data(golden.cases[0].input.map { UInt8(bitPattern: Int8($0)) }).write(to: input)
        for (profile, expected) in [("tflm", golden.cases[0].tflm!), ("reference", golden.cases[0].reference!)] {
            let result = try Self.run([
                "ml", "run", Golden.fixtures.appendingPathComponent("tiny_cnn.tflite").path, "--input", input.path,
                "--output", output.path, "--profile", profile, "--repeat", "3",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("median latency"))
            let bytes = try [UInt8](Data(contentsOf: output))
            #expect(bytes.map { Int(Int8(bitPattern: $0)) } == expected)
        }
    }

    @Test func infoListsOperatorsAndArena() throws {
        guard Self.tool != nil else { return }
        let result = try Self.run(["ml", "info", Golden.fixtures.appendingPathComponent("tiny_cnn.tflite").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("DEPTHWISE_CONV_2D"))
        #expect(result.stdout.contains("per-channel"))
        #expect(result.stdout.contains("arena: "))
    }

    @Test func corruptModelExitsWithStatusOne() throws {
        guard Self.tool != nil else { return }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fieldml-corrupt-\(getpid()).tflite")
        defer { try? FileManager.default.removeItem(at: path) }
        var bytes = try Golden.bytes(Golden.fixtures.appendingPathComponent("tiny_cnn.tflite"))
        bytes.removeLast(bytes.count / 2)
        try Data(bytes).write(to: path)
        let result = try Self.run(["ml", "info", path.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("fieldkit: "))
    }
}
