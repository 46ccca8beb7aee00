import ArgumentParser
import FieldKit

/// `fieldkit filter alarm`: a threshold alarm with hysteresis and debounce over a `t,value` trace
/// (the fuel-level problem).
struct AlarmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alarm",
        abstract: "Hysteresis + debounce alarm: t,value CSV (stdin) into t,value,alarm CSV (stdout).",
        discussion: """
            The alarm turns on when the value reaches --activate and off when it reaches
            --deactivate (activate < deactivate makes a low alarm, e.g. fuel; the reverse a high
            alarm). With --min-duration, a change must hold that many seconds before it is reported.
            """)

    @Option(help: "Threshold that turns the alarm on.")
    var activate: Double
    @Option(help: "Threshold that turns the alarm off (equal to --activate is refused).")
    var deactivate: Double
    @Option(name: .customLong("min-duration"), help: "Seconds a new alarm state must hold (debounce).")
    var minimumDuration: Double = 0

    func run() throws {
        try runReportingFailure {
            var alarm: HysteresisAlarm<Double>
            do { alarm = try HysteresisAlarm(activateAt: activate, deactivateAt: deactivate) } catch {
                throw CommandFailure("invalid option: \(error)")
            }
            var debouncer = Debouncer<Bool, Double>(initial: false, minimumDuration: minimumDuration)
            let trace = try TraceCSV.readStandardInput(expectedColumns: ["value"], allowEmpty: false)
            var out = CSVWriter()
            out.row(["t", "value", "alarm"])
            for (t, x) in zip(trace.times, trace.singleColumn) {
                _ = alarm.update(x)
                _ = debouncer.update(alarm.isActive, at: t)
                out.row(["\(t)", "\(x)", debouncer.state ? "1" : "0"])
            }
            out.flush()
        }
    }
}
