import FieldCore
import Testing

@testable import FieldUpdate

/// Seeded random and mutated inputs for every decoder of untrusted bytes: each must return a value
/// or a typed error, never trap.
@Suite("Hostile input never traps")
struct HostileInputTests {
    static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var out = bytes
        for _ in 0..<(1 + Int(rng.next() % 4)) {
            guard !out.isEmpty else { break }
            let at = Int(rng.next() % UInt64(out.count))
            switch rng.next() % 4 {
            case 0: out[at] = UInt8(truncatingIfNeeded: rng.next())
            case 1: out.remove(at: at)
            case 2: out.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
            default: out[at] = [0x00, 0x7F, 0x80, 0xFF][Int(rng.next() % 4)]
            }
        }
        return out
    }

    @Test("binary manifests, envelopes and records: 3,000 mutations each")
    func binaryDecoders() throws {
        var rng = SplitMix64(seed: 99)
        let manifest = try Fixtures.bytes("manifest.bin")
        let envelope = try Fixtures.bytes("signed.bin")
        let release = try SignedManifest(binary: envelope).verified(by: KeyedHashVerifier())
        var record = UpdateRecord(factoryImage: Releases.installed([1, 2, 3], Releases.v1, counter: 1), in: .a)
        record.phase = .downloading(PendingRelease(verified: release, payload: .fullImage), nextChunk: 2)
        let recordBytes = record.binaryEncoded()
        var accepted = 0
        for _ in 0..<3000 {
            if (try? UpdateManifest(binary: Self.mutate(manifest, &rng))) != nil { accepted += 1 }
            if (try? SignedManifest(binary: Self.mutate(envelope, &rng))) != nil { accepted += 1 }
            if (try? UpdateRecord(binary: Self.mutate(recordBytes, &rng))) != nil { accepted += 1 }
        }
        // Some mutations land in digests or names and stay valid; most must be refused.
        #expect(accepted < 3000)
        for length in [0, 1, 5, 64, 1000] {
            let noise = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(throws: FieldUpdateError.self) { _ = try UpdateManifest(binary: noise) }
            #expect(throws: FieldUpdateError.self) { _ = try SignedManifest(binary: noise) }
        }
    }

    @Test("JSON manifests: 3,000 mutations, deep nesting and huge numbers")
    func jsonDecoder() throws {
        var rng = SplitMix64(seed: 7)
        let json = try Fixtures.bytes("signed.json")
        for _ in 0..<3000 {
            _ = try? SignedManifest(json: Self.mutate(json, &rng))
        }
        let deep = Array(String(repeating: "{\"a\":", count: 5000).utf8)
        #expect(throws: FieldUpdateError.self) { _ = try UpdateManifest(json: deep) }
        let big = Array("{\"format\":1,\"security_counter\":\(String(repeating: "9", count: 400))}".utf8)
        #expect(throws: FieldUpdateError.self) { _ = try UpdateManifest(json: big) }
    }

    @Test("torn and corrupted record banks load the intact record or report corruption")
    func recordBanks() throws {
        var rng = SplitMix64(seed: 3)
        var store = DualBankRecordStore(medium: MemoryRecordMedium(bankCapacity: 4096))
        let first = UpdateRecord(factoryImage: Releases.installed([1], Releases.v1, counter: 1), in: .a)
        try store.commit(first)
        var second = first
        second.securityFloor = 9
        try store.commit(second)
        for _ in 0..<500 {
            var medium = store.medium
            let bank = Int(rng.next() % 2)
            medium.banks[bank] = Self.mutate(medium.banks[bank], &rng)
            var reloaded = DualBankRecordStore(medium: medium)
            do throws(FieldUpdateError) {
                let record = try reloaded.load()
                #expect(record == first || record == second)
            } catch {
                Issue.record("one intact bank must always load: \(error)")
            }
        }
    }
}
