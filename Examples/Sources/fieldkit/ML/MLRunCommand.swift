import ArgumentParser
import FieldKit

/// `fieldkit ml run MODEL --input IN.bin --output OUT.bin [--profile tflm|reference] [--repeat N]`.
struct MLRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a model: raw bytes of input tensor 0 in, raw bytes of output tensor 0 out.",
        discussion: """
            With --repeat N the model runs N times and the median latency of one inference is
            printed. A corrupt or unsupported model, or an input of the wrong size, exits with
            status 1 and a message on stderr.
            """
    )

    @Argument(help: "The .tflite model file.")
    var model: String

    @Option(help: "A file holding the raw bytes of input tensor 0.")
    var input: String

    @Option(help: "Where to write the raw bytes of output tensor 0.")
    var output: String

    @Option(help: "Rounding profile: tflm (TensorFlow Lite Micro) or reference (LiteRT reference kernels).")
    var profile: String = "tflm"

    @Option(help: "Run the model N times and print the median latency.")
    var `repeat`: Int = 1

    func run() throws {
        try runReportingFailure {
            guard let rounding = RoundingProfile(rawValue: profile) else {
                throw CommandFailure("unknown profile '\(profile)': use tflm or reference")
            }
            guard self.repeat >= 1 else { throw CommandFailure("--repeat must be at least 1") }
            let bytes = try FileIO.readAll(model)
            let interpreter: Interpreter
            do {
                interpreter = try Interpreter(model: try Model(bytes: bytes), profile: rounding)
            } catch {
                throw CommandFailure("\(model): \(error)")
            }
            let inputBytes = try FileIO.readAll(input)
            // The arena reuses the input tensor's bytes once it is consumed (as TFLM does), so the
            // input is copied in again before every run, outside the timed region.
            func loadInput() throws {
                var failure: FieldMLError?
                inputBytes.withUnsafeBytes { raw in
                    do throws(FieldMLError) { try interpreter.setInput(bytes: raw) } catch { failure = error }
                }
                if let failure { throw CommandFailure("\(input): \(failure)") }
            }
            let clock = ContinuousClock()
            var durations: [Duration] = []
            durations.reserveCapacity(self.repeat)
            for _ in 0..<self.repeat {
                try loadInput()
                let start = clock.now
                interpreter.invoke()
                durations.append(clock.now - start)
            }
            try FileIO.writeAtomically(output, interpreter.outputBytes())
            if self.repeat > 1 {
                durations.sort()
                let median = durations[durations.count / 2]
                let ms = Double(median.components.seconds) * 1e3 + Double(median.components.attoseconds) / 1e15
                print(
                    "median latency: \(formatMilliseconds(ms)) ms over \(self.repeat) runs (arena \(interpreter.arenaByteCount) B)"
                )
            }
        }
    }

    func formatMilliseconds(_ value: Double) -> String {
        let micro = Int((value * 1000).rounded())
        let fraction = String(micro % 1000)
        return "\(micro / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
