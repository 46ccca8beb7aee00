import FieldKitTestSupport
import Foundation
import Testing

/// The one way the tool's tests run `fieldkit`: find the binary `swift test` built beside the test
/// bundle (or `FIELDKIT_BIN`), run it with arguments and standard input, collect what it wrote.
enum FieldKitTool {
    /// What a finished run produced.
    struct Result {
        /// The exit status.
        var status: Int32
        /// Standard output.
        var stdout: Data
        /// Standard error.
        var stderr: Data

        /// Standard output as text.
        var output: String { String(decoding: stdout, as: UTF8.self) }
        /// Standard error as text.
        var errors: String { String(decoding: stderr, as: UTF8.self) }
        /// Standard output's lines.
        var lines: [String] { output.split(separator: "\n").map(String.init) }
    }

    /// The `fieldkit` executable: `FIELDKIT_BIN` when set, else the one in the build folder.
    static let path: String? = {
        var candidates: [String] = []
        if let path = ProcessInfo.processInfo.environment["FIELDKIT_BIN"], !path.isEmpty { candidates.append(path) }
        // The test bundle runs from the build folder that also holds the executable.
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(bundle.appendingPathComponent("fieldkit").path)
        let examples = TestData.repositoryRoot.appendingPathComponent("Examples/.build/debug/fieldkit")
        candidates.append(examples.path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Runs the tool to completion.
    ///
    /// - Parameters:
    ///   - arguments: The command line after `fieldkit`.
    ///   - input: What to write to its standard input (then closed).
    /// - Returns: Its status and output.
    static func run(_ arguments: [String], input: Data = Data()) throws -> Result {
        let process = try launch(arguments)
        let stdin = Pipe()
        process.process.standardInput = stdin
        try process.process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let out = process.stdout.fileHandleForReading.readDataToEndOfFile()
        let err = process.stderr.fileHandleForReading.readDataToEndOfFile()
        process.process.waitUntilExit()
        return Result(status: process.process.terminationStatus, stdout: out, stderr: err)
    }

    /// Prepares a run the caller starts, signals and waits for (the kill -9 tests).
    ///
    /// - Parameter arguments: The command line after `fieldkit`.
    /// - Returns: The process (not yet started) and its output pipes.
    static func launch(_ arguments: [String]) throws -> (process: Process, stdout: Pipe, stderr: Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path, "the fieldkit executable was not found"))
        process.arguments = arguments
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        return (process, stdout, stderr)
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the `fieldkit` executable was found.
    static var requiresTool: Self {
        .enabled(if: FieldKitTool.path != nil, "the fieldkit executable was not built (swift build)")
    }
}
