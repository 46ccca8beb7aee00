import ArgumentParser

/// `fieldkit series`: time-series compression (FieldDelta series codecs).
struct SeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Compress sensor time series (FieldDelta): encode CSV, decode it back, show sizes.",
        discussion: """
            A CSV's first column is a timestamp (ISO-8601 such as 2015-01-01 00:00:00 or \
            2015-01-01T00:00:00.250Z, or integer epoch seconds / milliseconds); the others are numbers \
            (empty = missing). Values come back bit-identical unless --max-error is given.
            """,
        subcommands: [SeriesEncodeCommand.self, SeriesDecodeCommand.self, SeriesStatsCommand.self]
    )
}
