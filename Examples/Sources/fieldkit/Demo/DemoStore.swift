import Foundation

/// The server's reading store: an append-only file of rows with a unique key (producer, reading
/// index), like `INSERT OR IGNORE` on a unique index. Reopening reads the file back and rebuilds
/// the index, so a server restart keeps what was stored. (GRDB is not in this machine's package
/// mirror, so the demo keeps this small store instead of SQLite.)
final class DemoStore {
    let path: String
    private var handle: FileHandle
    private var keys = Set<UInt64>()
    private var buffered = ""
    /// Rows refused because their key was already stored.
    private(set) var refused = 0
    /// Rows physically written since open.
    private(set) var inserted = 0

    init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 4, let producer = UInt64(fields[0]), let index = UInt32(fields[1]) else {
                throw CommandFailure("\(path): malformed row \(line)")
            }
            keys.insert(producer << 32 | UInt64(index))
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CommandFailure("cannot open \(path)") }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    static func key(_ producer: UInt64, _ index: UInt32) -> UInt64 { producer << 32 | UInt64(index) }

    /// Inserts a row unless its key is stored; returns whether it was inserted.
    @discardableResult
    func insertOrIgnore(producer: UInt64, reading: DemoReading) -> Bool {
        guard keys.insert(Self.key(producer, reading.index)).inserted else {
            refused += 1
            return false
        }
        inserted += 1
        buffered += "\(producer) \(reading.index) \(reading.timestamp) \(reading.value)\n"
        if buffered.utf8.count > 1 << 16 { flush() }
        return true
    }

    func contains(producer: UInt64, index: UInt32) -> Bool { keys.contains(Self.key(producer, index)) }

    var count: Int { keys.count }

    func flush() {
        guard !buffered.isEmpty else { return }
        handle.write(Data(buffered.utf8))
        buffered = ""
    }

    func close() {
        flush()
        handle.synchronizeFile()
        handle.closeFile()
    }
}

extension DemoStore {
    /// Reads the file back: rows and distinct keys (a duplicate stored row makes them differ).
    static func audit(path: String) -> (rows: Int, distinct: Int, keys: Set<UInt64>) {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var rows = 0
        var keys = Set<UInt64>()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 4, let producer = UInt64(fields[0]), let index = UInt32(fields[1]) else { continue }
            rows += 1
            keys.insert(key(producer, index))
        }
        return (rows, keys.count, keys)
    }
}
