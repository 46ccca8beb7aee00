#if !hasFeature(Embedded)
    extension SeriesTable {
        /// Parses CSV text: a header line, then rows of a timestamp and numeric readings.
        ///
        /// Fields are separated by commas (no quoting); `\r\n` line ends and blank lines are
        /// accepted. The first column is a timestamp (ISO-8601 or integer epoch seconds or
        /// milliseconds, the style of the first row fixing the unit); the others are numbers, where
        /// an empty field is ``missing`` and `nan` (any spelling of NaN) is the canonical NaN. Numbers keep their exact `Double` value.
        ///
        /// ```swift
        /// let table = try SeriesTable.parseCSV(Array("time,t\n1700000000,21.5\n".utf8))
        /// ```
        ///
        /// - Parameter text: The CSV file's bytes (UTF-8).
        /// - Returns: The table.
        /// - Throws: `SeriesError` `.malformedCSV(line:column:problem:)` naming the 1-based line and
        ///   column of the first bad field.
        /// - Complexity: O(size of the text).
        public static func parseCSV(_ text: [UInt8]) throws(SeriesError) -> SeriesTable {
            var lineNumber = 0
            var names: [String] = []
            var millis: [Int64] = []
            var columns: [[Double]] = []
            var format: SeriesTimestampFormat?
            var anyFraction = false
            var start = 0
            while start < text.count {
                var end = start
                while end < text.count && text[end] != 0x0A { end += 1 }
                lineNumber += 1
                var lineEnd = end
                while lineEnd > start && text[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = text[start..<lineEnd]
                start = end + 1
                if line.isEmpty { continue }
                let fields = line.split(separator: 0x2C, omittingEmptySubsequences: false)
                if names.isEmpty {
                    names = fields.map { String(decoding: $0, as: UTF8.self) }
                    guard names.count >= 2 else {
                        throw SeriesError(.malformedCSV(line: lineNumber, column: 1, problem: .noValueColumns), at: 0)
                    }
                    columns = [[Double]](repeating: [], count: names.count - 1)
                    continue
                }
                guard fields.count == names.count else {
                    let problem = SeriesError.CSVProblem.wrongFieldCount(expected: names.count, found: fields.count)
                    throw SeriesError(
                        .malformedCSV(line: lineNumber, column: min(fields.count, names.count) + 1, problem: problem),
                        at: 0)
                }
                let (time, rowFormat) = try SeriesTimestampFormat.parse(fields[0], line: lineNumber)
                if let format {
                    // ISO-8601 rows may vary in separator, fraction and zone; epoch rows must keep the unit.
                    let sameFamily = format.style == rowFormat.style
                    guard sameFamily else {
                        throw SeriesError(.malformedCSV(line: lineNumber, column: 1, problem: .badTimestamp), at: 0)
                    }
                } else {
                    format = rowFormat
                }
                anyFraction = anyFraction || rowFormat.hasFraction
                millis.append(time)
                for column in 1..<fields.count {
                    guard let value = number(fields[column]) else {
                        throw SeriesError(
                            .malformedCSV(line: lineNumber, column: column + 1, problem: .badNumber), at: 0)
                    }
                    columns[column - 1].append(value)
                }
            }
            guard !names.isEmpty else {
                throw SeriesError(.malformedCSV(line: max(lineNumber, 1), column: 1, problem: .missingHeader), at: 0)
            }
            var timestampFormat = format ?? SeriesTimestampFormat(style: .epochSeconds)
            if timestampFormat.style == .iso8601 { timestampFormat.hasFraction = anyFraction }
            let timestamps = timestampFormat.usesMilliseconds ? millis : millis.map { $0 / 1_000 }
            return SeriesTable(names: names, timestampFormat: timestampFormat, timestamps: timestamps, columns: columns)
        }

        /// Parses one numeric field; empty is ``missing``, `nan` (any case) is NaN.
        private static func number(_ field: ArraySlice<UInt8>) -> Double? {
            if field.isEmpty { return missing }
            let text = String(decoding: field, as: UTF8.self)
            if text.lowercased() == "nan" { return .nan }
            // Reject forms Double(String) accepts but CSV readers do not expect (hex floats).
            if text.contains("x") || text.contains("X") { return nil }
            guard let value = Double(text) else { return nil }
            // Any textual NaN ("-nan", "snan") is the one canonical NaN: text has no NaN payloads.
            return value.isNaN ? .nan : value
        }

        /// Writes the table as CSV text that ``parseCSV(_:)`` reads back to an identical table.
        ///
        /// Readings are written in their shortest round-trip form (integral values without `.0`),
        /// ``missing`` as an empty field and other NaNs as `nan`.
        ///
        /// ```swift
        /// let text = table.formatCSV()
        /// ```
        ///
        /// - Returns: The CSV bytes, with `\n` line ends.
        /// - Complexity: O(rows × columns).
        public func formatCSV() -> [UInt8] {
            var output: [UInt8] = []
            output.reserveCapacity(timestamps.count * (columns.count + 1) * 10)
            output += Array(names.joined(separator: ",").utf8)
            output.append(0x0A)
            for row in 0..<timestamps.count {
                output += Array(timestampFormat.format(timestamps[row]).utf8)
                for column in columns {
                    output.append(0x2C)
                    output += Array(Self.formatNumber(column[row]).utf8)
                }
                output.append(0x0A)
            }
            return output
        }

        /// The shortest text that parses back to exactly `value`.
        static func formatNumber(_ value: Double) -> String {
            if value.bitPattern == missing.bitPattern { return "" }
            if value.isNaN { return "nan" }
            if value == value.rounded(), value.magnitude < 1e15, !(value == 0 && value.sign == .minus) {
                return String(Int64(value))
            }
            return value.description
        }
    }
#endif
