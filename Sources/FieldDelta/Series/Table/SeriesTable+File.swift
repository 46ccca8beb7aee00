#if !hasFeature(Embedded)
    import FieldCore

    extension SeriesTable {
        static let fileMagic: [UInt8] = [0x46, 0x4B, 0x53, 0x46]  // "FKSF"
        static let fileVersion: UInt8 = 1

        /// Encodes the table as a series file: a header with the column names and timestamp format
        /// (CRC-32C protected), then the blocks a ``SeriesEncoder`` produces, back to back.
        ///
        /// ```swift
        /// let file = try table.encodeFile(options: SeriesOptions(blockSize: 1_024))
        /// ```
        ///
        /// - Parameter options: Block size, float codec and optional lossy bound.
        /// - Returns: The file's bytes.
        /// - Throws: `SeriesError` `.invalidArgument` when columns differ in length or the options
        ///   are invalid.
        /// - Complexity: O(rows × columns).
        public func encodeFile(options: SeriesOptions = SeriesOptions()) throws(SeriesError) -> [UInt8] {
            guard names.count == columns.count + 1, columns.allSatisfy({ $0.count == timestamps.count }) else {
                throw SeriesError(.invalidArgument, at: 0)
            }
            var header = Self.fileMagic
            header.append(Self.fileVersion)
            header += [
                timestampFormat.style.rawValue, timestampFormat.separator,
                timestampFormat.hasFraction ? 1 : 0, timestampFormat.hasZoneSuffix ? 1 : 0,
            ]
            VarInt.appendLEB128(UInt64(names.count), to: &header)
            for name in names {
                let utf8 = Array(name.utf8)
                VarInt.appendLEB128(UInt64(utf8.count), to: &header)
                header += utf8
            }
            header.appendLittleEndian(CRC32C.checksum(header))
            var file = header
            var encoder = try SeriesEncoder(valueColumnCount: columns.count, options: options)
            var row = [Double](repeating: 0, count: columns.count)
            for index in 0..<timestamps.count {
                for column in 0..<columns.count { row[column] = columns[column][index] }
                if let block = try encoder.append(timestamp: timestamps[index], values: row) { file += block }
            }
            if let block = encoder.flush() { file += block }
            return file
        }

        /// Decodes a series file written by ``encodeFile(options:)``.
        ///
        /// ```swift
        /// let table = try SeriesTable.decodeFile(bytes)
        /// ```
        ///
        /// - Parameter bytes: The file.
        /// - Returns: The table, bit-identical to the one encoded (within the bound in lossy mode).
        /// - Throws: `SeriesError` for a malformed header or block, with the offset in the file.
        /// - Complexity: O(file size + rows × columns).
        public static func decodeFile(_ bytes: [UInt8]) throws(SeriesError) -> SeriesTable {
            try withFile(bytes) { (header, blocks) throws(SeriesError) in
                var table = header
                for (start, block) in blocks {
                    let decoded = try shifted(start) { () throws(SeriesError) in
                        try SeriesBlock.decodePrefix(of: block).block
                    }
                    guard decoded.columns.count == table.columns.count + 1,
                        case .timestamps(let times) = decoded.columns[0]
                    else { throw SeriesError(.corruptPayload, at: start) }
                    table.timestamps += times
                    for column in 0..<table.columns.count {
                        guard case .floats(let values) = decoded.columns[column + 1] else {
                            throw SeriesError(.corruptPayload, at: start)
                        }
                        table.columns[column] += values
                    }
                }
                return table
            }
        }

        /// Per-column sizes and codecs of a series file, for `fieldkit series stats`.
        public struct FileStatistics: Sendable, Hashable {
            /// One column's totals over all blocks.
            public struct Column: Sendable, Hashable {
                /// The column's name.
                public var name: String
                /// Payload bytes over all blocks.
                public var payloadByteCount: Int
                /// How many blocks used each codec.
                public var blocksPerCodec: [SeriesCodec: Int]
            }

            /// Rows in the file.
            public var rowCount: Int
            /// Blocks in the file.
            public var blockCount: Int
            /// The file's size in bytes.
            public var byteCount: Int
            /// Bytes outside column payloads: file header, block headers and checksums.
            public var overheadByteCount: Int
            /// The columns, timestamp first.
            public var columns: [Column]
        }

        /// Reads a series file's headers (checking every CRC) without decoding readings.
        ///
        /// ```swift
        /// let stats = try SeriesTable.fileStatistics(bytes)
        /// ```
        ///
        /// - Parameter bytes: The file.
        /// - Returns: Rows, blocks and per-column bytes and codecs.
        /// - Throws: `SeriesError` for a malformed header or block.
        /// - Complexity: O(file size).
        public static func fileStatistics(_ bytes: [UInt8]) throws(SeriesError) -> FileStatistics {
            try withFile(bytes) { (header, blocks) throws(SeriesError) in
                var columns = header.names.map {
                    FileStatistics.Column(name: $0, payloadByteCount: 0, blocksPerCodec: [:])
                }
                var rows = 0
                var payload = 0
                for (start, block) in blocks {
                    let info = try shifted(start) { () throws(SeriesError) in try SeriesBlock.inspectPrefix(of: block) }
                    guard info.columns.count == columns.count else { throw SeriesError(.corruptPayload, at: start) }
                    rows += info.pointCount
                    for (index, column) in info.columns.enumerated() {
                        columns[index].payloadByteCount += column.payloadByteCount
                        columns[index].blocksPerCodec[column.codec, default: 0] += 1
                        payload += column.payloadByteCount
                    }
                }
                return FileStatistics(
                    rowCount: rows, blockCount: blocks.count, byteCount: bytes.count,
                    overheadByteCount: bytes.count - payload, columns: columns)
            }
        }

        /// Runs `body` with an error's offset moved by `start` (block offsets are block-relative).
        private static func shifted<T>(_ start: Int, _ body: () throws(SeriesError) -> T) throws(SeriesError) -> T {
            do {
                return try body()
            } catch {
                var moved = error
                moved.offset += start
                throw moved
            }
        }

        /// Parses the file header and splits the rest into blocks, then runs `body`.
        private static func withFile<T>(
            _ bytes: [UInt8],
            _ body: (SeriesTable, [(Int, UnsafeRawBufferPointer)]) throws(SeriesError) -> T
        ) throws(SeriesError) -> T {
            let result: Result<T, SeriesError> = bytes.withUnsafeBytes { raw in
                do throws(SeriesError) {
                    var reader = ByteReader(raw)
                    for expected in fileMagic {
                        guard try reader.seriesByte() == expected else { throw SeriesError(.malformedFile, at: 0) }
                    }
                    let version = try reader.seriesByte()
                    guard version == fileVersion else { throw SeriesError(.unsupportedVersion(version), at: 4) }
                    let formatOffset = reader.offset
                    guard let style = SeriesTimestampFormat.Style(rawValue: try reader.seriesByte()) else {
                        throw SeriesError(.malformedFile, at: formatOffset)
                    }
                    let separator = try reader.seriesByte()
                    let hasFraction = try reader.seriesByte()
                    let hasZone = try reader.seriesByte()
                    guard separator == 0x54 || separator == 0x20, hasFraction <= 1, hasZone <= 1 else {
                        throw SeriesError(.malformedFile, at: formatOffset)
                    }
                    let countOffset = reader.offset
                    let nameCount = try reader.seriesCount(
                        atMost: BlockAssembler.maximumColumnCount, kind: .malformedFile)
                    guard nameCount >= 1 else { throw SeriesError(.malformedFile, at: countOffset) }
                    var names: [String] = []
                    for _ in 0..<nameCount {
                        let length = try reader.seriesCount(atMost: reader.remaining, kind: .truncated)
                        let name = try reader.seriesReader(count: length)
                        names.append(String(decoding: name.bytes, as: UTF8.self))
                    }
                    let headerEnd = reader.position
                    let stored = try reader.seriesUInt32()
                    guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<headerEnd])) == stored else {
                        throw SeriesError(.checksumMismatch, at: headerEnd)
                    }
                    let format = SeriesTimestampFormat(
                        style: style, separator: separator, hasFraction: hasFraction == 1, hasZoneSuffix: hasZone == 1)
                    let header = SeriesTable(
                        names: names, timestampFormat: format, timestamps: [],
                        columns: [[Double]](repeating: [], count: nameCount - 1))
                    var blocks: [(Int, UnsafeRawBufferPointer)] = []
                    var offset = reader.position
                    while offset < raw.count {
                        let rest = UnsafeRawBufferPointer(rebasing: raw[offset...])
                        let info = try shifted(offset) { () throws(SeriesError) in
                            try SeriesBlock.inspectPrefix(of: rest)
                        }
                        blocks.append((offset, UnsafeRawBufferPointer(rebasing: rest[0..<info.byteCount])))
                        offset += info.byteCount
                    }
                    return .success(try body(header, blocks))
                } catch {
                    return .failure(error)
                }
            }
            return try result.get()
        }
    }
#endif
