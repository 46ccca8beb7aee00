import ArgumentParser

/// `fieldkit filter`: Kalman filtering and smoothing, outlier rejection and adaptive smoothing of
/// CSV traces (FieldFilters).
struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Filter noisy sensor traces: Kalman + RTS, 1€, Hampel, Savitzky-Golay, alarms (FieldFilters).",
        discussion: """
            Each subcommand reads a CSV trace on standard input and writes CSV on standard output.
            Numbers are printed in Swift's shortest round-tripping form. A malformed input or
            configuration prints the line and field at fault and exits with status 1.
            """,
        subcommands: [
            KalmanFilterCommand.self, OneEuroFilterCommand.self, HampelFilterCommand.self,
            SavitzkyGolayFilterCommand.self, AlarmCommand.self,
        ]
    )
}
