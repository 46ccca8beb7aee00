import FieldDelta

/// FieldDelta binary patches in Embedded Swift: make a patch, apply it with a 3.3 KB buffer,
/// resume after a simulated power cut, and reject a corrupted patch.
func runDeltaPatchSelfTest(_ check: inout Checker) {
    check.begin("FieldDelta patch")
    var old = [UInt8](repeating: 0, count: 3000)
    var state: UInt32 = 0x1234_5678
    for i in 0..<old.count {
        state = state &* 1_664_525 &+ 1_013_904_223
        old[i] = i % 7 == 0 ? 0xE8 : UInt8(truncatingIfNeeded: state >> 24)
    }
    var new = old
    new.replaceSubrange(1000..<1010, with: [1, 2, 3, 4, 5])
    new[2500] ^= 0x5A
    new += [9, 8, 7, 6]
    let options = PatchDiffer.Options(chunkSize: 1024, pageShift: 10, transforms: [.x86], allowsFullImage: false)
    let patch = PatchDiffer.makePatch(from: old, to: new, options: options)
    check.expect(patch.count < new.count / 4, "patch is small")

    var sink = ByteArrayImage()
    var applied = false
    do throws(PatchError) {
        try PatchApplier.apply(patch: ByteArrayImage(patch), old: ByteArrayImage(old), into: &sink, bufferSize: 3328)
        applied = true
    } catch {
        applied = false
    }
    check.expect(applied && sink.bytes == new, "apply rebuilds the new image")

    // Power cut after the first chunk: resume from the saved record.
    var resumed = ByteArrayImage()
    var finished = false
    do throws(PatchError) {
        let first = try PatchApplier(old: ByteArrayImage(old), patch: ByteArrayImage(patch), bufferSize: 3328)
        _ = try first.step(into: &resumed)
        let record = try ApplyProgress(serialized: first.progress.serialized())
        let second = try PatchApplier(
            old: ByteArrayImage(old), patch: ByteArrayImage(patch), bufferSize: 3328, resumingFrom: record)
        while try !second.step(into: &resumed) {}
        finished = second.isComplete
    } catch {
        finished = false
    }
    check.expect(finished && resumed.bytes == new, "resume after a cut rebuilds the new image")

    var corrupt = patch
    corrupt[corrupt.count - 3] ^= 0x10
    var rejected = false
    var scratch = ByteArrayImage()
    do throws(PatchError) {
        try PatchApplier.apply(
            patch: ByteArrayImage(corrupt), old: ByteArrayImage(old), into: &scratch, bufferSize: 3328)
    } catch {
        rejected = true
    }
    check.expect(rejected, "a corrupted patch is rejected")
}
