import ArgumentParser
import FieldKit

/// Connection options shared by `fieldkit mqtt publish` and `subscribe`.
struct MQTTClientOptions: ParsableArguments {
    @Option(help: "The broker's host name or address.")
    var host: String = "localhost"

    @Option(help: "The broker's TCP port.")
    var port: Int = 1883

    @Option(name: .customLong("protocol"), help: "MQTT protocol version: 3.1.1 or 5.")
    var protocolVersion: String = "5"

    @Option(name: .customLong("id"), help: "The client identifier (default: fieldkit-<pid>).")
    var clientIdentifier: String?

    @Option(help: "Keep alive in seconds.")
    var keepAlive: UInt16 = 60

    @Option(help: "Connect timeout in milliseconds.")
    var timeout: Int = 10_000

    func version() throws -> ProtocolVersion {
        switch protocolVersion {
        case "5", "5.0": return .v5
        case "3.1.1", "4": return .v3_1_1
        case "3.1", "3": return .v3_1
        default: throw CommandFailure("unknown --protocol \(protocolVersion): use 3.1.1 or 5")
        }
    }

    func makeClient() throws -> MQTTClient<InMemorySessionStore> {
        var configuration = ClientConfiguration(
            clientIdentifier: clientIdentifier ?? "fieldkit-\(ProcessID.current)", version: try version())
        configuration.keepAlive = .seconds(Int64(keepAlive))
        configuration.connectTimeout = .milliseconds(Int64(timeout))
        return try MQTTClient(
            configuration: configuration, store: InMemorySessionStore(), host: host, port: port,
            reconnectPolicy: ReconnectPolicy(base: .milliseconds(200), cap: .seconds(5)))
    }

    static func parseQoS(_ value: Int) throws -> QoS {
        guard let qos = QoS(rawValue: UInt8(clamping: value)), value >= 0 else {
            throw CommandFailure("--qos must be 0, 1 or 2")
        }
        return qos
    }
}
