import FieldCore
import FieldKitTestSupport
import FieldOutbox
import Foundation
import Testing

/// A directory written by an independent implementation of the documented format
/// (Scripts/outbox-fixtures.py, Python with the PyPI crc32c package).
@Suite("Independent writer (Python fixture)")
struct FixtureTests {
    static let fixture = TestData.fixture("python-writer", module: "FieldOutbox").path

    @Test("recovers exactly the records, floors, single acknowledgements and counters the Python writer laid down")
    func pythonWriter() throws {
        let directory = NSTemporaryDirectory() + "fieldoutbox-fixture-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: directory)
        let manifest = try String(contentsOfFile: directory + "/manifest.txt", encoding: .utf8)
        try FileManager.default.removeItem(atPath: directory + "/manifest.txt")

        var expected: [OutboxMessage] = []
        var epoch: UInt32 = 0
        var evicted: [UInt64] = []
        for line in manifest.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            if fields[0] == "epoch" {
                epoch = UInt32(fields[1])!
            } else if fields[0] == "evicted" {
                evicted = [UInt64(fields[1])!, UInt64(fields[2])!]
            } else {
                let hex = Array(fields[2].utf8)
                let payload = stride(from: 0, to: hex.count, by: 2).map {
                    UInt8(String(decoding: hex[$0..<($0 + 2)], as: UTF8.self), radix: 16)!
                }
                expected.append(
                    OutboxMessage(
                        key: MessageKey(parsing: String(fields[0]))!, priority: UInt8(fields[1])!, payload: payload))
            }
        }
        var configuration = OutboxConfiguration(producer: 9)
        configuration.segmentCapacity = 4096
        configuration.budgetBytes = 1 << 20
        var outbox = try Outbox(storage: try PosixStorage(directory: directory), configuration: configuration)
        #expect(outbox.epoch == epoch)
        #expect(try outbox.pendingMessages() == expected)
        let stats = try outbox.statistics()
        #expect(stats.evictedRecords[0] == evicted[0])
        #expect(stats.evictedBytes[0] == evicted[1])
        #expect(stats.tornTails == 1)
        // Delivery follows the listing; epoch 3 waits until epoch 2 is acknowledged.
        let batch = try outbox.peekBatch(maximumCount: 10, now: .epoch)
        #expect(batch.messages == Array(expected.prefix(4)))
        #expect(batch.floor == expected[0].key)
        try outbox.acknowledge(batch.messages.map(\.key))
        let next = try outbox.peekBatch(maximumCount: 10, now: .epoch)
        #expect(next.messages == [expected[4]])
        #expect(next.floor == expected[4].key)
    }
}
