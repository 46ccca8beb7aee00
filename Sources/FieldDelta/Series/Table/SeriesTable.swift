#if !hasFeature(Embedded)
    /// A whole time series in memory: named columns, one timestamp per row, float readings.
    ///
    /// The host-side companion of ``SeriesEncoder``: parse CSV with ``parseCSV(_:)``, store it as a
    /// series file with ``encodeFile(options:)`` and read it back with ``decodeFile(_:)``.
    ///
    /// ```swift
    /// let table = try SeriesTable.parseCSV(csvBytes)
    /// let file = try table.encodeFile()
    /// let again = try SeriesTable.decodeFile(file)
    /// assert(again == table)
    /// ```
    public struct SeriesTable: Sendable, Equatable {
        /// Column names: the timestamp column's first, then one per value column.
        public var names: [String]
        /// How timestamps are written as text, and their unit.
        public var timestampFormat: SeriesTimestampFormat
        /// One timestamp per row, in the unit ``SeriesTimestampFormat/usesMilliseconds`` names.
        public var timestamps: [Int64]
        /// The value columns, each with one reading per row.
        public var columns: [[Double]]

        /// The NaN that stands for an empty CSV field (a quiet NaN with payload 1).
        public static let missing = Double(bitPattern: 0x7FF8_0000_0000_0001)

        /// Creates a table.
        ///
        /// - Parameters:
        ///   - names: The timestamp column's name, then one per value column.
        ///   - timestampFormat: How timestamps are written.
        ///   - timestamps: One per row.
        ///   - columns: The value columns, each as long as `timestamps`.
        public init(names: [String], timestampFormat: SeriesTimestampFormat, timestamps: [Int64], columns: [[Double]]) {
            self.names = names
            self.timestampFormat = timestampFormat
            self.timestamps = timestamps
            self.columns = columns
        }

        /// Compares tables; readings compare by bit pattern.
        ///
        /// - Parameters:
        ///   - lhs: A table.
        ///   - rhs: Another table.
        /// - Returns: Whether names, format, timestamps and every reading's bits are equal.
        /// - Complexity: O(rows × columns).
        public static func == (lhs: SeriesTable, rhs: SeriesTable) -> Bool {
            lhs.names == rhs.names && lhs.timestampFormat == rhs.timestampFormat && lhs.timestamps == rhs.timestamps
                && lhs.columns.map { $0.map(\.bitPattern) } == rhs.columns.map { $0.map(\.bitPattern) }
        }
    }
#endif
