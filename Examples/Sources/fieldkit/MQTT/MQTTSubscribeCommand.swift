import ArgumentParser
import FieldKit

/// `fieldkit mqtt subscribe`: prints `topic<TAB>payload` for each message received.
struct MQTTSubscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscribe",
        abstract: "Subscribe to a topic filter and print topic<TAB>payload per message.",
        discussion:
            "Exits after --count messages (default: never). Exit status 1 when the broker cannot be reached or refuses."
    )

    @OptionGroup var connection: MQTTClientOptions

    @Option(help: "The topic filter (wildcards + and # allowed).")
    var topic: String

    @Option(help: "Maximum quality of service: 0, 1 or 2.")
    var qos: Int = 0

    @Option(help: "Exit after this many messages.")
    var count: Int?

    func run() throws {
        try runReportingFailure {
            let qos = try MQTTClientOptions.parseQoS(self.qos)
            let client = try connection.makeClient()
            try client.connect(timeout: .milliseconds(Int64(connection.timeout)))
            try client.subscribe(topic, qos: qos, timeout: .milliseconds(Int64(connection.timeout)))
            var received = 0
            if let count, count <= 0 { return }
            try client.run(timeout: nil) { event in
                guard case .message(let message) = event else { return false }
                StandardOutput.writeLine(message.topic + "\t" + String(decoding: message.payload, as: UTF8.self))
                received += 1
                return count.map { received >= $0 } ?? false
            }
            client.disconnect()
        }
    }
}
