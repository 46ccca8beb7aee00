import Foundation
import Testing

/// A real mosquitto broker on a free loopback port, with a generated configuration, for the
/// integration tests. `nil` when mosquitto is not installed (the tests then skip).
final class Mosquitto {
    let port: Int
    let directory: URL
    private var pid: pid_t = 0
    let persistent: Bool

    static var executable: String? {
        for path in ["/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto"]
        where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return nil
    }

    static func tool(_ name: String) -> String? {
        for directory in ["/usr/bin", "/usr/local/bin"]
        where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
            return "\(directory)/\(name)"
        }
        return nil
    }

    init?(persistent: Bool = false) throws {
        guard Self.executable != nil else { return nil }
        port = Self.freePort()
        self.persistent = persistent
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "fieldkit-mosquitto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var config = "listener \(port) 127.0.0.1\nallow_anonymous true\nmax_packet_size 10000000\n"
        // As root, mosquitto would switch to its own user, which cannot write our temporary folder.
        if getuid() == 0 { config += "user root\n" }
        if persistent {
            config += "persistence true\npersistence_location \(directory.path)/\nautosave_interval 1\n"
        }
        try config.write(to: directory.appendingPathComponent("mosquitto.conf"), atomically: true, encoding: .utf8)
        try start()
    }

    func start() throws {
        let arguments = [Self.executable!, "-c", directory.appendingPathComponent("mosquitto.conf").path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var child: pid_t = 0
        guard posix_spawn(&child, Self.executable!, &actions, nil, &argv, environ) == 0 else {
            throw CocoaError(.executableLoad)
        }
        pid = child
        // Wait until the port accepts connections.
        for _ in 0..<100 {
            if Self.canConnect(port) { return }
            usleep(50_000)
        }
        throw CocoaError(.executableLoad)
    }

    /// Stops the broker gracefully (it writes its persistence file on SIGTERM) and reaps it.
    func stop() {
        guard pid > 0 else { return }
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<200 {
            let reaped = waitpid(pid, &status, WNOHANG)
            // Reaped here, or by another SIGCHLD handler in the process (then it no longer exists).
            if reaped == pid || (reaped < 0 && errno == ECHILD) || kill(pid, 0) != 0 { break }
            usleep(20_000)
        }
        if kill(pid, 0) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        pid = 0
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }

    /// Runs a mosquitto client tool and returns its standard output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.tool(tool)!)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let inputPipe = Pipe()
        if input != nil { process.standardInput = inputPipe }
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(input.data(using: .utf8)!)
            try inputPipe.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        waitForExit(process)
        return String(decoding: data, as: UTF8.self)
    }

    /// Waits (at most 30 s) for a tool started by ``start(_:_:)`` or ``run(_:_:input:)`` to exit.
    ///
    /// Foundation's `waitUntilExit()` once never returned in CI although the child had exited and
    /// been reaped (its exit was missed while other tests started processes), so this reaps the child
    /// itself and stops as soon as it is gone, whoever reaped it.
    static func waitForExit(_ process: Process) {
        let pid = process.processIdentifier
        var status: Int32 = 0
        for _ in 0..<3_000 {
            if !process.isRunning { return }
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno == ECHILD) { return }
            usleep(10_000)
        }
    }

    /// Starts a mosquitto client tool in the background, returning the process and its output pipe.
    static func start(_ tool: String, _ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.tool(tool)!)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, output)
    }
}
