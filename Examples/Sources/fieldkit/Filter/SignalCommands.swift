import ArgumentParser
import FieldKit

/// `fieldkit filter one-euro`: the 1€ adaptive low-pass filter over a `t,value` trace.
struct OneEuroFilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "one-euro",
        abstract: "1€ filter a t,value CSV trace (stdin) into t,value CSV (stdout).")

    @Option(help: "Sampling rate in Hz used until two timestamps are known.")
    var freq: Double
    @Option(help: "Minimum cutoff frequency in Hz (jitter at rest).")
    var mincutoff: Double = 1
    @Option(help: "Speed coefficient (lag when moving).")
    var beta: Double = 0
    @Option(help: "Cutoff of the derivative filter in Hz.")
    var dcutoff: Double = 1

    func run() throws {
        try runReportingFailure {
            var filter: OneEuroFilter<Double>
            do {
                filter = try OneEuroFilter(frequency: freq, minCutoff: mincutoff, beta: beta, derivativeCutoff: dcutoff)
            } catch { throw CommandFailure("invalid option: \(error)") }
            let trace = try TraceCSV.readStandardInput(expectedColumns: ["value"], allowEmpty: false)
            var out = CSVWriter()
            out.row(["t", "value"])
            for (t, x) in zip(trace.times, trace.singleColumn) {
                out.row(["\(t)", "\(filter.update(x, at: t))"])
            }
            out.flush()
        }
    }
}

/// `fieldkit filter hampel`: flags and replaces outliers in a `t,value` trace.
struct HampelFilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hampel",
        abstract: "Hampel outlier filter: t,value CSV (stdin) into t,value,outlier CSV (stdout).")

    @Option(name: .customLong("half-window"), help: "Samples on each side of the window.")
    var halfWindow: Int
    @Option(help: "Threshold in robust standard deviations (1.4826 × MAD).")
    var sigmas: Double = 3

    func run() throws {
        try runReportingFailure {
            let hampel: HampelFilter
            do { hampel = try HampelFilter(halfWindow: halfWindow, sigmas: sigmas) } catch {
                throw CommandFailure("invalid option: \(error)")
            }
            let trace = try TraceCSV.readStandardInput(expectedColumns: ["value"], allowEmpty: false)
            let result: HampelFilter.Result<Double>
            do { result = try hampel.apply(trace.singleColumn) } catch { throw CommandFailure("\(error)") }
            var out = CSVWriter()
            out.row(["t", "value", "outlier"])
            for i in trace.times.indices {
                out.row(["\(trace.times[i])", "\(result.values[i])", result.isOutlier[i] ? "1" : "0"])
            }
            out.flush()
        }
    }
}

/// `fieldkit filter savgol`: Savitzky-Golay smoothing or differentiation of a `t,value` trace.
struct SavitzkyGolayFilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "savgol",
        abstract: "Savitzky-Golay filter (scipy mode='interp'): t,value CSV (stdin) into t,value CSV (stdout).")

    @Option(help: "Odd window length.")
    var window: Int
    @Option(help: "Polynomial order, below the window length.")
    var order: Int
    @Option(help: "Derivative order (0 smooths).")
    var deriv: Int = 0
    @Option(help: "Sample spacing for derivatives.")
    var delta: Double = 1

    func run() throws {
        try runReportingFailure {
            let filter: SavitzkyGolayFilter<Double>
            do { filter = try SavitzkyGolayFilter(window: window, order: order, derivative: deriv, delta: delta) } catch
            {
                throw CommandFailure("invalid option: \(error)")
            }
            let trace = try TraceCSV.readStandardInput(expectedColumns: ["value"], allowEmpty: false)
            let y: [Double]
            do { y = try filter.apply(trace.singleColumn) } catch { throw CommandFailure("\(error)") }
            var out = CSVWriter()
            out.row(["t", "value"])
            for i in trace.times.indices { out.row(["\(trace.times[i])", "\(y[i])"]) }
            out.flush()
        }
    }
}
