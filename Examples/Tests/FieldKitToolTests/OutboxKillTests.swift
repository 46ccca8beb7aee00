import FieldCore
import FieldOutbox
import Foundation
import Testing

/// The real thing: `fieldkit outbox enqueue` is SIGKILLed at random moments; every key it printed
/// as durable must be recovered, with the payload it wrote. FIELDKIT_KILL_ROUNDS overrides the
/// number of rounds (default 200).
@Suite("kill -9", .requiresTool)
struct OutboxKillTests {

    /// The payload the CLI writes for a key (its documented derivation).
    static func cliPayload(_ key: MessageKey, size: Int) -> [UInt8] {
        var rng = SplitMix64(seed: UInt64(key.epoch) << 40 ^ key.sequence)
        return (0..<size).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    static func configuration() -> OutboxConfiguration {
        var configuration = OutboxConfiguration(producer: 1)
        configuration.segmentCapacity = 64 << 10
        configuration.budgetBytes = 1 << 30
        return configuration
    }

    @Test("every key printed as durable survives SIGKILL at a random moment")
    func killNine() throws {
        let rounds = Int(ProcessInfo.processInfo.environment["FIELDKIT_KILL_ROUNDS"] ?? "") ?? 200
        var rng = SplitMix64(seed: UInt64(rounds) &* 0x9E37)
        let root = NSTemporaryDirectory() + "fieldoutbox-kill-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        var directory = root + "/0"
        var printed: [MessageKey: Int] = [:]  // key -> payload size
        var acknowledgedThrough: MessageKey? = nil
        var killedWithOutput = 0
        for round in 0..<rounds {
            if round % 50 == 0 {
                directory = root + "/\(round)"
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                printed = [:]
                acknowledgedThrough = nil
            }
            let size = 12 + Int(rng.next() % 400)
            let sync = rng.next() % 3 == 0 ? "group" : "every"
            let (process, pipe, _) = try FieldKitTool.launch([
                "outbox", "enqueue", "--dir", directory, "--count", "1000000", "--size", String(size),
                "--sync", sync, "--group", String(1 + rng.next() % 16), "--segment-size", "65536",
                "--priority", String(rng.next() % 3),
            ])
            try process.run()
            usleep(UInt32(30_000 + rng.next() % 200_000))
            kill(process.processIdentifier, SIGKILL)
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal, "round \(round): the child ended on its own")
            var lines = 0
            for line in output.split(separator: "\n") {
                guard line.hasPrefix("durable "), let key = MessageKey(parsing: String(line.dropFirst(8))) else {
                    Issue.record("round \(round): unexpected output line \(line)")
                    continue
                }
                printed[key] = size
                lines += 1
            }
            if lines > 0 { killedWithOutput += 1 }

            // Recover in-process and check.
            var outbox = try Outbox(
                storage: try PosixStorage(directory: directory), configuration: Self.configuration())
            let pending = try outbox.pendingMessages()
            var recovered: [MessageKey: [UInt8]] = [:]
            var previous: MessageKey? = nil
            for message in pending {
                recovered[message.key] = message.payload
                #expect(
                    message.payload == Self.cliPayload(message.key, size: message.payload.count),
                    "round \(round): \(message.key) payload differs")
                if let previous { #expect(previous < message.key) }
                previous = message.key
            }
            for (key, size) in printed where acknowledgedThrough.map({ key > $0 }) ?? true {
                guard let payload = recovered[key] else {
                    Issue.record("round \(round): \(key) was printed durable but is missing")
                    return
                }
                #expect(payload.count == size)
            }
            // Now and then acknowledge everything, so compaction runs between kills too.
            if round % 7 == 6, let last = pending.last {
                try outbox.acknowledge(through: last.key)
                acknowledgedThrough = last.key
            }
        }
        #expect(killedWithOutput > rounds / 4, "too few rounds printed anything before the kill")
    }
}
