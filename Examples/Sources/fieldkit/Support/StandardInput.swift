#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads standard input line by line with `read(2)` and a reusable buffer (no per-line C
/// allocation), calling `body` with each line's bytes without the line terminator.
enum StandardInput {
    static func forEachLine(_ body: ([UInt8]) throws -> Void) throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var pending: [UInt8] = []
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            var start = 0
            for i in 0..<n where chunk[i] == 0x0A {
                pending += chunk[start..<i]
                if pending.last == 0x0D { pending.removeLast() }
                try body(pending)
                pending.removeAll(keepingCapacity: true)
                start = i + 1
            }
            pending += chunk[start..<n]
        }
        if !pending.isEmpty {
            if pending.last == 0x0D { pending.removeLast() }
            try body(pending)
        }
    }
}
