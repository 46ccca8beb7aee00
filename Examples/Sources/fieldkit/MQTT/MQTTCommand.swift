import ArgumentParser

/// `fieldkit mqtt`: the MQTT codec (FieldMQTT).
struct MQTTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mqtt",
        abstract: "MQTT 3.1, 3.1.1 and 5.0: packet decoding and a client (FieldMQTT).",
        subcommands: [MQTTDecodeCommand.self, MQTTPublishCommand.self, MQTTSubscribeCommand.self]
    )
}
