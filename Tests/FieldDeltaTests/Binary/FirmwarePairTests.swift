import FieldCore
import FieldDelta
import Foundation
import Testing

@Suite("Firmware pairs compiled from C (Scripts/make-delta-fixtures.py)")
struct FirmwarePairTests {
    static func image(_ name: String) -> [UInt8] {
        let encoded: String
        switch name {
        case "v1": encoded = FirmwareFixtures.v1
        case "v2": encoded = FirmwareFixtures.v2
        default: encoded = FirmwareFixtures.v2Edited
        }
        return [UInt8](Data(base64Encoded: encoded, options: .ignoreUnknownCharacters)!)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("round trip, hashlib digests in the header, smaller than bsdiff", arguments: 0..<3)
    func pair(index: Int) throws {
        let pair = FirmwareFixtures.pairs[index]
        let old = FirmwarePairTests.image(pair.old)
        let new = FirmwarePairTests.image(pair.new)
        let patch = PatchDiffer.makePatch(from: old, to: new, options: PatchDiffer.Options(chunkSize: 8192))
        let header = try PatchHeader(parsing: patch)
        #expect(FirmwarePairTests.hex(header.oldDigest) == pair.oldSHA256)
        #expect(FirmwarePairTests.hex(header.newDigest) == pair.newSHA256)
        #expect(header.newSize == new.count)
        #expect(patch.count < pair.bsdiffSize, "ours \(patch.count) vs bsdiff4 \(pair.bsdiffSize)")
        for bufferSize in [8448, 12 * 1024, 64 * 1024] {
            #expect(try PatchTestData.apply(patch, old: old, bufferSize: bufferSize).get() == new)
        }
    }

    @Test("the x86 transform is detected from the ELF header and round-trips on real code")
    func transform() throws {
        let old = FirmwarePairTests.image("v1")
        let new = FirmwarePairTests.image("v2")
        #expect(BranchTransform.detect(in: new) == .x86)
        let patch = PatchDiffer.makePatch(
            from: old, to: new, options: PatchDiffer.Options(transforms: [.x86], allowsFullImage: false))
        #expect(try PatchHeader(parsing: patch).transform == .x86)
        #expect(try PatchTestData.apply(patch, old: old).get() == new)
    }
}
