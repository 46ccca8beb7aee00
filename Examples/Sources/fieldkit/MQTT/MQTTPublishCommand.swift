import ArgumentParser
import FieldKit

/// `fieldkit mqtt publish`: publishes messages and waits until the broker has them.
struct MQTTPublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish messages to a broker (FieldMQTT client session over TCP).",
        discussion: """
            Sends --message (repeated --count times) or, with --stdin, one message per input line.
            Exits once every QoS 1/2 message is acknowledged (QoS 0: written). Exit status 1 with a
            message on stderr when the broker cannot be reached or refuses the connection.
            """
    )

    @OptionGroup var connection: MQTTClientOptions

    @Option(help: "The topic to publish to.")
    var topic: String

    @Option(help: "Quality of service: 0, 1 or 2.")
    var qos: Int = 0

    @Option(help: "How many times to send --message.")
    var count: Int = 1

    @Option(help: "The message payload.")
    var message: String?

    @Flag(help: "Read messages from standard input, one per line.")
    var stdin = false

    @Flag(help: "Ask the broker to retain the message(s).")
    var retain = false

    func run() throws {
        try runReportingFailure {
            let qos = try MQTTClientOptions.parseQoS(self.qos)
            guard stdin || message != nil else { throw CommandFailure("give --message M or --stdin") }
            let client = try connection.makeClient()
            try client.connect(timeout: .milliseconds(Int64(connection.timeout)))
            var outstanding = Set<MessageID>()
            var sent = 0
            func send(_ payload: [UInt8]) throws {
                // Keep at most a bounded number waiting in the session, draining acknowledgements.
                while client.session.queuedCount + client.session.inFlightCount >= 5_000 {
                    try client.run(timeout: .seconds(30)) { event in
                        if case .delivered(let id) = event { outstanding.remove(id) }
                        return client.session.queuedCount < 2_500
                    }
                }
                let id = try client.publish(topic: topic, payload: payload, qos: qos, retain: retain)
                outstanding.insert(id)
                sent += 1
            }
            if stdin {
                try StandardInput.forEachLine { try send($0) }
            } else if let message {
                let payload = Array(message.utf8)
                for _ in 0..<max(0, count) { try send(payload) }
            }
            var rejected: [String] = []
            if !outstanding.isEmpty {
                try client.run(timeout: .seconds(120)) { event in
                    switch event {
                    case .delivered(let id): outstanding.remove(id)
                    case .rejected(let id, let code):
                        outstanding.remove(id)
                        rejected.append("message \(id) refused with reason 0x\(String(code.rawValue, radix: 16))")
                    default: break
                    }
                    return outstanding.isEmpty
                }
            }
            client.disconnect()
            if !rejected.isEmpty {
                throw CommandFailure("\(rejected.count) of \(sent) messages refused: \(rejected[0])")
            }
        }
    }
}
