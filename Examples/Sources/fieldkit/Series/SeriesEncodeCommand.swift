import ArgumentParser
import FieldKit

/// `fieldkit series encode --input data.csv --output data.fks`.
struct SeriesEncodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encode",
        abstract: "Compress a CSV time series into a series file (.fks)."
    )

    /// The float codecs the command line can force.
    enum Codec: String, ExpressibleByArgument, CaseIterable {
        case automatic, gorilla, chimp, decimal, plain

        var option: SeriesOptions.FloatCodec {
            switch self {
            case .automatic: .automatic
            case .gorilla: .gorilla
            case .chimp: .chimp128
            case .decimal: .decimal
            case .plain: .plain
            }
        }
    }

    @Option(help: "The CSV file to read.")
    var input: String

    @Option(help: "The series file to write.")
    var output: String

    @Option(help: "Rows per block (1...65536).")
    var blockSize: Int = 1_024

    @Option(help: "Float codec: automatic (default), gorilla, chimp, decimal or plain.")
    var codec: Codec = .automatic

    @Option(help: "Lossy mode: the largest absolute error allowed per value (default: lossless).")
    var maxError: Double?

    func run() throws {
        try runReportingFailure {
            let text = try FileIO.readAll(input)
            let table: SeriesTable
            do {
                table = try SeriesTable.parseCSV(text)
            } catch {
                throw CommandFailure("\(input): \(error)")
            }
            let options = SeriesOptions(blockSize: blockSize, floatCodec: codec.option, absoluteErrorBound: maxError)
            let file = try table.encodeFile(options: options)
            try FileIO.writeAtomically(output, file)
            let rows = max(1, table.timestamps.count)
            let perRow = Double(file.count) / Double(rows)
            print(
                "\(table.timestamps.count) rows, \(table.columns.count + 1) columns: \(text.count) -> \(file.count) bytes (\(format(perRow)) bytes/row)"
            )
        }
    }
}

/// Formats a number with three decimals.
func format(_ value: Double) -> String {
    let scaled = (value * 1_000).rounded()
    let whole = Int(scaled) / 1_000
    let fraction = abs(Int(scaled) % 1_000)
    let digits = String(fraction)
    return "\(whole)." + String(repeating: "0", count: 3 - digits.count) + digits
}
