import ArgumentParser

/// `fieldkit update`: safe over-the-air updates (FieldUpdate).
struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Safe OTA updates: staged rollout simulation, Ed25519-signed manifests (FieldUpdate).",
        subcommands: [SimulateCommand.self, UpdateKeygenCommand.self, UpdateSignCommand.self, UpdateVerifyCommand.self]
    )
}
