import ArgumentParser

/// `fieldkit delta`: binary patches for over-the-air updates (FieldDelta).
struct DeltaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delta",
        abstract: "Make, apply and inspect binary patches (FieldDelta).",
        subcommands: [DeltaDiffCommand.self, DeltaApplyCommand.self, DeltaInfoCommand.self]
    )
}
