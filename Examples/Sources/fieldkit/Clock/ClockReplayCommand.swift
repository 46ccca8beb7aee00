import ArgumentParser
import FieldKit

/// `fieldkit clock replay [--max-forward-offset-ms N] < events.jsonl`: replays local, send and
/// receive events through one hybrid logical clock per node and prints each resulting timestamp.
struct ClockReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay node events (JSON lines on stdin) through hybrid logical clocks.",
        discussion: """
            Each input line is one event:
              {"node":"A","pt":<physical ms>,"op":"local"}
              {"node":"A","pt":<physical ms>,"op":"send","id":"m1"}
              {"node":"B","pt":<physical ms>,"op":"receive","id":"m1"}
            A receive merges the timestamp that the send with the same id produced. Each node keeps
            its own clock across lines; node ids (the last field of the text form) are assigned in
            order of first appearance, starting at 0. One output line per input line:
              {"node":"A","l":<ms>,"c":<counter>,"packed":<uint64>,"text":"<sortable>"}
            or {"error":"..."} for an event the clock refuses (a receive beyond the maximum forward
            offset, an unknown message id, counter overflow, a time beyond 48 bits). A malformed
            line stops the replay with an error naming the line and exit status 1.
            """
    )

    @Option(
        name: .customLong("max-forward-offset-ms"),
        help: "Refuse remote timestamps more than N ms ahead of the receiver's physical time (default: no limit).")
    var maxForwardOffset: UInt64?

    func run() throws {
        try runReportingFailure {
            var replay = ClockReplay(maxForwardOffset: maxForwardOffset)
            var lineNumber = 0
            var output = ""
            output.reserveCapacity(1 << 16)
            while let line = readLine(strippingNewline: true) {
                lineNumber += 1
                let event: ClockEvent
                do {
                    event = try ClockEvent(parsing: line)
                } catch {
                    print(output, terminator: "")
                    throw CommandFailure("line \(lineNumber): \(error)")
                }
                output += replay.apply(event)
                output += "\n"
                if output.utf8.count >= 1 << 15 {
                    print(output, terminator: "")
                    output.removeAll(keepingCapacity: true)
                }
            }
            print(output, terminator: "")
        }
    }
}

/// The replay state: one clock per node and the timestamps produced by sends.
struct ClockReplay {
    typealias Clock = HybridClock<ManualTimeSource, NoHighWaterMark>

    var configuration: Clock.Configuration
    var clocks: [String: Clock] = [:]
    var sent: [String: HybridTimestamp] = [:]

    init(maxForwardOffset: UInt64?) {
        configuration = Clock.Configuration(
            maxForwardOffset: maxForwardOffset.map { .milliseconds($0) }, counterOverflow: .fail)
    }

    /// Applies one event and returns its output line (without the newline).
    mutating func apply(_ event: ClockEvent) -> String {
        if clocks[event.node] == nil {
            clocks[event.node] = Clock(
                node: UInt64(clocks.count), source: ManualTimeSource(),
                configuration: configuration)
        }
        clocks[event.node]!.source.instant = .milliseconds(Int64(clamping: event.physical))
        let result: Result<HybridTimestamp, FieldClockError>
        switch event.operation {
        case .local, .send:
            result = Result { () throws(FieldClockError) in try clocks[event.node]!.now() }
            if event.operation == .send, case .success(let stamp) = result, let id = event.messageID {
                sent[id] = stamp
            }
        case .receive:
            guard let id = event.messageID, let remote = sent[id] else {
                return "{\"error\":" + jsonString("receive of unknown message id \(event.messageID ?? "")") + "}"
            }
            result = Result { () throws(FieldClockError) in try clocks[event.node]!.receive(remote) }
        }
        switch result {
        case .success(let stamp):
            return "{\"node\":" + jsonString(event.node) + ",\"l\":\(stamp.physical),\"c\":\(stamp.logical)"
                + ",\"packed\":\(stamp.packed),\"text\":\"" + stamp.text + "\"}"
        case .failure(let error):
            return "{\"error\":" + jsonString(error.description) + "}"
        }
    }
}
