#if !hasFeature(Embedded)
    import FieldCore
    #if canImport(Glibc)
        import Glibc
    #elseif canImport(Musl)
        import Musl
    #elseif canImport(Darwin)
        import Darwin
    #endif

    /// A ``SessionStore`` in one append-only file that survives process restarts and power cuts.
    ///
    /// Every change is one record framed by its length and CRC-32C, appended and flushed with
    /// `fdatasync` before the call returns. On open, records are replayed up to the first torn or
    /// corrupt one, and the file is truncated there: a power cut in the middle of an append loses at
    /// most that change, never earlier ones, and never resurrects garbage. When the file grows well
    /// beyond its live content it is compacted into a new file, synced, and renamed over the old one
    /// (with the directory synced), so a cut during compaction leaves either file whole.
    ///
    /// ```swift
    /// let store = try FileSessionStore(path: "/var/lib/meter/mqtt-session")
    /// var session = try ClientSession(configuration: configuration, store: store)
    /// ```
    public final class FileSessionStore: SessionStore {
        /// The file's path.
        public let path: String
        private var fd: Int32 = -1
        private var size = 0
        private var outbound: [MessageID: StoredMessage] = [:]
        private var inbound: Set<UInt16> = []
        private static let magic: [UInt8] = Array("FKMQSES1".utf8)

        /// Opens (creating if needed) a session file and replays it.
        ///
        /// - Parameter path: The file's path; its directory must exist.
        /// - Throws: ``SessionStoreError`` when the file cannot be opened, is not a session file, or
        ///   cannot be repaired.
        public init(path: String) throws(SessionStoreError) {
            self.path = path
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw SessionStoreError("cannot open \(path)", systemError: errno) }
            try replay()
        }

        deinit {
            if fd >= 0 { close(fd) }
        }

        /// Returns the replayed state.
        ///
        /// - Returns: The snapshot.
        public func load() throws(SessionStoreError) -> SessionSnapshot {
            SessionSnapshot(outbound: outbound.values.sorted { $0.id < $1.id }, inbound: inbound.sorted())
        }

        /// Appends a message record and syncs it.
        ///
        /// - Parameter message: The message.
        /// - Throws: ``SessionStoreError`` when the write or sync fails.
        public func save(_ message: StoredMessage) throws(SessionStoreError) {
            try append(Self.encode(message))
            outbound[message.id] = message
            try compactIfWorthwhile()
        }

        /// Appends a removal record and syncs it.
        ///
        /// - Parameter id: The message.
        /// - Throws: ``SessionStoreError`` when the write or sync fails.
        public func remove(_ id: MessageID) throws(SessionStoreError) {
            var body: [UInt8] = [2]
            body.appendInteger(id.rawValue)
            try append(body)
            outbound[id] = nil
            try compactIfWorthwhile()
        }

        /// Appends an inbound identifier record and syncs it.
        ///
        /// - Parameter packetIdentifier: The identifier.
        /// - Throws: ``SessionStoreError`` when the write or sync fails.
        public func insertInbound(_ packetIdentifier: UInt16) throws(SessionStoreError) {
            var body: [UInt8] = [3]
            body.appendInteger(packetIdentifier)
            try append(body)
            inbound.insert(packetIdentifier)
        }

        /// Appends an inbound removal record and syncs it.
        ///
        /// - Parameter packetIdentifier: The identifier.
        /// - Throws: ``SessionStoreError`` when the write or sync fails.
        public func removeInbound(_ packetIdentifier: UInt16) throws(SessionStoreError) {
            var body: [UInt8] = [4]
            body.appendInteger(packetIdentifier)
            try append(body)
            inbound.remove(packetIdentifier)
            try compactIfWorthwhile()
        }

        // MARK: Records

        static func encode(_ message: StoredMessage) -> [UInt8] {
            var body: [UInt8] = [1]
            body.appendInteger(message.id.rawValue)
            body.append(message.stage.rawValue)
            var packet = message.publish
            packet.packetIdentifier = message.packetIdentifier
            packet.duplicate = false
            // Stored in the 5.0 encoding, which carries properties; decoding validates it on load.
            body += (try? Packet.publish(packet).encoded(version: .v5)) ?? []
            return body
        }

        static func frame(_ body: [UInt8]) -> [UInt8] {
            var record: [UInt8] = []
            record.appendInteger(UInt32(body.count))
            record.appendInteger(CRC32C.checksum(body))
            return record + body
        }

        private func append(_ body: [UInt8]) throws(SessionStoreError) {
            let record = Self.frame(body)
            try writeAll(record, at: size)
            guard fdatasync(fd) == 0 else { throw SessionStoreError("cannot sync \(path)", systemError: errno) }
            size += record.count
        }

        private func writeAll(_ bytes: [UInt8], at offset: Int, to descriptor: Int32? = nil) throws(SessionStoreError) {
            let target = descriptor ?? fd
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBytes {
                    pwrite(target, $0.baseAddress! + written, $0.count - written, off_t(offset + written))
                }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw SessionStoreError("cannot write \(path)", systemError: errno) }
                written += n
            }
        }

        private func replay() throws(SessionStoreError) {
            var contents: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var offset = 0
            while true {
                let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(offset)) }
                if n < 0 && errno == EINTR { continue }
                guard n >= 0 else { throw SessionStoreError("cannot read \(path)", systemError: errno) }
                if n == 0 { break }
                contents += chunk[0..<n]
                offset += n
            }
            if contents.isEmpty {
                try writeAll(Self.magic, at: 0)
                guard fsync(fd) == 0 else { throw SessionStoreError("cannot sync \(path)", systemError: errno) }
                try Self.syncDirectory(of: path)
                size = Self.magic.count
                return
            }
            guard contents.count >= Self.magic.count, Array(contents[0..<Self.magic.count]) == Self.magic else {
                throw SessionStoreError("\(path) is not a FieldKit MQTT session file")
            }
            var position = Self.magic.count
            let decoder = PacketDecoder(options: DecodingOptions(version: .v5))
            while contents.count - position >= 8 {
                let length = Int(
                    UInt32(contents[position]) << 24 | UInt32(contents[position + 1]) << 16
                        | UInt32(contents[position + 2]) << 8 | UInt32(contents[position + 3]))
                let crc =
                    UInt32(contents[position + 4]) << 24 | UInt32(contents[position + 5]) << 16
                    | UInt32(contents[position + 6]) << 8 | UInt32(contents[position + 7])
                guard length > 0, length <= contents.count - position - 8 else { break }
                let body = Array(contents[(position + 8)..<(position + 8 + length)])
                guard CRC32C.checksum(body) == crc, apply(body, decoder: decoder) else { break }
                position += 8 + length
            }
            size = position
            if position < contents.count {
                // A torn or corrupt tail from a power cut: cut it off so it is never read again.
                guard ftruncate(fd, off_t(position)) == 0, fsync(fd) == 0 else {
                    throw SessionStoreError("cannot truncate the torn tail of \(path)", systemError: errno)
                }
            }
        }

        private func apply(_ body: [UInt8], decoder: PacketDecoder) -> Bool {
            func integer<T: FixedWidthInteger>(_ type: T.Type, at index: Int) -> T? {
                let width = MemoryLayout<T>.size
                guard index + width <= body.count else { return nil }
                var value: T = 0
                for i in 0..<width { value = value << 8 | T(body[index + i]) }
                return value
            }
            switch body[0] {
            case 1:
                guard let id = integer(UInt64.self, at: 1), body.count > 10,
                    let stage = StoredMessage.Stage(rawValue: body[9])
                else { return false }
                let packet: Packet? = Array(body[10...]).withUnsafeBytes { try? decoder.decode($0).owned() }
                guard case .publish(let publish) = packet, let pid = publish.packetIdentifier else { return false }
                outbound[MessageID(rawValue: id)] = StoredMessage(
                    id: MessageID(rawValue: id), packetIdentifier: pid, publish: publish, stage: stage)
            case 2:
                guard body.count == 9, let id = integer(UInt64.self, at: 1) else { return false }
                outbound[MessageID(rawValue: id)] = nil
            case 3, 4:
                guard body.count == 3, let pid = integer(UInt16.self, at: 1) else { return false }
                if body[0] == 3 { inbound.insert(pid) } else { inbound.remove(pid) }
            default:
                return false
            }
            return true
        }

        private func compactIfWorthwhile() throws(SessionStoreError) {
            let live =
                outbound.values.reduce(0) { $0 + 8 + 10 + $1.publish.payload.count + $1.publish.topic.count + 8 }
                + inbound.count * 11
            guard size > 1 << 20, size > 4 * live else { return }
            var contents = Self.magic
            for message in outbound.values.sorted(by: { $0.id < $1.id }) {
                contents += Self.frame(Self.encode(message))
            }
            for pid in inbound.sorted() {
                var body: [UInt8] = [3]
                body.appendInteger(pid)
                contents += Self.frame(body)
            }
            let temporary = path + ".compact"
            let tfd = open(temporary, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard tfd >= 0 else { throw SessionStoreError("cannot create \(temporary)", systemError: errno) }
            do throws(SessionStoreError) {
                try writeAll(contents, at: 0, to: tfd)
            } catch {
                close(tfd)
                throw error
            }
            guard fsync(tfd) == 0, rename(temporary, path) == 0 else {
                close(tfd)
                throw SessionStoreError("cannot replace \(path) with its compacted copy", systemError: errno)
            }
            try Self.syncDirectory(of: path)
            close(fd)
            fd = tfd
            size = contents.count
        }

        static func syncDirectory(of path: String) throws(SessionStoreError) {
            var directory = "."
            if let slash = path.lastIndex(of: "/") {
                directory = slash == path.startIndex ? "/" : String(path[..<slash])
            }
            let dfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard dfd >= 0 else { throw SessionStoreError("cannot open directory \(directory)", systemError: errno) }
            defer { close(dfd) }
            guard fsync(dfd) == 0 else {
                throw SessionStoreError("cannot sync directory \(directory)", systemError: errno)
            }
        }
    }
#endif
