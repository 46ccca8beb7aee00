import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `fieldkit demo`: a simulated fleet end to end through the real FieldKit modules.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Simulate a fleet end to end: outbox, MQTT over TCP, dedup, ordering, store.",
        discussion: """
            Devices measure readings, commit them to FieldOutbox outboxes on real files (some on \
            fault-injecting storage with power cuts), go offline for minutes to days, and publish \
            batches compressed with FieldDelta over FieldMQTT sessions to an in-process broker \
            (or --broker HOST:PORT). A server de-duplicates with Inbox, orders with ReorderBuffer \
            and stores under a unique key; it crashes mid-run (nothing flushed) and restarts, and some batches are replayed. \
            Time is simulated; a seed gives one outcome. With --json the last line is a JSON object.
            """
    )

    @Option(help: "Number of devices.") var devices: Int = 200
    @Option(help: "Simulated days.") var days: Int = 7
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Use this MQTT broker (IPv4 HOST:PORT) instead of the in-process one.") var broker: String?
    @Option(help: "Write a self-contained HTML report here.") var report: String?
    @Flag(help: "Print one JSON object as the last line of output.") var json = false

    func run() throws {
        try runReportingFailure {
            guard devices >= 1, devices <= 5_000 else { throw CommandFailure("--devices must be 1...5000") }
            guard days >= 1, days <= 60 else { throw CommandFailure("--days must be 1...60") }
            var endpoint: (String, UInt16)?
            if let broker {
                let parts = broker.split(separator: ":")
                guard parts.count == 2, let port = UInt16(parts[1]) else {
                    throw CommandFailure("--broker must be HOST:PORT, not \(broker)")
                }
                endpoint = (String(parts[0]), port)
            }
            signal(SIGPIPE, SIG_IGN)
            let started = Date()
            let simulation = try DemoSimulation(
                settings: .init(devices: devices, days: days, seed: seed, broker: endpoint, progress: isatty(1) == 1))
            defer { simulation.cleanUp() }
            var metrics = try simulation.run()
            metrics.seconds = Date().timeIntervalSince(started)
            print(metrics.summary)
            if let report {
                try DemoReport(metrics: metrics).html.write(toFile: report, atomically: true, encoding: .utf8)
                print("report written to \(report)")
            }
            if json { print(metrics.json) }
        }
    }
}
