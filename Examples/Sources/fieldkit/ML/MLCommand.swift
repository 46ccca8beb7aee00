import ArgumentParser

/// `fieldkit ml`: inspect and run int8 `.tflite` models with FieldML.
struct MLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ml",
        abstract: "Inspect and run int8 TensorFlow Lite models bit-exactly (FieldML).",
        subcommands: [MLInfoCommand.self, MLRunCommand.self]
    )
}
