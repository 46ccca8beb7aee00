// libFuzzer target for the FieldDelta series decoders (block decoder, series file, CSV parser).
// Built and run by Scripts/delta_series_fuzz.sh; not part of the package.
import FieldCore
import FieldDelta

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a few valid blocks and files as the starting corpus when FIELDKIT_FUZZ_SEEDS names a folder.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
    guard let folder = getenv("FIELDKIT_FUZZ_SEEDS").map({ String(cString: $0) }) else { return 0 }
    var rng = SplitMix64(seed: 1)
    let times = (0..<200).map { 1_700_000_000 + Int64($0) * 60 }
    var walk = 20.0
    let decimals = (0..<200).map { _ -> Double in
        walk += Double.random(in: -0.3...0.3, using: &rng)
        return (walk * 100).rounded() / 100
    }
    let noise = (0..<200).map { _ in Double(bitPattern: rng.next()) }
    var seeds: [[UInt8]] = []
    for codec: SeriesOptions.FloatCodec in [.automatic, .gorilla, .chimp128, .decimal, .plain] {
        let options = SeriesOptions(floatCodec: codec)
        seeds.append(
            try! SeriesBlock.encode(
                [.timestamps(times), .floats(decimals), .floats(noise), .integers(times)], options: options))
    }
    seeds.append(try! SeriesBlock.encode([.floats(decimals)], options: SeriesOptions(absoluteErrorBound: 0.05)))
    // Block bodies without their CRC: the target reseals them, so mutations reach the payload decoders.
    seeds = seeds.flatMap { [$0, Array($0.dropLast(4))] }
    let table = SeriesTable(
        names: ["time", "a", "b"], timestampFormat: SeriesTimestampFormat(style: .epochSeconds), timestamps: times,
        columns: [decimals, noise])
    seeds.append(try! table.encodeFile())
    seeds.append(table.formatCSV())
    for (index, seed) in seeds.enumerated() {
        let path = folder + "/seed-\(index)"
        if let file = fopen(path, "wb") {
            _ = seed.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            fclose(file)
        }
    }
    return 0
}

/// One fuzz input: decoded as a block (as is and resealed), as a series file and as CSV.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = count == 0 ? [] : Array(UnsafeRawBufferPointer(start: start, count: count))
    // 1. As received (mostly stopped by the checksum).
    _ = try? SeriesBlock.decode(bytes)
    // 2. Resealed with a valid CRC-32C, so the header and column decoders see the mutation.
    var sealed = bytes
    let crc = CRC32C.checksum(bytes)
    for shift in stride(from: 0, to: 32, by: 8) { sealed.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift))) }
    if let block = try? SeriesBlock.decode(sealed) {
        // Whatever decodes must re-encode and decode to the same columns (lossless codecs).
        let again = try! SeriesBlock.encode(block.columns)
        precondition(try! SeriesBlock.decode(again).columns == block.columns, "re-encode mismatch")
    }
    _ = sealed.withUnsafeBytes { try? SeriesBlock.inspectPrefix(of: $0) }
    // 3. As a series file and as CSV text.
    if let table = try? SeriesTable.decodeFile(bytes) { _ = table.formatCSV() }
    if let table = try? SeriesTable.parseCSV(bytes) {
        // Whatever parses must survive the series file round trip unchanged.
        if let file = try? table.encodeFile() {  // fails only beyond 255 columns
            precondition(try! SeriesTable.decodeFile(file) == table, "file round trip mismatch")
        }
        // And the CSV it writes must parse back to the same table.
        precondition(try! SeriesTable.parseCSV(table.formatCSV()) == table, "CSV round trip mismatch")
    }
    return 0
}
