import ArgumentParser

/// The `fieldkit` tool: one subcommand group per FieldKit module.
@main
struct FieldKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldkit",
        abstract: "FieldKit: the pieces connected devices and their servers get wrong, done right.",
        discussion: """
            Each subcommand group exercises one FieldKit module on real data. Run `fieldkit` alone for
            an overview, `fieldkit <group> --help` for a group's commands.
            """,
        version: FieldKitVersion.current,
        subcommands: [
            CoreCommand.self,
            FilterCommand.self,
            MQTTCommand.self,
            ClockCommand.self,
            OutboxCommand.self,
            DeltaCommand.self,
            SeriesCommand.self,
            MLCommand.self,
            UpdateCommand.self,
            DemoCommand.self,
        ]
    )

    func run() async throws {
        print(Overview.text(groups: Self.configuration.subcommands))
    }
}

/// The version printed by `fieldkit --version`.
enum FieldKitVersion {
    static let current = "0.1.0"
}
