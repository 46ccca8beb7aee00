import ArgumentParser
import FieldKit

/// `fieldkit series stats FILE`: bytes per point per column and the codecs chosen.
struct SeriesStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show a series file's bytes per point for each column and the codecs its blocks use."
    )

    @Argument(help: "The series file (.fks).")
    var file: String

    func run() throws {
        try runReportingFailure {
            let bytes = try FileIO.readAll(file)
            let stats: SeriesTable.FileStatistics
            do {
                stats = try SeriesTable.fileStatistics(bytes)
            } catch {
                throw CommandFailure("\(file): \(error)")
            }
            let rows = Double(max(1, stats.rowCount))
            print(
                "\(file): \(stats.rowCount) rows in \(stats.blockCount) blocks, \(stats.byteCount) bytes, \(format(Double(stats.byteCount) / rows)) bytes/row"
            )
            print("column\tbytes/point\tcodecs (blocks)")
            for column in stats.columns {
                let codecs = column.blocksPerCodec.sorted { $0.value > $1.value }
                    .map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
                print("\(column.name)\t\(format(Double(column.payloadByteCount) / rows))\t\(codecs)")
            }
            print("(headers and checksums)\t\(format(Double(stats.overheadByteCount) / rows))\t")
        }
    }
}
