import FieldCore
import Foundation
import Testing

@testable import FieldUpdate

@Suite("Manifest encodings against the Python reference")
struct ManifestCodecTests {
    @Test("JSON fixture decodes and re-encodes to the reference binary bytes")
    func jsonToBinary() throws {
        let manifest = try UpdateManifest(json: try Fixtures.bytes("manifest.json"))
        #expect(try manifest.binaryEncoded() == Fixtures.bytes("manifest.bin"))
        #expect(manifest.version == FirmwareVersion(major: 1, minor: 4, patch: 0))
        #expect(manifest.securityCounter == 7)
        #expect(manifest.hardwareTarget == "meter-r3")
        #expect(
            manifest.preconditions
                == UpdatePreconditions(minimumBatteryPercent: 30, allowedConnectivity: [.ethernet, .wifi]))
        #expect(manifest.patches.count == 1)
        #expect(manifest.patch(from: FirmwareVersion(major: 1, minor: 3, patch: 0)) != nil)
    }

    @Test("binary fixture decodes to the JSON fixture's manifest; digests match hashlib's")
    func binaryMatchesJSON() throws {
        let fromBinary = try UpdateManifest(binary: try Fixtures.bytes("manifest.bin"))
        let fromJSON = try UpdateManifest(json: try Fixtures.bytes("manifest.json"))
        #expect(fromBinary == fromJSON)
        let image = try Fixtures.bytes("image-1.4.0.bin")
        #expect(PayloadDescriptor(describing: image, chunkSize: 256) == fromBinary.image)
        let patch = try Fixtures.bytes("patch-1.3.0-1.4.0.bin")
        #expect(PayloadDescriptor(describing: patch, chunkSize: 128) == fromBinary.patches[0].payload)
    }

    @Test("our JSON is valid JSON with the reference's values, and round trips")
    func jsonRoundTrip() throws {
        let manifest = try UpdateManifest(binary: try Fixtures.bytes("manifest.bin"))
        let text = try manifest.jsonEncoded()
        let ours = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! NSDictionary
        let reference = try Fixtures.json("manifest.json") as! NSDictionary
        #expect(ours == reference)
        #expect(try UpdateManifest(json: Array(text.utf8)) == manifest)
    }

    @Test("random manifests round trip through both encodings", arguments: 0..<40)
    func randomRoundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let size = Int(rng.next() % 5000) + 1
        let image = Releases.image(seed, count: size)
        let chunk = UInt32(64 + rng.next() % 1000)
        var patches: [DeltaPatch] = []
        for i in 0..<Int(rng.next() % 4) {
            let patch = Releases.image(seed &+ 100 &+ UInt64(i), count: Int(rng.next() % 700) + 1)
            patches.append(
                DeltaPatch(
                    baseVersion: FirmwareVersion(major: UInt32(i), minor: UInt32(rng.next() % 1000), patch: UInt32.max),
                    payload: PayloadDescriptor(describing: patch, chunkSize: 64)))
        }
        let manifest = UpdateManifest(
            version: FirmwareVersion(major: 9, minor: UInt32(rng.next() % 100_000), patch: 0),
            securityCounter: UInt32(truncatingIfNeeded: rng.next()), hardwareTarget: "board-\(rng.next() % 1000)",
            image: PayloadDescriptor(describing: image, chunkSize: chunk), patches: patches,
            preconditions: UpdatePreconditions(
                minimumBatteryPercent: UInt8(rng.next() % 101),
                allowedConnectivity: ConnectivitySet(rawValue: UInt8(rng.next() % 32))))
        #expect(try UpdateManifest(binary: manifest.binaryEncoded()) == manifest)
        #expect(try UpdateManifest(json: Array(manifest.jsonEncoded().utf8)) == manifest)
    }

    @Test("versions parse and order")
    func versions() {
        #expect(FirmwareVersion(parsing: "2.10.0")! > FirmwareVersion(parsing: "2.9.7")!)
        #expect(FirmwareVersion(parsing: "4294967295.0.1") != nil)
        for bad in [
            "", "1", "1.2", "1.2.3.4", "1..2", "-1.2.3", "1.2.x", "4294967296.0.0", "01234567890.0.0", " 1.2.3",
        ] {
            #expect(FirmwareVersion(parsing: bad) == nil, "\(bad)")
        }
    }
}

@Suite("Signed manifests and verifiers")
struct SignedManifestTests {
    @Test("binary and JSON envelopes from the reference verify with the right key")
    func verifyFixtures() throws {
        let binary = try SignedManifest(binary: try Fixtures.bytes("signed.bin"))
        let json = try SignedManifest(json: try Fixtures.bytes("signed.json"))
        #expect(binary == json)
        let verified = try binary.verified(by: KeyedHashVerifier())
        #expect(verified.manifest.version == FirmwareVersion(major: 1, minor: 4, patch: 0))
        #expect(binary.binaryEncoded() == (try Fixtures.bytes("signed.bin")))
        #expect(try SignedManifest(json: Array(json.jsonEncoded().utf8)) == json)
    }

    @Test("a wrong key, a flipped signature bit or a changed manifest is refused")
    func refusals() throws {
        let signed = try SignedManifest(binary: try Fixtures.bytes("signed.bin"))
        #expect(throws: FieldUpdateError(.signatureRejected)) {
            _ = try signed.verified(by: KeyedHashVerifier(key: Array("other".utf8)))
        }
        var flipped = signed.signature
        flipped[5] ^= 1
        #expect(throws: FieldUpdateError(.signatureRejected)) {
            _ = try SignedManifest(manifest: signed.manifest, signature: flipped).verified(by: KeyedHashVerifier())
        }
        var changed = signed.manifest
        changed.securityCounter += 1
        #expect(throws: FieldUpdateError(.signatureRejected)) {
            _ = try SignedManifest(manifest: changed, signature: signed.signature).verified(by: KeyedHashVerifier())
        }
    }

    @Test("an empty signature is refused even by a verifier that accepts everything")
    func emptySignature() throws {
        let manifest = try UpdateManifest(binary: try Fixtures.bytes("manifest.bin"))
        #expect(throws: FieldUpdateError(.signatureRejected)) {
            _ = try SignedManifest(manifest: manifest, signature: []).verified(by: AcceptAllVerifier())
        }
    }

    @Test("signed envelope: every truncation and trailing garbage gives a typed error")
    func envelopeMalformed() throws {
        let bytes = try Fixtures.bytes("signed.bin")
        for length in 0..<bytes.count {
            #expect(throws: FieldUpdateError.self) { _ = try SignedManifest(binary: Array(bytes[0..<length])) }
        }
        #expect(throws: FieldUpdateError(.trailingBytes, at: bytes.count)) {
            _ = try SignedManifest(binary: bytes + [0])
        }
    }
}
