#if canImport(Glibc)
    import Glibc
    private let sysClose = Glibc.close
    private let sysConnect = Glibc.connect
    private let sysRead = Glibc.read
    private let sysWrite = Glibc.write
    private let sysAccept = Glibc.accept
#elseif canImport(Darwin)
    import Darwin
    private let sysClose = Darwin.close
    private let sysConnect = Darwin.connect
    private let sysRead = Darwin.read
    private let sysWrite = Darwin.write
    private let sysAccept = Darwin.accept
#endif

/// A non-blocking TCP socket on loopback (or a host:port), for the demo's single-threaded,
/// poll-style stepping: every read and write returns at once.
final class DemoSocket {
    private(set) var fd: Int32
    /// Bytes queued because the kernel buffer was full.
    private var pendingWrite: [UInt8] = []
    private(set) var isClosed = false

    init(fd: Int32) {
        self.fd = fd
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close() }

    /// Opens a blocking connect to `host:port` (IPv4 dotted address or "localhost"), then makes it non-blocking.
    static func connect(host: String, port: UInt16) throws -> DemoSocket {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw CommandFailure("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        let name = host == "localhost" ? "127.0.0.1" : host
        guard inet_pton(AF_INET, name, &address.sin_addr) == 1 else {
            _ = sysClose(fd)
            throw CommandFailure("not an IPv4 address: \(host)")
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sysConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            _ = sysClose(fd)
            throw CommandFailure("connect to \(host):\(port) failed: errno \(code)")
        }
        return DemoSocket(fd: fd)
    }

    /// Queues and writes as much as the kernel takes now.
    func send(_ bytes: [UInt8]) {
        guard !isClosed else { return }
        pendingWrite.append(contentsOf: bytes)
        flush()
    }

    /// Writes queued bytes; returns whether any moved.
    @discardableResult
    func flush() -> Bool {
        guard !isClosed, !pendingWrite.isEmpty else { return false }
        let written = pendingWrite.withUnsafeBytes { sysWrite(fd, $0.baseAddress, $0.count) }
        if written > 0 {
            pendingWrite.removeFirst(written)
            return true
        }
        if written < 0, errno != EAGAIN, errno != EWOULDBLOCK, errno != EINTR { close() }
        return false
    }

    var hasPendingWrite: Bool { !pendingWrite.isEmpty }

    /// Reads what is available now: `nil` when the peer closed, empty when nothing is there.
    func receive() -> [UInt8]? {
        guard !isClosed else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var collected: [UInt8] = []
        while true {
            let n = buffer.withUnsafeMutableBytes { sysRead(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                collected.append(contentsOf: buffer[0..<n])
                if n < buffer.count { return collected }
                continue
            }
            if n == 0 { return collected.isEmpty ? nil : collected }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return collected }
            return collected.isEmpty ? nil : collected
        }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = sysClose(fd)
    }
}

/// A listening socket on 127.0.0.1 with an ephemeral port.
final class DemoListener {
    let fd: Int32
    let port: UInt16

    init() throws {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw CommandFailure("socket() failed: errno \(errno)") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 1024) == 0 else {
            _ = sysClose(fd)
            throw CommandFailure("cannot listen on 127.0.0.1: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.port = UInt16(bigEndian: address.sin_port)
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    /// Accepts one pending connection, if any.
    func accept() -> DemoSocket? {
        let client = sysAccept(fd, nil, nil)
        guard client >= 0 else { return nil }
        return DemoSocket(fd: client)
    }

    deinit { _ = sysClose(fd) }
}

/// Waits up to `milliseconds` for any of `fds` to become readable.
func demoPoll(_ fds: [Int32], milliseconds: Int32) {
    guard !fds.isEmpty else { return }
    var entries = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    _ = poll(&entries, nfds_t(entries.count), milliseconds)
}
