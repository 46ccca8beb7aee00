import ArgumentParser

/// The `fieldkit` tool: one subcommand group per FieldKit module.
@main
struct FieldKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldkit",
        abstract: "FieldKit: the pieces connected devices and their servers get wrong, done right.",
        discussion: """
            Each subcommand group exercises one FieldKit module on real data: checksums and hashes
            (core), and more as modules land. Run `fieldkit <group> --help` for details.
            """,
        version: FieldKitVersion.current,
        subcommands: [
            CoreCommand.self,
            MQTTCommand.self,
        ]
    )
}

/// The version printed by `fieldkit --version`.
enum FieldKitVersion {
    static let current = "0.1.0"
}
