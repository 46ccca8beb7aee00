import Benchmark
import FieldDelta
import Foundation

/// FieldDelta series codecs on the soiling data set (../shared/series, 8,760 rows: timestamp, rain,
/// PM2.5, PM10), falling back to the committed synthetic fixture when ../shared is absent. Blocks of
/// 1,024 rows. One iteration encodes or decodes every value of the data set once, so values per
/// second = throughput × `valuesPerIteration` (printed when the suite loads).
let benchmarks: @Sendable () -> Void = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let shared = root.appendingPathComponent("../shared/series/soiling_hsu_example_inputs.csv").path
    let fixture = root.appendingPathComponent("Tests/FieldDeltaTests/Series/Fixtures/sensor.csv").path
    let path = FileManager.default.fileExists(atPath: shared) ? shared : fixture
    guard let data = FileManager.default.contents(atPath: path), let table = try? SeriesTable.parseCSV([UInt8](data))
    else { fatalError("cannot load \(path)") }

    let blockSize = 1_024
    let rows = table.timestamps.count
    var blockColumns: [[SeriesColumn]] = []
    var start = 0
    while start < rows {
        let end = min(rows, start + blockSize)
        var columns: [SeriesColumn] = [.timestamps(Array(table.timestamps[start..<end]))]
        for column in table.columns { columns.append(.floats(Array(column[start..<end]))) }
        blockColumns.append(columns)
        start = end
    }
    let valuesPerIteration = rows * (table.columns.count + 1)
    print("FieldDeltaSeries: \(path), \(rows) rows, \(valuesPerIteration) values per iteration")

    let configuration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock],
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 100_000
    )

    let codecs: [(String, SeriesOptions.FloatCodec)] = [
        ("FieldDelta automatic", .automatic), ("Gorilla", .gorilla), ("Chimp128", .chimp128),
    ]
    for (name, codec) in codecs {
        let options = SeriesOptions(blockSize: blockSize, floatCodec: codec)
        let encoded = blockColumns.map { try! SeriesBlock.encode($0, options: options) }
        let bytes = encoded.reduce(0) { $0 + $1.count }
        print("FieldDeltaSeries: \(name): \(Double(bytes) / Double(rows)) bytes per row")

        Benchmark("\(name) encode (\(valuesPerIteration) values)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                for columns in blockColumns {
                    blackHole(try! SeriesBlock.encode(columns, options: options))
                }
            }
        }

        Benchmark("\(name) decode (\(valuesPerIteration) values)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                for block in encoded {
                    blackHole(try! SeriesBlock.decode(block))
                }
            }
        }
    }

    Benchmark("FieldDelta streaming encoder, row by row (\(valuesPerIteration) values)", configuration: configuration) {
        benchmark in
        for _ in benchmark.scaledIterations {
            var encoder = try! SeriesEncoder(valueColumnCount: table.columns.count)
            var row = [Double](repeating: 0, count: table.columns.count)
            for index in 0..<rows {
                for column in 0..<table.columns.count { row[column] = table.columns[column][index] }
                if let block = try! encoder.append(timestamp: table.timestamps[index], values: row) { blackHole(block) }
            }
            blackHole(encoder.flush())
        }
    }
}
