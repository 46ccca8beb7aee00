import FieldCore
import Foundation
import Testing

@testable import FieldDelta

/// Checks against Fixtures/sensor_expected.csv, which CPython computed (Scripts/delta_series_fixtures.py):
/// the exact bits of each reading and the decimals of its shortest round-trip text.
@Suite("Decimal-origin sensor fixture (reference: CPython float() and repr())")
struct DecimalFixtureTests {
    static let fixtures = SeriesTestSupport.repositoryRoot() + "/Tests/FieldDeltaTests/Series/Fixtures/"

    static func load(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: fixtures + name) else {
            throw SeriesError(.invalidArgument, at: 0)
        }
        return [UInt8](data)
    }

    struct Expected {
        var epochSeconds: [Int64] = []
        var bits: [[UInt64?]] = [[], [], [], []]
        var decimals: [[Int?]] = [[], [], [], []]
    }

    static func expected() throws -> Expected {
        var result = Expected()
        let lines = String(decoding: try load("sensor_expected.csv"), as: UTF8.self).split(separator: "\n").dropFirst()
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            result.epochSeconds.append(Int64(fields[0])!)
            for column in 0..<4 {
                result.bits[column].append(UInt64(fields[1 + 2 * column], radix: 16))
                result.decimals[column].append(Int(fields[2 + 2 * column]))
            }
        }
        return result
    }

    @Test("CSV parsing gives CPython's timestamps and exact bits")
    func parsing() throws {
        let table = try SeriesTable.parseCSV(try Self.load("sensor.csv"))
        let expected = try Self.expected()
        #expect(table.timestamps == expected.epochSeconds)
        #expect(table.timestampFormat == SeriesTimestampFormat(style: .iso8601, separator: 0x54, hasZoneSuffix: true))
        for column in 0..<4 {
            let want = expected.bits[column].map { $0 ?? SeriesTable.missing.bitPattern }
            #expect(table.columns[column].map(\.bitPattern) == want, "column \(column)")
        }
    }

    @Test("the decimal detector finds the decimals of the shortest round-trip text")
    func minimalExponents() throws {
        let table = try SeriesTable.parseCSV(try Self.load("sensor.csv"))
        let expected = try Self.expected()
        var checked = 0
        for column in 0..<4 {
            for (value, decimals) in zip(table.columns[column], expected.decimals[column]) {
                guard let decimals else { continue }
                #expect(ScaledCodec.minimalExponent(of: value) == decimals, "\(value)")
                checked += 1
            }
        }
        #expect(checked > 7_900)
    }

    @Test("the file round-trips bit-exactly, every value column picks the decimal codec, far below Gorilla")
    func compression() throws {
        let table = try SeriesTable.parseCSV(try Self.load("sensor.csv"))
        let file = try table.encodeFile()
        #expect(try SeriesTable.decodeFile(file) == table)
        let stats = try SeriesTable.fileStatistics(file)
        #expect(stats.rowCount == 2_000)
        #expect(stats.blockCount == 2)
        for column in stats.columns.dropFirst() {
            #expect(column.blocksPerCodec == [.decimal: 2], "\(column.name)")
        }
        let gorilla = try table.encodeFile(options: SeriesOptions(floatCodec: .gorilla))
        #expect(try SeriesTable.decodeFile(gorilla) == table)
        #expect(file.count * 3 < gorilla.count)
    }
}
