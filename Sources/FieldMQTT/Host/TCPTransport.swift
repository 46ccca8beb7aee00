#if !hasFeature(Embedded)
    import FieldCore
    #if canImport(Glibc)
        import Glibc
    #elseif canImport(Musl)
        import Musl
    #elseif canImport(Darwin)
        import Darwin
    #endif

    /// A byte stream an ``MQTTClient`` runs over. TCP is one; a TLS transport plugs in by
    /// conforming to this protocol (wrap a TLS library's non-blocking read and write).
    public protocol MQTTTransport {
        /// Writes every byte, waiting as needed.
        ///
        /// - Parameter bytes: The bytes.
        /// - Throws: ``TransportError`` when the connection fails.
        mutating func write(_ bytes: [UInt8]) throws(TransportError)

        /// Reads what is available, waiting at most `timeout`.
        ///
        /// - Parameters:
        ///   - buffer: Receives the bytes (its count is the most to read).
        ///   - timeout: The longest wait (whole milliseconds); zero polls.
        /// - Returns: The number of bytes read, 0 when the wait timed out.
        /// - Throws: ``TransportError/closed`` when the peer closed, or another error.
        mutating func read(into buffer: inout [UInt8], timeout: Duration) throws(TransportError) -> Int

        /// Closes the connection.
        mutating func close()
    }

    /// Why a transport operation failed.
    ///
    /// Built like every FieldKit error: a ``code`` over a private enum and named optional fields.
    public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What kind of failure this is.
        public struct Code: Hashable, Sendable, CustomStringConvertible {
            private enum Backing: String, Hashable, Sendable { case resolution, connect, connectTimeout, closed, io }

            private let backing: Backing

            private init(_ backing: Backing) { self.backing = backing }

            /// The host name could not be resolved.
            public static let resolution = Code(.resolution)
            /// The connection could not be established (``TransportError/systemError``).
            public static let connect = Code(.connect)
            /// The connection attempt took longer than the timeout.
            public static let connectTimeout = Code(.connectTimeout)
            /// The peer closed the connection.
            public static let closed = Code(.closed)
            /// A read or write failed (``TransportError/systemError``).
            public static let io = Code(.io)

            /// The code's name (`closed`).
            public var description: String { backing.rawValue }
        }

        /// What kind of failure this is.
        public var code: Code
        /// The host, for the connection codes.
        public var host: String?
        /// The port, for the connection codes.
        public var port: Int?
        /// The resolver's message, for ``Code/resolution``.
        public var detail: String?
        /// The operating system error number, for ``Code/connect`` and ``Code/io``.
        public var systemError: Int32?

        private init(
            _ code: Code, host: String? = nil, port: Int? = nil, detail: String? = nil, systemError: Int32? = nil
        ) {
            self.code = code
            self.host = host
            self.port = port
            self.detail = detail
            self.systemError = systemError
        }

        /// The host name could not be resolved.
        ///
        /// - Parameters:
        ///   - host: The host.
        ///   - detail: The resolver's message.
        /// - Returns: A ``Code/resolution`` error.
        public static func resolution(host: String, detail: String) -> TransportError {
            TransportError(.resolution, host: host, detail: detail)
        }

        /// The connection could not be established.
        ///
        /// - Parameters:
        ///   - host: The host.
        ///   - port: The port.
        ///   - errno: The OS error number.
        /// - Returns: A ``Code/connect`` error.
        public static func connect(host: String, port: Int, errno: Int32) -> TransportError {
            TransportError(.connect, host: host, port: port, systemError: errno)
        }

        /// The connection attempt timed out.
        ///
        /// - Parameters:
        ///   - host: The host.
        ///   - port: The port.
        /// - Returns: A ``Code/connectTimeout`` error.
        public static func connectTimeout(host: String, port: Int) -> TransportError {
            TransportError(.connectTimeout, host: host, port: port)
        }

        /// The peer closed the connection.
        public static let closed = TransportError(.closed)

        /// A read or write failed.
        ///
        /// - Parameter errno: The OS error number.
        /// - Returns: An ``Code/io`` error.
        public static func io(errno: Int32) -> TransportError {
            TransportError(.io, systemError: errno)
        }

        /// A sentence naming the failure.
        public var description: String {
            let place = "\(host ?? "?"):\(port ?? 0)"
            let system = systemError.map { String(cString: strerror($0)) } ?? "unknown error"
            switch code {
            case .resolution: return "cannot resolve \(host ?? "?"): \(detail ?? "")"
            case .connect: return "cannot connect to \(place): \(system)"
            case .connectTimeout: return "connecting to \(place) timed out"
            case .closed: return "the connection was closed by the peer"
            case .io: return "I/O error: \(system)"
            default: return "\(code)"
            }
        }
    }

    private func closeDescriptor(_ fd: Int32) { _ = close(fd) }

    private func connectDescriptor(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
        connect(fd, address, length)
    }

    /// A non-blocking TCP connection driven with `poll`, with `TCP_NODELAY` (MQTT packets are small
    /// and latency-sensitive).
    public struct TCPTransport: MQTTTransport {
        /// The socket descriptor.
        public private(set) var descriptor: Int32

        /// Connects to `host:port`, trying each resolved address until one answers.
        ///
        /// - Parameters:
        ///   - host: A host name or address.
        ///   - port: The TCP port.
        ///   - timeout: The longest wait for each address.
        /// - Returns: The connected transport.
        /// - Throws: ``TransportError`` when no address can be reached.
        public static func connect(
            host: String, port: Int, timeout: Duration = .seconds(10)
        ) throws(TransportError) -> TCPTransport {
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            #if canImport(Glibc)
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            #else
                hints.ai_socktype = SOCK_STREAM
            #endif
            var list: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(host, String(port), &hints, &list)
            guard status == 0, let first = list else {
                throw .resolution(host: host, detail: String(cString: gai_strerror(status)))
            }
            defer { freeaddrinfo(list) }
            var lastError = TransportError.connect(host: host, port: port, errno: ECONNREFUSED)
            var cursor: UnsafeMutablePointer<addrinfo>? = first
            while let info = cursor {
                cursor = info.pointee.ai_next
                let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
                if fd < 0 { continue }
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                var one: Int32 = 1
                _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
                if connectDescriptor(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    return TCPTransport(descriptor: fd)
                }
                guard errno == EINPROGRESS else {
                    lastError = .connect(host: host, port: port, errno: errno)
                    closeDescriptor(fd)
                    continue
                }
                var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&entry, 1, Int32(clamping: timeout.wholeMilliseconds))
                if ready == 0 {
                    lastError = .connectTimeout(host: host, port: port)
                    closeDescriptor(fd)
                    continue
                }
                var failure: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length)
                if ready < 0 || failure != 0 {
                    lastError = .connect(host: host, port: port, errno: failure != 0 ? failure : errno)
                    closeDescriptor(fd)
                    continue
                }
                return TCPTransport(descriptor: fd)
            }
            throw lastError
        }

        /// Writes every byte, polling while the socket buffer is full.
        ///
        /// - Parameter bytes: The bytes.
        /// - Throws: ``TransportError`` when the connection fails.
        public mutating func write(_ bytes: [UInt8]) throws(TransportError) {
            guard descriptor >= 0 else { throw .closed }
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes {
                    send(descriptor, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
                }
                if n > 0 {
                    offset += n
                } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                    var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&entry, 1, 1_000)
                } else {
                    throw n == 0 ? .closed : .io(errno: errno)
                }
            }
        }

        /// Reads what is available, waiting at most `timeout`.
        ///
        /// - Parameters:
        ///   - buffer: Receives the bytes.
        ///   - timeout: The longest wait.
        /// - Returns: The number of bytes read, 0 on timeout.
        /// - Throws: ``TransportError/closed`` at end of stream, or ``TransportError/io(errno:)``.
        public mutating func read(into buffer: inout [UInt8], timeout: Duration) throws(TransportError) -> Int {
            guard descriptor >= 0 else { throw .closed }
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(clamping: max(0, timeout.wholeMilliseconds)))
            if ready == 0 { return 0 }
            if ready < 0 { return errno == EINTR ? 0 : 0 }
            let n = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress!, $0.count, 0) }
            if n > 0 { return n }
            if n == 0 { throw .closed }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return 0 }
            throw .io(errno: errno)
        }

        /// Closes the socket.
        public mutating func close() {
            if descriptor >= 0 { closeDescriptor(descriptor) }
            descriptor = -1
        }
    }
#endif
