import FieldCore
import FieldDelta
import Testing

@Suite("Streaming encoder")
struct StreamingEncoderTests {
    @Test("rows stream into full blocks plus a short last one, all decodable", arguments: [1, 7, 1_024])
    func blocks(blockSize: Int) throws {
        var rng = SplitMix64(seed: UInt64(blockSize))
        let rows = 2_500
        let times = (0..<rows).map { 1_600_000_000_000 + Int64($0) * 1_000 }
        let a = SeriesTestSupport.decimalWalk(&rng, count: rows, decimals: 1)
        let b = SeriesTestSupport.decimalWalk(&rng, count: rows, decimals: 3)
        var encoder = try SeriesEncoder(valueColumnCount: 2, options: SeriesOptions(blockSize: blockSize))
        var blocks: [[UInt8]] = []
        for row in 0..<rows {
            if let block = try encoder.append(timestamp: times[row], values: [a[row], b[row]]) { blocks.append(block) }
        }
        #expect(encoder.pendingRowCount == rows % blockSize)
        if let last = encoder.flush() { blocks.append(last) }
        #expect(encoder.flush() == nil)
        #expect(blocks.count == (rows + blockSize - 1) / blockSize)
        var decodedTimes: [Int64] = []
        var decodedA: [Double] = []
        var decodedB: [Double] = []
        for bytes in blocks {
            let block = try SeriesBlock.decode(bytes)
            #expect(block.pointCount <= blockSize)
            guard case .timestamps(let t) = block.columns[0], case .floats(let x) = block.columns[1],
                case .floats(let y) = block.columns[2]
            else {
                Issue.record("unexpected column kinds")
                return
            }
            decodedTimes += t
            decodedA += x
            decodedB += y
        }
        #expect(decodedTimes == times)
        #expect(SeriesTestSupport.bits(decodedA) == SeriesTestSupport.bits(a))
        #expect(SeriesTestSupport.bits(decodedB) == SeriesTestSupport.bits(b))
    }

    @Test("a row with the wrong number of values is rejected")
    func wrongWidth() throws {
        var encoder = try SeriesEncoder(valueColumnCount: 2)
        #expect(throws: SeriesError.self) { _ = try encoder.append(timestamp: 0, values: [1.0]) }
        #expect(encoder.pendingRowCount == 0)
    }
}
