import FieldOutbox
import Foundation
import Synchronization
import Testing

@Suite("POSIX storage")
struct PosixStorageTests {
    func temporaryDirectory() -> String {
        NSTemporaryDirectory() + "fieldoutbox-test-" + UUID().uuidString
    }

    @Test("an outbox on files survives reopening; names and sizes are as documented")
    func roundTrip() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            var outbox = try Outbox(
                storage: try PosixStorage(directory: directory), configuration: smallConfiguration())
            for i in 0..<100 {
                try outbox.enqueue(
                    selfDescribingPayload(epoch: 1, sequence: UInt64(i), length: 120), priority: UInt8(i % 2))
            }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names.first == "outbox.state")
        #expect(names.contains("segment-00000010.fko"))
        let size = try FileManager.default.attributesOfItem(atPath: directory + "/segment-00000010.fko")[.size] as? Int
        #expect(size == 4096)
        let reopened = try Outbox(storage: try PosixStorage(directory: directory), configuration: smallConfiguration())
        let pending = try reopened.pendingMessages()
        #expect(pending.count == 100)
        #expect(pending.allSatisfy(isGenuine))
    }

    @Test("a foreign file in the directory is refused, untouched; leftover temporary files are removed")
    func foreign() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try Outbox(storage: try PosixStorage(directory: directory), configuration: smallConfiguration())
        _ = FileManager.default.createFile(atPath: directory + "/segment-00000099.fko.tmp", contents: Data([1, 2]))
        _ = try PosixStorage(directory: directory)
        #expect(!FileManager.default.fileExists(atPath: directory + "/segment-00000099.fko.tmp"))
        _ = FileManager.default.createFile(atPath: directory + "/notes.txt", contents: Data("mine".utf8))
        #expect(outboxError { try PosixStorage(directory: directory) } == .foreignFile(name: "notes.txt"))
        #expect(FileManager.default.contents(atPath: directory + "/notes.txt") == Data("mine".utf8))
    }

    @Test("SharedOutbox: concurrent writers share syncs and every returned key is durable and unique")
    func groupCommit() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = smallConfiguration()
        configuration.segmentCapacity = 1 << 16
        let outbox = try Outbox(storage: try PosixStorage(directory: directory), configuration: configuration)
        let shared = try SharedOutbox(outbox: outbox, groupSize: 8, maximumDelay: .milliseconds(5))
        let keys = Mutex<[MessageKey]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { writer in
            for i in 0..<25 {
                if let key = try? shared.enqueue(selfDescribingPayload(epoch: 1, sequence: 0, length: 20 + writer + i))
                {
                    keys.withLock { $0.append(key) }
                }
            }
        }
        let all = keys.withLock { $0 }
        #expect(all.count == 200)
        #expect(Set(all).count == 200)
        let reopened = try Outbox(storage: try PosixStorage(directory: directory), configuration: configuration)
        #expect(Set(try reopened.pendingMessages().map(\.key)) == Set(all))
    }
}
