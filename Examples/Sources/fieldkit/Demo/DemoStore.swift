import Foundation
import GRDB

/// The server's reading store: a SQLite database (through GRDB) whose table has the primary key
/// (producer, reading index), written with `INSERT OR IGNORE`, so a replayed reading can never be
/// stored twice, across server restarts too: reopening the database keeps everything stored.
final class DemoStore {
    let path: String
    private let database: DatabaseQueue
    /// Keys known to be stored (loaded from the database on open), to answer at insert time.
    private var keys = Set<UInt64>()
    private var pending: [(producer: UInt64, reading: DemoReading)] = []
    /// Rows refused because their key was already stored.
    private(set) var refused = 0
    /// Rows inserted since open.
    private(set) var inserted = 0

    init(path: String) throws {
        self.path = path
        database = try DatabaseQueue(path: path)
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS readings (
                        producer INTEGER NOT NULL,
                        reading INTEGER NOT NULL,
                        timestamp INTEGER NOT NULL,
                        value REAL NOT NULL,
                        PRIMARY KEY (producer, reading)
                    ) WITHOUT ROWID
                    """)
        }
        keys = try Self.storedKeys(database)
    }

    static func key(_ producer: UInt64, _ index: UInt32) -> UInt64 { producer << 32 | UInt64(index) }

    private static func storedKeys(_ database: DatabaseQueue) throws -> Set<UInt64> {
        try database.read { db in
            var keys = Set<UInt64>()
            let rows = try Row.fetchCursor(db, sql: "SELECT producer, reading FROM readings")
            while let row = try rows.next() {
                let producer: Int64 = row[0]
                let reading: Int64 = row[1]
                keys.insert(key(UInt64(bitPattern: producer), UInt32(truncatingIfNeeded: reading)))
            }
            return keys
        }
    }

    /// Inserts a row unless its key is stored; returns whether it was inserted.
    @discardableResult
    func insertOrIgnore(producer: UInt64, reading: DemoReading) -> Bool {
        guard keys.insert(Self.key(producer, reading.index)).inserted else {
            refused += 1
            return false
        }
        inserted += 1
        pending.append((producer, reading))
        if pending.count >= 4_096 { flush() }
        return true
    }

    func contains(producer: UInt64, index: UInt32) -> Bool { keys.contains(Self.key(producer, index)) }

    var count: Int { keys.count }

    /// Writes pending rows in one transaction with INSERT OR IGNORE on the primary key.
    func flush() {
        guard !pending.isEmpty else { return }
        let rows = pending
        pending.removeAll(keepingCapacity: true)
        do {
            try database.write { db in
                let statement = try db.makeStatement(
                    sql: "INSERT OR IGNORE INTO readings (producer, reading, timestamp, value) VALUES (?, ?, ?, ?)")
                for (producer, reading) in rows {
                    try statement.execute(arguments: [
                        Int64(bitPattern: producer), Int64(reading.index), Int64(bitPattern: reading.timestamp),
                        reading.value,
                    ])
                }
            }
        } catch {
            printError("cannot write readings to \(path): \(error)")
        }
    }

    func close() {
        flush()
        try? database.close()
    }
}

extension DemoStore {
    /// Reads the database back: rows and distinct keys (a duplicate stored row would make them differ).
    static func audit(path: String) -> (rows: Int, distinct: Int, keys: Set<UInt64>) {
        guard let database = try? DatabaseQueue(path: path) else { return (0, 0, []) }
        defer { try? database.close() }
        let rows = (try? database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM readings") ?? 0 }) ?? 0
        let keys = (try? storedKeys(database)) ?? []
        return (rows, keys.count, keys)
    }
}
