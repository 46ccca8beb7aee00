public import Foundation

/// Where the tests' data lives: committed fixtures, the optional `../shared` data set, programs on
/// the `PATH` and the `fieldkit` tool. Every test target uses this instead of deriving paths itself.
///
/// ```swift
/// let lines = try TestData.lines(TestData.fixture("replay-basic.args", module: "FieldClock"))
/// @Test(.requiresShared("mqtt/paho_vectors.jsonl")) func vectors() throws { ... }
/// ```
public enum TestData {
    /// The repository root (this file is `Tests/FieldKitTestSupport/TestData.swift`).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A committed fixture: `Tests/<module>Tests/Fixtures/<name>`.
    ///
    /// - Parameters:
    ///   - name: The file name (may contain subfolders).
    ///   - module: The module whose test target holds it, for example `"FieldClock"`.
    /// - Returns: The file's URL (whether or not it exists).
    public static func fixture(_ name: String, module: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/\(module)Tests/Fixtures/\(name)")
    }

    /// The folder of a test target's committed fixtures.
    ///
    /// - Parameter module: The module, for example `"FieldOutbox"`.
    /// - Returns: `Tests/<module>Tests/Fixtures`.
    public static func fixtures(module: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/\(module)Tests/Fixtures")
    }

    /// The shared data set beside the repository (`../shared`), or `FIELDKIT_SHARED` when set.
    public static var sharedRoot: URL {
        if let path = ProcessInfo.processInfo.environment["FIELDKIT_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// A file or folder of the shared data set, or `nil` when it is absent (tests then skip).
    ///
    /// - Parameter relative: The path inside `../shared`, for example `"mqtt/paho_vectors.jsonl"`.
    /// - Returns: Its URL when it exists.
    public static func shared(_ relative: String) -> URL? {
        let url = sharedRoot.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// The lines of a text file, without empty ones.
    ///
    /// - Parameter url: The file.
    /// - Returns: Its non-empty lines.
    /// - Throws: When the file cannot be read as UTF-8.
    public static func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// The full path of a program found on the `PATH` (or in `/usr/sbin` and `/sbin`, where Debian
    /// puts `mosquitto`), or `nil`.
    ///
    /// - Parameter name: The program's name.
    /// - Returns: Its path when it is installed and executable.
    public static func program(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"] {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
