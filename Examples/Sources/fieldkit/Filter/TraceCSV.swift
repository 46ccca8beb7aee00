/// A parsed CSV trace: a header `t,<column>...` and rows of a time and optional values.
struct TraceCSV {
    /// The value column names (after `t`).
    var columns: [String]
    /// The times, one per row.
    var times: [Double] = []
    /// The values, one array per row, `nil` for an empty cell.
    var values: [[Double?]] = []
    /// The 1-based input line of each row.
    var lines: [Int] = []

    /// Reads a trace from standard input.
    ///
    /// - Parameters:
    ///   - expectedColumns: The exact value column names, or `nil` to accept `z1, z2, ...`-style
    ///     columns (any names, at least one).
    ///   - allowEmpty: Whether empty value cells are allowed (missing measurements).
    static func readStandardInput(expectedColumns: [String]?, allowEmpty: Bool) throws -> TraceCSV {
        var lines: [String] = []
        while let line = readLine(strippingNewline: true) { lines.append(line) }
        return try parse(lines, expectedColumns: expectedColumns, allowEmpty: allowEmpty)
    }

    /// Parses the lines of a trace.
    static func parse(_ rawLines: [String], expectedColumns: [String]?, allowEmpty: Bool) throws -> TraceCSV {
        func clean(_ s: Substring) -> String {
            var text = String(s)
            if text.hasSuffix("\r") { text.removeLast() }
            return text.trimmingSpaces()
        }
        guard let headerLine = rawLines.first else {
            throw CommandFailure("line 1: empty input, expected a header 't,...'")
        }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map(clean)
        guard header.first == "t" else {
            throw CommandFailure("line 1, field 1: header must start with 't', found '\(header.first ?? "")'")
        }
        let columns = Array(header.dropFirst())
        if let expected = expectedColumns, columns != expected {
            throw CommandFailure("line 1: header must be 't,\(expected.joined(separator: ","))', found '\(headerLine)'")
        }
        guard !columns.isEmpty else { throw CommandFailure("line 1: header needs at least one value column after 't'") }
        for (i, name) in columns.enumerated() where name.isEmpty {
            throw CommandFailure("line 1, field \(i + 2): empty column name")
        }
        var trace = TraceCSV(columns: columns)
        for (index, raw) in rawLines.enumerated().dropFirst() {
            let lineNumber = index + 1
            let text = clean(raw[...])
            if text.isEmpty { continue }
            let fields = raw.split(separator: ",", omittingEmptySubsequences: false).map(clean)
            guard fields.count == header.count else {
                throw CommandFailure("line \(lineNumber): expected \(header.count) fields, found \(fields.count)")
            }
            guard let t = Double(fields[0]), t.isFinite else {
                throw CommandFailure("line \(lineNumber), field 't': '\(fields[0])' is not a finite number")
            }
            if let last = trace.times.last, t < last {
                throw CommandFailure("line \(lineNumber), field 't': time \(t) is before the previous row's \(last)")
            }
            var row: [Double?] = []
            for (i, field) in fields.dropFirst().enumerated() {
                if field.isEmpty {
                    guard allowEmpty else {
                        throw CommandFailure("line \(lineNumber), field '\(columns[i])': empty value")
                    }
                    row.append(nil)
                    continue
                }
                guard let v = Double(field), v.isFinite else {
                    throw CommandFailure("line \(lineNumber), field '\(columns[i])': '\(field)' is not a finite number")
                }
                row.append(v)
            }
            trace.times.append(t)
            trace.values.append(row)
            trace.lines.append(lineNumber)
        }
        return trace
    }

    /// The single value column as numbers (for `t,value` traces).
    var singleColumn: [Double] { values.map { $0[0] ?? .nan } }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}

/// Buffers standard output lines and writes them in large chunks.
struct CSVWriter {
    var buffer = ""

    mutating func row(_ fields: [String]) {
        buffer += fields.joined(separator: ",")
        buffer += "\n"
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        print(buffer, terminator: "")
        buffer = ""
    }
}
