import ArgumentParser

/// `fieldkit update simulate`: a staged rollout over simulated A/B devices.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a staged rollout over N devices; print each stage, the halt decision and a JSON summary.",
        discussion: """
            Every device runs FieldUpdate's real device agent over simulated flash (half of them install a
            FieldDelta patch, half the full image): chunked, verified
            downloads, power cuts during the update (5% of devices), weeks-long offline periods (10%),
            and a release that fails to boot on a fraction R of devices (half fail the health check,
            half crash before confirming). The rollout planner (1%, 5%, 25%, 100%; acceptable failure
            rate 1%, halt at 5%) decides. The last line is a JSON summary; reached_fraction is the
            share of the fleet that installed the release (confirmed or rolled back).
            """
    )

    @Option(name: .long, help: "The number of devices.")
    var devices: Int

    @Option(
        name: .customLong("failure-rate"), help: "The fraction of devices on which the release fails to boot (0...1).")
    var failureRate: Double

    @Option(name: .long, help: "The random seed.")
    var seed: UInt64 = 1

    func validate() throws {
        guard devices >= 0, devices <= 10_000_000 else { throw ValidationError("--devices must be in 0...10000000") }
        guard failureRate >= 0, failureRate <= 1 else { throw ValidationError("--failure-rate must be in 0...1") }
    }

    func run() throws {
        try runReportingFailure {
            var simulation = try FleetSimulation(devices: devices, failureRate: failureRate, seed: seed)
            let summary = try simulation.run { print($0) }
            print(summary.json)
        }
    }
}
