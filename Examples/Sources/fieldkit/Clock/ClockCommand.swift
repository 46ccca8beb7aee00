import ArgumentParser

/// `fieldkit clock`: hybrid logical clocks (FieldClock).
struct ClockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clock",
        abstract: "Hybrid logical clocks for devices with untrusted clocks (FieldClock).",
        subcommands: [ClockReplayCommand.self]
    )
}
