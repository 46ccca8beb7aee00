import FieldCore
import Foundation
import Testing

@testable import FieldUpdate

@Suite("Malformed manifests give typed errors")
struct MalformedManifestTests {
    static func reference() throws -> [UInt8] { try Fixtures.bytes("manifest.bin") }

    @Test("every truncation of the binary manifest is refused")
    func truncations() throws {
        let bytes = try Self.reference()
        for length in 0..<bytes.count {
            #expect(throws: FieldUpdateError.self) { _ = try UpdateManifest(binary: Array(bytes[0..<length])) }
        }
    }

    @Test("every single-byte corruption is refused or decodes to a valid, different manifest")
    func corruptions() throws {
        let bytes = try Self.reference()
        let original = try UpdateManifest(binary: bytes)
        var rng = SplitMix64(seed: 7)
        for index in 0..<bytes.count {
            var corrupt = bytes
            corrupt[index] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            do throws(FieldUpdateError) {
                let decoded = try UpdateManifest(binary: corrupt)
                #expect(decoded != original)
                #expect(try decoded.binaryEncoded() == corrupt)
            } catch {
                if let offset = error.offset { #expect(offset >= 0 && offset <= corrupt.count) }
            }
        }
    }

    @Test("specific binary faults name the rule and the offset")
    func binaryFaults() throws {
        let bytes = try Self.reference()
        var badMagic = bytes
        badMagic[0] = 0
        #expect(throws: FieldUpdateError(.badMagic, at: 0)) { _ = try UpdateManifest(binary: badMagic) }
        var badFormat = bytes
        badFormat[4] = 2
        #expect(throws: FieldUpdateError(.unsupportedFormatVersion(2), at: 4)) {
            _ = try UpdateManifest(binary: badFormat)
        }
        #expect(throws: FieldUpdateError(.unknownField, at: bytes.count)) {
            _ = try UpdateManifest(binary: bytes + [9, 0])
        }
        // A second security-counter field after the preconditions.
        #expect(throws: FieldUpdateError(.duplicateField("security_counter"), at: bytes.count)) {
            _ = try UpdateManifest(binary: bytes + [2, 1, 7])
        }
        // A field length larger than what remains.
        #expect(throws: FieldUpdateError.self) {
            _ = try UpdateManifest(binary: bytes + [6, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        }
        // Only magic and format: every required field missing.
        #expect(throws: FieldUpdateError(.missingField("version"), at: 5)) {
            _ = try UpdateManifest(binary: Array(bytes[0..<5]))
        }
    }

    @Test("a non-minimal LEB128 length is refused (one manifest, one byte string)")
    func nonCanonical() throws {
        let bytes = try Self.reference()
        // Field 1 (version) at offset 5: tag, length 3. Re-encode its length as 0x83 0x00.
        #expect(bytes[5] == 1 && bytes[6] == 3)
        let padded = Array(bytes[0..<6]) + [0x83, 0x00] + Array(bytes[7...])
        #expect(throws: FieldUpdateError.self) { _ = try UpdateManifest(binary: padded) }
    }

    @Test("encoder refuses manifests that break the rules")
    func invalidManifests() throws {
        let image = Releases.image(1, count: 1000)
        var m = Releases.manifest(for: image)
        m.image.chunkDigests.removeLast()
        #expect(throws: FieldUpdateError(.malformedField("image.chunks"))) { _ = try m.binaryEncoded() }
        m = Releases.manifest(for: image)
        m.hardwareTarget = "has space"
        #expect(throws: FieldUpdateError(.malformedField("hardware"))) { _ = try m.binaryEncoded() }
        m.hardwareTarget = String(repeating: "x", count: 65)
        #expect(throws: FieldUpdateError(.valueOutOfRange("hardware"))) { _ = try m.jsonEncoded() }
        m = Releases.manifest(for: image)
        m.image.chunkSize = 32
        #expect(throws: FieldUpdateError(.valueOutOfRange("image.chunk_size"))) { _ = try m.binaryEncoded() }
        m = Releases.manifest(for: image)
        m.preconditions.minimumBatteryPercent = 101
        #expect(throws: FieldUpdateError.self) { _ = try m.binaryEncoded() }
        m = Releases.manifest(for: image)
        let patch = DeltaPatch(baseVersion: Releases.v1, payload: PayloadDescriptor(describing: image, chunkSize: 64))
        m.patches = [patch, patch]
        #expect(throws: FieldUpdateError(.duplicateField("patch.from"))) { _ = try m.binaryEncoded() }
    }

    static let validJSON = """
        {"format":1,"version":"1.0.0","security_counter":1,"hardware":"x",
         "image":{"size":1,"sha256":"\(String(repeating: "ab", count: 32))","chunk_size":64,
                  "chunks":["\(String(repeating: "ab", count: 32))"]}}
        """

    @Test("the minimal JSON manifest decodes; optional members default")
    func minimalJSON() throws {
        let m = try UpdateManifest(json: Array(Self.validJSON.utf8))
        #expect(m.patches.isEmpty)
        #expect(m.preconditions == UpdatePreconditions())
    }

    @Test(
        "JSON faults are refused with a typed error",
        arguments: [
            ("{", FieldUpdateError.Reason.truncated),
            ("", .truncated),
            ("[]", .malformedField("manifest")),
            ("{\"format\":1,}", .invalidJSON),
            ("{\"format\":2}", .unsupportedFormatVersion(2)),
            ("{\"format\":1,\"extra\":true}", .unknownField),
            ("{\"format\":1,\"format\":1}", .duplicateField("format")),
            ("{\"format\":1}", .missingField("version")),
            ("{\"format\":-1}", .valueOutOfRange("number")),
            ("{\"format\":1.0}", .valueOutOfRange("number")),
            ("{\"format\":01}", .invalidJSON),
            ("{\"format\":99999999999999999999}", .valueOutOfRange("number")),
            ("{\"format\":1,\"version\":\"1.0\"}", .malformedField("version")),
            ("{\"format\":1,\"version\":\"\\ud800\"}", .invalidJSON),
            ("{\"format\":1,\"version\":\"\\x\"}", .invalidJSON),
            ("{\"format\":1,\"version\":\"a\u{01}\"}", .invalidJSON),
            ("{\"format\":1} x", .trailingBytes),
            (String(repeating: "[", count: 40), .valueOutOfRange("json depth")),
        ])
    func jsonFaults(text: String, kind: FieldUpdateError.Reason) {
        do throws(FieldUpdateError) {
            _ = try UpdateManifest(json: Array(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.reason == kind, "\(text)")
        }
    }

    @Test("JSON field-level faults: bad digest, wrong chunk count, unknown connectivity, invalid UTF-8")
    func jsonFieldFaults() throws {
        let good = Self.validJSON
        let cases: [(String, FieldUpdateError.Reason)] = [
            (good.replacingOccurrences(of: "\"size\":1,", with: "\"size\":0,"), .valueOutOfRange("image.size")),
            (
                good.replacingOccurrences(of: "\"sha256\":\"ab", with: "\"sha256\":\"AB"),
                .malformedField("image.sha256")
            ),
            (good.replacingOccurrences(of: "\"size\":1,", with: "\"size\":65,"), .malformedField("image.chunks")),
            (good.replacingOccurrences(of: "\"hardware\":\"x\"", with: "\"hardware\":5"), .malformedField("hardware")),
            (
                good.replacingOccurrences(
                    of: "}}", with: "},\"preconditions\":{\"connectivity\":[\"carrier-pigeon\"]}}"),
                .valueOutOfRange("preconditions.connectivity")
            ),
        ]
        for (text, kind) in cases {
            #expect(text != good)
            do throws(FieldUpdateError) {
                _ = try UpdateManifest(json: Array(text.utf8))
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.reason == kind, "\(text)")
            }
        }
        var invalidUTF8 = Array(good.utf8)
        let at = invalidUTF8.firstIndex(of: UInt8(ascii: "x"))!
        invalidUTF8[at] = 0xC3
        #expect(throws: FieldUpdateError(.invalidJSON, at: at - 1)) { _ = try UpdateManifest(json: invalidUTF8) }
    }

    @Test("every truncation of the JSON manifest is refused")
    func jsonTruncations() throws {
        let bytes = try Fixtures.bytes("signed.json")
        for length in stride(from: 0, to: bytes.count - 2, by: 3) {
            #expect(throws: FieldUpdateError.self) { _ = try SignedManifest(json: Array(bytes[0..<length])) }
        }
    }
}
