import Foundation
import GRDB

/// The server's reading store: a SQLite database (through GRDB) whose table has the primary key
/// (producer, reading index), written with `INSERT OR IGNORE`, so a replayed reading can never be
/// stored twice, across server restarts too: reopening the database keeps everything stored.
///
/// Readings are first *staged*: written, in one transaction per MQTT message, to a `staged` table
/// before the Inbox records their keys and before the message is acknowledged. They move to
/// `readings` (in hybrid-time order, batched) in transactions that also delete them from `staged`,
/// so after a crash every acknowledged reading is in exactly one of the two tables, and the server
/// reloads `staged` into its ordering buffer.
final class DemoStore {
    let path: String
    private let database: DatabaseQueue
    /// Keys known to be stored (loaded from the database on open), to answer at insert time.
    private var keys = Set<UInt64>()
    private var pending: [(producer: UInt64, reading: DemoReading, late: Bool)] = []
    /// Rows refused because their key was already stored.
    private(set) var refused = 0
    /// Rows inserted since open.
    private(set) var inserted = 0

    init(path: String) throws {
        self.path = path
        database = try DatabaseQueue(path: path)
        try database.write { db in
            // Same columns in both: stored readings, and those staged but not yet in order.
            for table in ["readings", "staged"] {
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS \(table) (
                            producer INTEGER NOT NULL,
                            reading INTEGER NOT NULL,
                            timestamp INTEGER NOT NULL,
                            value REAL NOT NULL,
                            PRIMARY KEY (producer, reading)
                        ) WITHOUT ROWID
                        """)
            }
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

    /// Durably stages the new readings of one message (one transaction), before their keys are
    /// recorded and the message is acknowledged.
    func stage(producer: UInt64, readings: [DemoReading]) throws {
        guard !readings.isEmpty else { return }
        try database.write { db in
            let statement = try db.makeStatement(
                sql: "INSERT OR IGNORE INTO staged (producer, reading, timestamp, value) VALUES (?, ?, ?, ?)")
            for reading in readings {
                try statement.execute(arguments: [
                    Int64(bitPattern: producer), Int64(reading.index), Int64(bitPattern: reading.timestamp),
                    reading.value,
                ])
            }
        }
    }

    /// The staged readings not yet stored (what a restarted server must put back in order).
    func stagedReadings() throws -> [(producer: UInt64, reading: DemoReading)] {
        try database.read { db in
            var out: [(producer: UInt64, reading: DemoReading)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT producer, reading, timestamp, value FROM staged")
            while let row = try rows.next() {
                let producer = UInt64(bitPattern: row[0] as Int64)
                let reading = DemoReading(
                    index: UInt32(truncatingIfNeeded: row[1] as Int64), timestamp: UInt64(bitPattern: row[2] as Int64),
                    value: row[3])
                if !keys.contains(Self.key(producer, reading.index)) { out.append((producer, reading)) }
            }
            return out
        }
    }

    /// Inserts a row unless its key is stored; returns whether it was inserted. `late` rows
    /// bypassed the ordering buffer.
    @discardableResult
    func insertOrIgnore(producer: UInt64, reading: DemoReading, late: Bool = false) -> Bool {
        guard keys.insert(Self.key(producer, reading.index)).inserted else {
            refused += 1
            return false
        }
        inserted += 1
        pending.append((producer, reading, late))
        if pending.count >= 4_096 { flush() }
        return true
    }

    func contains(producer: UInt64, index: UInt32) -> Bool { keys.contains(Self.key(producer, index)) }

    var count: Int { keys.count }

    /// Writes pending rows in one transaction with INSERT OR IGNORE on the primary key, and removes
    /// them from the staged table in the same transaction.
    func flush() {
        guard !pending.isEmpty else { return }
        let rows = pending
        pending.removeAll(keepingCapacity: true)
        do {
            try database.write { db in
                let statement = try db.makeStatement(
                    sql: "INSERT OR IGNORE INTO readings (producer, reading, timestamp, value) VALUES (?, ?, ?, ?)")
                let unstage = try db.makeStatement(sql: "DELETE FROM staged WHERE producer = ? AND reading = ?")
                for (producer, reading, _) in rows {
                    try statement.execute(arguments: [
                        Int64(bitPattern: producer), Int64(reading.index), Int64(bitPattern: reading.timestamp),
                        reading.value,
                    ])
                    try unstage.execute(arguments: [Int64(bitPattern: producer), Int64(reading.index)])
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

    /// Drops the rows not yet written, as a crash would, and closes the database; returns how many
    /// of them came through the ordering buffer and how many were late.
    func abandon() -> (ordered: Int, late: Int) {
        let late = pending.filter(\.late).count
        let lost = (pending.count - late, late)
        inserted -= pending.count
        pending.removeAll()
        try? database.close()
        return lost
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
