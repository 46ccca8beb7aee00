import FieldDelta
import Testing

@Suite("CSV and timestamps")
struct CSVTests {
    func parse(_ text: String) -> Result<SeriesTable, SeriesError> {
        do {
            return .success(try SeriesTable.parseCSV(Array(text.utf8)))
        } catch {
            return .failure(error)
        }
    }

    func csvError(_ line: Int, _ column: Int, _ problem: SeriesError.CSVProblem) -> Result<SeriesTable, SeriesError> {
        .failure(SeriesError(.malformedCSV(line: line, column: column, problem: problem), at: 0))
    }

    @Test("malformed input names the line and column")
    func errors() {
        #expect(parse("") == csvError(1, 1, .missingHeader))
        #expect(parse("time\n1,2\n") == csvError(1, 1, .noValueColumns))
        #expect(
            parse("time,a,b\n1700000000,1,2\n1700000060,1\n") == csvError(3, 3, .wrongFieldCount(expected: 3, found: 2))
        )
        #expect(parse("time,a\n1700000000,1\n1700000060,abc\n") == csvError(3, 2, .badNumber))
        #expect(parse("time,a\r\n2015-13-01 00:00:00,1\r\n") == csvError(2, 1, .badTimestamp))
        #expect(parse("time,a\n2015-02-29T00:00:00Z,1\n") == csvError(2, 1, .badTimestamp))
        #expect(parse("time,a\n2015-01-01T00:00:00Z,1\n1700000000,2\n") == csvError(3, 1, .badTimestamp))
        #expect(parse("time,a\n2015-01-01T00:00:00.1234Z,1\n") == csvError(2, 1, .badTimestamp))
        #expect(parse("time,a\n1700000000,0x1p3\n") == csvError(2, 2, .badNumber))
        #expect(parse("time,a\n0000-01-01T00:30:00+01:00,1\n") == csvError(2, 1, .badTimestamp))
        // Seconds then milliseconds would silently lose precision: refused.
        #expect(parse("time,a\n1700000000,1\n1700000000123,2\n") == csvError(3, 1, .badTimestamp))
    }

    @Test("timestamps: ISO-8601 forms, offsets, epoch seconds and milliseconds")
    func timestamps() throws {
        // Reference instants from `date -u -d ... +%s`.
        let cases: [(String, Int64, Bool)] = [
            ("2015-01-01 00:00:00", 1_420_070_400, false),
            ("2015-01-01T00:00:00Z", 1_420_070_400, false),
            ("2024-02-29T23:59:59Z", 1_709_251_199, false),
            ("1969-12-31T23:59:59Z", -1, false),
            ("2015-01-01T02:00:00+02:00", 1_420_070_400, false),
            ("2015-01-01T00:00:00.250Z", 1_420_070_400_250, true),
            ("1700000000", 1_700_000_000, false),
            ("1700000000123", 1_700_000_000_123, true),
        ]
        for (text, expected, millis) in cases {
            let table = try SeriesTable.parseCSV(Array("time,a\n\(text),1\n".utf8))
            #expect(table.timestamps == [expected], "\(text)")
            #expect(table.timestampFormat.usesMilliseconds == millis, "\(text)")
        }
    }

    @Test("write then parse gives the identical table, including missing values, NaN and -0.0")
    func roundTrip() throws {
        let text =
            "time,a,b\n2015-01-01 00:00:00,0.000387,\n2015-01-01 01:00:00,-0.0,nan\n2015-01-01 02:00:00,1e+300,12\n"
        let table = try SeriesTable.parseCSV(Array(text.utf8))
        #expect(table.columns[1][0].bitPattern == SeriesTable.missing.bitPattern)
        #expect(table.columns[1][1].bitPattern == Double.nan.bitPattern)
        let signed = try SeriesTable.parseCSV(Array("time,a\n1,-nan\n".utf8))
        #expect(signed.columns[0][0].bitPattern == Double.nan.bitPattern)
        #expect(String(decoding: table.formatCSV(), as: UTF8.self) == text)
        let file = try table.encodeFile()
        #expect(try SeriesTable.decodeFile(file) == table)
    }

    @Test(
        "ISO-8601 formatting inverts parsing over a wide range of days",
        arguments: [Int64(-700_000), -1, 0, 59, 20_000, 2_932_896])
    func civilDates(days: Int64) throws {
        let format = SeriesTimestampFormat(style: .iso8601, separator: 0x54, hasFraction: true, hasZoneSuffix: true)
        for offset in stride(from: Int64(0), to: 86_400_000, by: 7_777_777) {
            let millis = days * 86_400_000 + offset
            let text = format.format(millis)
            let parsed = try SeriesTimestampFormat.parse(Array(text.utf8), line: 1)
            #expect(parsed.milliseconds == millis, "\(text)")
        }
    }

    @Test("damaged series files are rejected with an offset")
    func damagedFiles() throws {
        let table = try SeriesTable.parseCSV(Array("time,a\n1700000000,1.5\n1700000060,1.75\n".utf8))
        let file = try table.encodeFile()
        var damaged = file
        damaged[damaged.count - 6] ^= 0x40
        #expect(throws: SeriesError.self) { try SeriesTable.decodeFile(damaged) }
        #expect(throws: SeriesError.self) { try SeriesTable.decodeFile(Array(file.prefix(file.count - 1))) }
        var badHeader = file
        badHeader[8] ^= 1
        #expect(throws: SeriesError.self) { try SeriesTable.fileStatistics(badHeader) }
    }
}

@Suite("Timestamp formatting limits")
struct TimestampLimitTests {
    @Test("timestamps outside years 0000-9999 are written as integers, never trapping")
    func extremes() {
        let format = SeriesTimestampFormat(style: .iso8601, separator: 0x20, hasFraction: true, hasZoneSuffix: false)
        #expect(format.format(.min) == String(Int64.min))
        #expect(format.format(.max) == String(Int64.max))
        #expect(format.format(-62_167_219_200_000) == "0000-01-01 00:00:00.000")
        #expect(format.format(253_402_300_799_999) == "9999-12-31 23:59:59.999")
        let seconds = SeriesTimestampFormat(style: .iso8601)
        #expect(seconds.format(.max / 10) == String(Int64.max / 10))
    }
}

@Suite("CSV regressions found by fuzzing")
struct CSVFuzzRegressionTests {
    @Test("trailing carriage returns are all line-end, so writing and parsing again is stable")
    func trailingCarriageReturns() throws {
        let table = try SeriesTable.parseCSV(Array("time,a\r\r\r".utf8))
        #expect(table.names == ["time", "a"])
        #expect(try SeriesTable.parseCSV(table.formatCSV()) == table)
    }
}
