import FieldDelta
import Foundation
import Testing

/// Results on the real data set in ../shared/series (absent in a user's clone: the test then skips).
@Suite("Soiling data set (../shared/series)")
struct SharedDatasetTests {
    static var csvPath: String {
        SeriesTestSupport.repositoryRoot() + "/../shared/series/soiling_hsu_example_inputs.csv"
    }

    static func load() -> [UInt8]? {
        FileManager.default.contents(atPath: csvPath).map { [UInt8]($0) }
    }

    @Test("blocks of 1,024 rows: at most 3.0 bytes per row, PM2.5 at most 1.0 byte per point, bit-exact")
    func targets() throws {
        guard let csv = Self.load() else {
            print("skipping: \(Self.csvPath) not present")
            return
        }
        let table = try SeriesTable.parseCSV(csv)
        #expect(table.timestamps.count == 8_760)
        #expect(table.names == ["TimeStamp", "rain", "PM2_5", "PM10"])
        let file = try table.encodeFile(options: SeriesOptions(blockSize: 1_024))
        #expect(try SeriesTable.decodeFile(file) == table)
        // The text may differ ("0.0" is written "0"), the values may not.
        #expect(try SeriesTable.parseCSV(table.formatCSV()) == table)

        let stats = try SeriesTable.fileStatistics(file)
        let rows = Double(stats.rowCount)
        let perRow = Double(stats.byteCount) / rows
        let perColumn = stats.columns.map { Double($0.payloadByteCount) / rows }
        print(
            "soiling: \(perRow) bytes/row (file), per column \(perColumn), codecs \(stats.columns.map(\.blocksPerCodec))"
        )
        #expect(perRow <= 3.0)
        #expect(perColumn[2] <= 1.0)
        #expect(stats.columns[1...].allSatisfy { $0.blocksPerCodec.keys.allSatisfy { $0 == .decimal } })
    }
}
