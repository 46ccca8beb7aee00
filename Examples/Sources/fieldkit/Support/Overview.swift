import ArgumentParser

/// The overview `fieldkit` prints when run without a subcommand.
enum Overview {
    static func text(groups: [any ParsableCommand.Type]) -> String {
        var lines: [String] = [
            "FieldKit \(FieldKitVersion.current): a Swift SDK for connected devices and the servers that talk to them.",
            "",
            "Devices go offline for weeks, send data hours late and out of order, carry clocks that",
            "cannot be trusted and sensors that drift and jump, run in 512 KB of RAM and must update",
            "over a weak link without bricking. Each FieldKit module solves one of these for devices",
            "(Embedded Swift) and servers alike.",
            "",
            "Command groups available in this build:",
        ]
        let width = groups.map { $0.configuration.commandName?.count ?? 0 }.max() ?? 0
        for group in groups {
            let name = group.configuration.commandName ?? "\(group)"
            let padding = String(repeating: " ", count: width - name.count)
            let subcommands = group.configuration.subcommands.compactMap { $0.configuration.commandName }
            lines.append("  \(name)\(padding)  \(group.configuration.abstract)")
            if !subcommands.isEmpty {
                let indent = String(repeating: " ", count: width + 4)
                lines.append("  \(indent)fieldkit \(name) \(subcommands.joined(separator: "|")) ...")
            }
        }
        lines += [
            "",
            "Try:",
            "  fieldkit core sha256 Package.swift",
            "  fieldkit <group> --help",
            "",
            "Documentation: README.md, Documentation/Architecture.md, and a DocC catalog per module.",
        ]
        return lines.joined(separator: "\n")
    }
}
