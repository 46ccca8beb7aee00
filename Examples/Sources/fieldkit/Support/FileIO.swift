#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small POSIX file helpers for the command-line tool (the library modules never do I/O).
enum FileIO {
    /// Reads a whole file into memory.
    static func readAll(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw CommandFailure("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(file) != 0 { throw CommandFailure("cannot read \(path)") }
                break
            }
        }
        return bytes
    }

    /// Streams a file in chunks to `body` without holding it all in memory.
    static func forEachChunk(_ path: String, chunkSize: Int = 1 << 20, _ body: (UnsafeRawBufferPointer) -> Void) throws
    {
        guard let file = fopen(path, "rb") else {
            throw CommandFailure("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { chunk.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) } }
            if n < chunk.count {
                if ferror(file) != 0 { throw CommandFailure("cannot read \(path)") }
                break
            }
        }
    }

    /// Writes a whole file atomically: a temporary file in the same directory, fsync, rename.
    static func writeAtomically(_ path: String, _ bytes: [UInt8]) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CommandFailure("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                close(fd)
                unlink(temporary)
                throw CommandFailure("cannot write \(temporary): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            unlink(temporary)
            throw CommandFailure("cannot sync \(temporary)")
        }
        if rename(temporary, path) != 0 {
            unlink(temporary)
            throw CommandFailure("cannot rename \(temporary) to \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Reads standard input line by line.
    static func forEachStdinLine(_ body: (String) throws -> Void) rethrows {
        while let line = readLine(strippingNewline: true) {
            try body(line)
        }
    }
}
