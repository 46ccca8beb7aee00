import FieldKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A read-only file accessed with `pread`: the old image or the patch, never loaded whole.
final class ReadOnlyFile: RandomAccessBytes {
    let descriptor: Int32
    let count: Int

    init(path: String) throws {
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CommandFailure("cannot open \(path): \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw CommandFailure("cannot stat \(path)")
        }
        count = Int(info.st_size)
    }

    deinit { close(descriptor) }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PatchError) {
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n <= 0 { throw PatchError(.storage(code: n == 0 ? -1 : errno), at: offset + done) }
            done += n
        }
    }
}

/// The output image: a temporary file written with `pwrite`, renamed over the target on success.
struct TemporaryFileSink: ImageSink {
    let descriptor: Int32
    let temporaryPath: String

    init(finalPath: String) throws {
        temporaryPath = finalPath + ".fieldkit-tmp-\(getpid())"
        descriptor = open(temporaryPath, O_RDWR | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot create \(temporaryPath): \(String(cString: strerror(errno)))")
        }
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PatchError) {
        var done = 0
        while done < bytes.count {
            let n = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n <= 0 { throw PatchError(.storage(code: errno), at: offset + done) }
            done += n
        }
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PatchError) {
        let n = pread(descriptor, buffer.baseAddress!, buffer.count, off_t(offset))
        if n != buffer.count { throw PatchError(.storage(code: errno), at: offset) }
    }

    /// Syncs, closes and renames the temporary file over `path`.
    func commit(to path: String) throws {
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            unlink(temporaryPath)
            throw CommandFailure("cannot sync \(temporaryPath)")
        }
        guard rename(temporaryPath, path) == 0 else {
            unlink(temporaryPath)
            throw CommandFailure("cannot rename \(temporaryPath) to \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Closes and deletes the temporary file.
    func discard() {
        close(descriptor)
        unlink(temporaryPath)
    }
}
