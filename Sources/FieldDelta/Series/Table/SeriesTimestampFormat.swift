#if !hasFeature(Embedded)
    /// How a table's timestamps are written as text: epoch seconds, epoch milliseconds or ISO-8601.
    ///
    /// Parsing remembers the style of the input so that writing the table back produces the same
    /// text: ISO-8601 with a `T` or a space between date and time, with or without milliseconds and a
    /// `Z`. Offsets such as `+02:00` are accepted and converted to UTC (written back with `Z`).
    ///
    /// ```swift
    /// let (millis, format) = try SeriesTimestampFormat.parse("2015-01-01T00:00:00.250Z", line: 2)
    /// print(millis, format.format(millis / 1))  // 1420070400250 2015-01-01T00:00:00.250Z
    /// ```
    public struct SeriesTimestampFormat: Sendable, Hashable {
        /// The three families of timestamp text.
        public enum Style: UInt8, Sendable, Hashable {
            /// An integer count of seconds since 1970-01-01T00:00:00Z.
            case epochSeconds = 0
            /// An integer count of milliseconds since the epoch.
            case epochMilliseconds = 1
            /// `YYYY-MM-DD`, `T` or space, `HH:MM:SS`, optional `.fff`, optional `Z` or offset.
            case iso8601 = 2
        }

        /// The family.
        public var style: Style
        /// For ISO-8601, the byte between date and time: `T` (0x54) or a space (0x20).
        public var separator: UInt8
        /// For ISO-8601, whether times carry milliseconds (then timestamps are in milliseconds).
        public var hasFraction: Bool
        /// For ISO-8601, whether times end in `Z`.
        public var hasZoneSuffix: Bool

        /// Creates a format.
        ///
        /// - Parameters:
        ///   - style: The family.
        ///   - separator: ISO-8601's date-time separator byte (`T` or space).
        ///   - hasFraction: Whether ISO-8601 times carry milliseconds.
        ///   - hasZoneSuffix: Whether ISO-8601 times end in `Z`.
        public init(style: Style, separator: UInt8 = 0x54, hasFraction: Bool = false, hasZoneSuffix: Bool = false) {
            self.style = style
            self.separator = separator
            self.hasFraction = hasFraction
            self.hasZoneSuffix = hasZoneSuffix
        }

        /// Whether timestamps in this format count milliseconds (otherwise seconds).
        public var usesMilliseconds: Bool {
            style == .epochMilliseconds || (style == .iso8601 && hasFraction)
        }

        /// Writes a timestamp (in this format's unit) as text.
        ///
        /// - Parameter timestamp: Seconds or milliseconds since the epoch, per ``usesMilliseconds``.
        /// - Returns: The text.
        public func format(_ timestamp: Int64) -> String {
            switch style {
            case .epochSeconds, .epochMilliseconds:
                return String(timestamp)
            case .iso8601:
                let millisPerUnit: Int64 = hasFraction ? 1 : 1_000
                let (millis, overflow) = timestamp.multipliedReportingOverflow(by: millisPerUnit)
                // Years 0000...9999 only (what ISO-8601's four-digit year can say); others as integers.
                guard !overflow, millis >= -62_167_219_200_000, millis <= 253_402_300_799_999 else {
                    return String(timestamp)
                }
                let days = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
                let dayMillis = millis - days * 86_400_000
                let (year, month, day) = Self.civil(fromDays: days)
                let seconds = dayMillis / 1_000
                var text = Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
                text += String(UnicodeScalar(separator))
                text +=
                    Self.pad(seconds / 3_600, 2) + ":" + Self.pad(seconds / 60 % 60, 2) + ":"
                    + Self.pad(seconds % 60, 2)
                if hasFraction { text += "." + Self.pad(dayMillis % 1_000, 3) }
                if hasZoneSuffix { text += "Z" }
                return text
            }
        }

        /// Parses one timestamp field.
        ///
        /// - Parameters:
        ///   - field: The field's bytes (UTF-8).
        ///   - line: The 1-based line number, for errors.
        /// - Returns: Milliseconds since the epoch (epoch seconds are multiplied by 1,000) and the
        ///   format the field was written in (epoch fields count as seconds when under 10^11).
        /// - Throws: `SeriesError` `.malformedCSV(line:column:problem: .badTimestamp)`.
        public static func parse<Field: Collection<UInt8>>(
            _ field: Field, line: Int
        ) throws(SeriesError) -> (
            milliseconds: Int64, format: SeriesTimestampFormat
        ) {
            let bytes = Array(field)
            let failure = SeriesError(.malformedCSV(line: line, column: 1, problem: .badTimestamp), at: 0)
            if let value = integer(bytes[...]) {
                let isMillis = value.magnitude >= 100_000_000_000
                if isMillis { return (value, SeriesTimestampFormat(style: .epochMilliseconds)) }
                return (value * 1_000, SeriesTimestampFormat(style: .epochSeconds))
            }
            // YYYY-MM-DD?HH:MM:SS
            guard bytes.count >= 19, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 || bytes[10] == 0x20,
                bytes[13] == 0x3A, bytes[16] == 0x3A,
                let year = integer(bytes[0..<4]), let month = integer(bytes[5..<7]), let day = integer(bytes[8..<10]),
                let hour = integer(bytes[11..<13]), let minute = integer(bytes[14..<16]),
                let second = integer(bytes[17..<19]),
                (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
                (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
                bytes[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
            else { throw failure }
            var index = 19
            var millis: Int64 = 0
            var hasFraction = false
            if index < bytes.count && bytes[index] == 0x2E {
                index += 1
                var digits = 0
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    guard digits < 3 else { throw failure }
                    millis = millis * 10 + Int64(bytes[index] - 0x30)
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { throw failure }
                for _ in digits..<3 { millis *= 10 }
                hasFraction = true
            }
            var offsetMinutes: Int64 = 0
            var hasZone = false
            if index < bytes.count {
                if bytes[index] == 0x5A && index + 1 == bytes.count {
                    hasZone = true
                } else if (bytes[index] == 0x2B || bytes[index] == 0x2D) && bytes.count == index + 6
                    && bytes[index + 3] == 0x3A,
                    let hours = integer(bytes[(index + 1)..<(index + 3)]),
                    let minutes = integer(bytes[(index + 4)..<(index + 6)]), hours <= 23, minutes <= 59
                {
                    offsetMinutes = (hours * 60 + minutes) * (bytes[index] == 0x2D ? -1 : 1)
                    hasZone = true
                } else {
                    throw failure
                }
            }
            let days = Self.days(year: year, month: month, day: day)
            let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60
            // An offset may not move the instant outside the years ISO-8601 text can write back.
            guard seconds >= -62_167_219_200, seconds <= 253_402_300_799 else { throw failure }
            let format = SeriesTimestampFormat(
                style: .iso8601, separator: bytes[10], hasFraction: hasFraction, hasZoneSuffix: hasZone)
            return (seconds * 1_000 + millis, format)
        }

        /// An optionally negative decimal integer of at most 18 digits, or nil.
        private static func integer(_ bytes: ArraySlice<UInt8>) -> Int64? {
            var index = bytes.startIndex
            var negative = false
            if index < bytes.endIndex && bytes[index] == 0x2D {
                negative = true
                index += 1
            }
            guard index < bytes.endIndex, bytes.endIndex - index <= 18 else { return nil }
            var value: Int64 = 0
            while index < bytes.endIndex {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
                index += 1
            }
            return negative ? -value : value
        }

        private static func isLeap(_ year: Int64) -> Bool {
            (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        }

        private static func daysIn(month: Int64, year: Int64) -> Int64 {
            switch month {
            case 2: isLeap(year) ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }

        /// Days since 1970-01-01 of a proleptic Gregorian date (the era-based civil calendar formula).
        static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yearOfEra = y - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }

        /// The date of a day count since 1970-01-01 (inverse of ``days(year:month:day:)``).
        static func civil(fromDays count: Int64) -> (year: Int64, month: Int64, day: Int64) {
            let z = count + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let dayOfEra = z - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let mp = (5 * dayOfYear + 2) / 153
            let day = dayOfYear - (153 * mp + 2) / 5 + 1
            let month = mp < 10 ? mp + 3 : mp - 9
            return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
        }

        private static func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
    }
#endif
