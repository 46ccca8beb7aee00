import FieldCore
import FieldDelta

/// FieldDelta series codecs on the device: stream rows through `SeriesEncoder`, decode the blocks
/// and check the readings come back bit-exact (decimals, NaN payloads, -0.0, infinities), that the
/// decimal codec is chosen and small, and that corruption is refused with an error, not a trap.
func runDeltaSeriesSelfTest(_ check: inout Checker) {
    var rng = SplitMix64(seed: 2026)
    let rows = 300
    var times: [Int64] = []
    var temperatures: [Double] = []
    var specials: [Double] = []
    var walk = 2_150
    for index in 0..<rows {
        times.append(1_700_000_000 + Int64(index) * 60 + (index == 150 ? 86_400 : 0))
        walk += Int(rng.next() % 21) - 10
        temperatures.append(Double(walk) / 100)
        switch index % 5 {
        case 0: specials.append(Double(bitPattern: 0x7FF8_0000_0000_0BAD))
        case 1: specials.append(-0.0)
        case 2: specials.append(.infinity)
        case 3: specials.append(Double(bitPattern: rng.next()))
        default: specials.append(Double(index) / 10)
        }
    }
    guard var encoder = try? SeriesEncoder(valueColumnCount: 2, options: SeriesOptions(blockSize: 128)) else {
        check.expect(false, "series encoder created")
        return
    }
    var blocks: [[UInt8]] = []
    for index in 0..<rows {
        let row = [temperatures[index], specials[index]]
        if let block = try? encoder.append(timestamp: times[index], values: row) { blocks.append(block) }
    }
    if let last = encoder.flush() { blocks.append(last) }
    check.expect(blocks.count == 3, "series: 300 rows in blocks of 128 make 3 blocks")

    var decodedTimes: [Int64] = []
    var decodedTemperatures: [Double] = []
    var decodedSpecials: [Double] = []
    var allDecoded = true
    for block in blocks {
        do throws(SeriesError) {
            let decoded = try SeriesBlock.decode(block)
            if case .timestamps(let t) = decoded.columns[0] { decodedTimes += t }
            if case .floats(let v) = decoded.columns[1] { decodedTemperatures += v }
            if case .floats(let v) = decoded.columns[2] { decodedSpecials += v }
        } catch {
            allDecoded = false
        }
    }
    check.expect(allDecoded, "series: every block decodes")
    check.expect(decodedTimes == times, "series: timestamps exact (including a one-day gap)")
    var temperaturesExact = decodedTemperatures.count == rows
    var specialsExact = decodedSpecials.count == rows
    for index in 0..<min(rows, decodedTemperatures.count, decodedSpecials.count) {
        if decodedTemperatures[index].bitPattern != temperatures[index].bitPattern { temperaturesExact = false }
        if decodedSpecials[index].bitPattern != specials[index].bitPattern { specialsExact = false }
    }
    check.expect(temperaturesExact, "series: decimal readings bit-exact")
    check.expect(specialsExact, "series: NaN payloads, -0.0, infinities and random bits bit-exact")

    let first = blocks[0]
    var inspected: SeriesBlockInfo?
    first.withUnsafeBytes { raw in
        do throws(SeriesError) {
            inspected = try SeriesBlock.inspectPrefix(of: raw)
        } catch {
            inspected = nil
        }
    }
    check.expect(inspected?.columns[1].codec == .decimal, "series: decimal codec chosen for 2-decimal readings")
    check.expect(
        (inspected?.columns[1].payloadByteCount ?? 9_999) < 128 * 2, "series: under 2 bytes per decimal reading")

    var corrupted = first
    corrupted[corrupted.count / 2] ^= 0x10
    var refused = false
    do throws(SeriesError) {
        _ = try SeriesBlock.decode(corrupted)
    } catch {
        refused = error.kind == .checksumMismatch
    }
    check.expect(refused, "series: a flipped bit is refused by the CRC-32C")
}
