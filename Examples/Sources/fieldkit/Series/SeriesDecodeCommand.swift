import ArgumentParser
import FieldKit

/// `fieldkit series decode --input data.fks --output data.csv`.
struct SeriesDecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Expand a series file (.fks) back into CSV with identical values."
    )

    @Option(help: "The series file to read.")
    var input: String

    @Option(help: "The CSV file to write.")
    var output: String

    func run() throws {
        try runReportingFailure {
            let file = try FileIO.readAll(input)
            let table: SeriesTable
            do {
                table = try SeriesTable.decodeFile(file)
            } catch {
                throw CommandFailure("\(input): \(error)")
            }
            try FileIO.writeAtomically(output, table.formatCSV())
        }
    }
}
