#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The current process's identifier.
enum ProcessID {
    static var current: Int32 { getpid() }
}

/// Unbuffered, line-at-a-time standard output (so a consumer reading a pipe sees each line at once).
enum StandardOutput {
    static func writeLine(_ line: String) {
        var text = line + "\n"
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
