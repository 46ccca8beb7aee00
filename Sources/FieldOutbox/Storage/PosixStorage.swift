#if !hasFeature(Embedded)
    #if canImport(Glibc)
        import Glibc
    #elseif canImport(Darwin)
        import Darwin
    #endif

    /// Storage in a directory of POSIX files: `outbox.state`, `inbox.state` and
    /// `segment-XXXXXXXX.fko` (the number in hexadecimal).
    ///
    /// `sync(_:)` is `fdatasync` (`fsync` on Darwin, with `F_FULLFSYNC`). A file is created under a
    /// temporary name, filled (header, then zeros to its capacity, so later writes never allocate),
    /// synced, renamed into place, and the directory is synced: after a crash it either exists
    /// whole or not at all. Removal syncs the directory too. Opening refuses a directory holding
    /// any other file (``OutboxError/foreignFile(name:)``), so nothing of someone else's is ever
    /// overwritten; temporary files left by a crash during creation are deleted. Host only: not
    /// built in Embedded Swift. Not thread-safe, and so not `Sendable` (``SharedOutbox`` serialises
    /// access).
    ///
    /// ```swift
    /// let storage = try PosixStorage(directory: "/var/lib/meter/outbox")
    /// var outbox = try Outbox(storage: storage, configuration: .init(producer: 42))
    /// ```
    public final class PosixStorage: OutboxStorage {
        /// The directory path.
        public let directory: String
        var descriptors: [UInt32: Int32] = [:]
        var writeThroughDescriptors: [UInt32: Int32] = [:]
        var directoryDescriptor: Int32

        /// Opens (creating when missing) a storage directory.
        ///
        /// - Parameter directory: The directory path.
        /// - Throws: ``OutboxError/foreignFile(name:)`` when the directory holds a file FieldOutbox
        ///   did not write, or ``OutboxError/storage(operation:file:errorNumber:)``.
        /// - Complexity: O(*n*) in the directory entries.
        public init(directory: String) throws(OutboxError) {
            self.directory = directory
            if mkdir(directory, 0o755) != 0, errno != EEXIST {
                throw .storage(operation: .open, file: 0, errorNumber: errno)
            }
            directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY)
            guard directoryDescriptor >= 0 else { throw .storage(operation: .open, file: 0, errorNumber: errno) }
            for name in try listNames()
            where name.hasSuffix(".tmp") && Self.number(for: String(name.dropLast(4))) != nil {
                _ = unlink(path(name))
            }
            try syncDirectory()
            for name in try listNames() where Self.number(for: name) == nil {
                throw .foreignFile(name: name)
            }
        }

        deinit {
            for fd in descriptors.values { close(fd) }
            for fd in writeThroughDescriptors.values { close(fd) }
            close(directoryDescriptor)
        }

        /// The file name used for a file number (`outbox.state`, `inbox.state`, `segment-XXXXXXXX.fko`).
        ///
        /// ```swift
        /// PosixStorage.fileName(for: 16)  // "segment-00000010.fko"
        /// ```
        ///
        /// - Parameter number: The file number.
        /// - Returns: The name inside the directory.
        public static func fileName(for number: UInt32) -> String { name(for: number) }

        /// The file name for a number.
        static func name(for number: UInt32) -> String {
            switch number {
            case StorageLayout.outboxState: return "outbox.state"
            case StorageLayout.inboxState: return "inbox.state"
            default:
                let hex = String(number, radix: 16)
                return "segment-" + String(repeating: "0", count: 8 - hex.count) + hex + ".fko"
            }
        }

        /// The number for a file name, or `nil` when the name is not one FieldOutbox writes.
        static func number(for name: String) -> UInt32? {
            if name == "outbox.state" { return StorageLayout.outboxState }
            if name == "inbox.state" { return StorageLayout.inboxState }
            guard name.hasPrefix("segment-"), name.hasSuffix(".fko"), name.utf8.count == 20 else { return nil }
            let hex = name.dropFirst(8).dropLast(4)
            guard hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }), let n = UInt32(hex, radix: 16),
                n >= StorageLayout.firstSegment
            else { return nil }
            return n
        }

        func path(_ name: String) -> String { directory + "/" + name }

        func listNames() throws(OutboxError) -> [String] {
            guard let dir = opendir(directory) else { throw .storage(operation: .list, file: 0, errorNumber: errno) }
            defer { closedir(dir) }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            return names
        }

        func syncDirectory() throws(OutboxError) {
            guard fsync(directoryDescriptor) == 0 else { throw .storage(operation: .sync, file: 0, errorNumber: errno) }
        }

        func descriptor(_ file: UInt32, _ operation: StorageOperation) throws(OutboxError) -> Int32 {
            if let fd = descriptors[file] { return fd }
            let fd = open(path(Self.name(for: file)), O_RDWR)
            guard fd >= 0 else { throw .storage(operation: operation, file: file, errorNumber: errno) }
            descriptors[file] = fd
            return fd
        }

        /// The numbers of the files present.
        ///
        /// - Returns: The numbers, increasing.
        /// - Throws: ``OutboxError/foreignFile(name:)`` or a listing error.
        /// - Complexity: O(*n* log *n*) in the directory entries.
        public func fileNumbers() throws(OutboxError) -> [UInt32] {
            var numbers: [UInt32] = []
            for name in try listNames() {
                guard let n = Self.number(for: name) else { throw .foreignFile(name: name) }
                numbers.append(n)
            }
            return numbers.sorted()
        }

        /// The size of a file.
        ///
        /// - Parameter file: The file number.
        /// - Returns: The size in bytes.
        /// - Throws: A storage error.
        public func size(of file: UInt32) throws(OutboxError) -> Int {
            let fd = try descriptor(file, .read)
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw .storage(operation: .read, file: file, errorNumber: errno) }
            return Int(info.st_size)
        }

        /// Reads with `pread`.
        ///
        /// - Parameters:
        ///   - file: The file number.
        ///   - offset: The offset.
        ///   - buffer: The destination.
        ///   - count: The number of bytes wanted.
        /// - Returns: The number read (short only at the end of the file).
        /// - Throws: A storage error.
        /// - Complexity: O(`count`).
        public func read(
            _ file: UInt32, at offset: Int, into buffer: inout [UInt8], count: Int
        ) throws(OutboxError)
            -> Int
        {
            let fd = try descriptor(file, .read)
            guard count <= buffer.count else { throw .storage(operation: .read, file: file, errorNumber: EINVAL) }
            var done = 0
            var failure: Int32 = 0
            buffer.withUnsafeMutableBytes { raw in
                while done < count {
                    let n = pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if n == 0 { return }
                    done += n
                }
            }
            if failure != 0 { throw .storage(operation: .read, file: file, errorNumber: failure) }
            return done
        }

        /// Writes with `pwrite` (not yet durable).
        ///
        /// - Parameters:
        ///   - file: The file number.
        ///   - offset: The offset.
        ///   - bytes: The source.
        ///   - count: The number of bytes.
        /// - Throws: A storage error.
        /// - Complexity: O(`count`).
        public func write(_ file: UInt32, at offset: Int, from bytes: [UInt8], count: Int) throws(OutboxError) {
            let fd = try descriptor(file, .write)
            guard count <= bytes.count else { throw .storage(operation: .write, file: file, errorNumber: EINVAL) }
            let failure = Self.writeAll(fd, bytes, count, offset)
            if failure != 0 { throw .storage(operation: .write, file: file, errorNumber: failure) }
        }

        static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ count: Int, _ offset: Int) -> Int32 {
            var done = 0
            var failure: Int32 = 0
            bytes.withUnsafeBytes { raw in
                while done < count {
                    let n = pwrite(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    done += n
                }
            }
            return failure
        }

        /// Writes through a second descriptor opened with `O_DSYNC` on Linux: the write returns once
        /// these bytes are on stable storage (one system call instead of `pwrite` plus `fdatasync`;
        /// the file is preallocated, so no metadata changes). On Darwin, `pwrite` then `F_FULLFSYNC`.
        ///
        /// - Parameters:
        ///   - file: The file number.
        ///   - offset: The offset.
        ///   - bytes: The source.
        ///   - count: The number of bytes.
        /// - Throws: A storage error.
        /// - Complexity: O(`count`).
        public func writeDurably(_ file: UInt32, at offset: Int, from bytes: [UInt8], count: Int) throws(OutboxError) {
            #if canImport(Darwin)
                try write(file, at: offset, from: bytes, count: count)
                try sync(file)
            #else
                guard count <= bytes.count else { throw .storage(operation: .write, file: file, errorNumber: EINVAL) }
                let fd: Int32
                if let existing = writeThroughDescriptors[file] {
                    fd = existing
                } else {
                    fd = open(path(Self.name(for: file)), O_RDWR | O_DSYNC)
                    guard fd >= 0 else { throw .storage(operation: .write, file: file, errorNumber: errno) }
                    writeThroughDescriptors[file] = fd
                }
                let failure = Self.writeAll(fd, bytes, count, offset)
                if failure != 0 { throw .storage(operation: .write, file: file, errorNumber: failure) }
            #endif
        }

        /// Flushes the file's data with `fdatasync`.
        ///
        /// - Parameter file: The file number.
        /// - Throws: A storage error.
        public func sync(_ file: UInt32) throws(OutboxError) {
            let fd = try descriptor(file, .sync)
            #if canImport(Darwin)
                let result = fcntl(fd, F_FULLFSYNC)
            #else
                let result = fdatasync(fd)
            #endif
            guard result == 0 else { throw .storage(operation: .sync, file: file, errorNumber: errno) }
        }

        /// Creates a file atomically: temporary name, contents, `fsync`, `rename`, directory `fsync`.
        ///
        /// - Parameters:
        ///   - file: The file number.
        ///   - capacity: The size (written out in full, so it is allocated).
        ///   - initialBytes: The first bytes.
        /// - Throws: A storage error (`EEXIST` when the file exists).
        /// - Complexity: O(`capacity`).
        public func create(_ file: UInt32, capacity: Int, initialBytes: [UInt8]) throws(OutboxError) {
            let final = path(Self.name(for: file))
            if access(final, F_OK) == 0 { throw .storage(operation: .create, file: file, errorNumber: EEXIST) }
            let temporary = final + ".tmp"
            let fd = open(temporary, O_RDWR | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw .storage(operation: .create, file: file, errorNumber: errno) }
            var chunk = [UInt8](repeating: 0, count: min(capacity, 1 << 16))
            var offset = 0
            var failure: Int32 = 0
            while offset < capacity, failure == 0 {
                let n = min(chunk.count, capacity - offset)
                if offset == 0 {
                    chunk.replaceSubrange(0..<initialBytes.count, with: initialBytes)
                    failure = Self.writeAll(fd, chunk, n, 0)
                    for i in 0..<initialBytes.count { chunk[i] = 0 }
                } else {
                    failure = Self.writeAll(fd, chunk, n, offset)
                }
                offset += n
            }
            if failure == 0, fsync(fd) != 0 { failure = errno }
            if failure == 0, rename(temporary, final) != 0 { failure = errno }
            if failure != 0 {
                close(fd)
                unlink(temporary)
                throw .storage(operation: .create, file: file, errorNumber: failure)
            }
            descriptors[file] = fd
            try syncDirectory()
        }

        /// Removes a file and syncs the directory.
        ///
        /// - Parameter file: The file number.
        /// - Throws: A storage error.
        public func remove(_ file: UInt32) throws(OutboxError) {
            if let fd = descriptors.removeValue(forKey: file) { close(fd) }
            if let fd = writeThroughDescriptors.removeValue(forKey: file) { close(fd) }
            guard unlink(path(Self.name(for: file))) == 0 else {
                throw .storage(operation: .remove, file: file, errorNumber: errno)
            }
            try syncDirectory()
        }
    }
#endif
