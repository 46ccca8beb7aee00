extension SeriesBlock {
    /// Decodes a buffer that holds exactly one block.
    ///
    /// The header and CRC-32C are checked before any column is decoded; every length is checked
    /// against the bytes present, so corrupt or hostile input gets an error, never a trap.
    ///
    /// ```swift
    /// let block = try SeriesBlock.decode(received)
    /// if case .floats(let pm25) = block.columns[2] { plot(pm25) }
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: The block.
    ///   - maximumPointCount: The most points to accept (bounds the memory a hostile header can
    ///     make the decoder allocate); default 65,536.
    /// - Returns: The decoded block.
    /// - Throws: `SeriesError` naming what is malformed and its offset, including bytes left over
    ///   after the block.
    /// - Complexity: O(block size + points × columns).
    public static func decode(
        _ bytes: [UInt8],
        maximumPointCount: Int = SeriesOptions.maximumBlockSize
    ) throws(SeriesError) -> SeriesBlock {
        let result: Result<(block: SeriesBlock, byteCount: Int), SeriesError> = bytes.withUnsafeBytes { raw in
            do throws(SeriesError) {
                return .success(try decodePrefix(of: raw, maximumPointCount: maximumPointCount))
            } catch {
                return .failure(error)
            }
        }
        let decoded = try result.get()
        guard decoded.byteCount == bytes.count else { throw SeriesError(.corruptPayload, at: decoded.byteCount) }
        return decoded.block
    }

    /// Decodes the block at the start of `bytes`, which may hold more after it (a file of blocks).
    ///
    /// ```swift
    /// var offset = 0
    /// while offset < file.count {
    ///     let (block, size) = try SeriesBlock.decodePrefix(of: UnsafeRawBufferPointer(rebasing: file[offset...]))
    ///     offset += size
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: Bytes starting with a block.
    ///   - maximumPointCount: The most points to accept; default 65,536.
    /// - Returns: The block and the number of bytes it occupied.
    /// - Throws: `SeriesError` naming what is malformed and its offset from the start of `bytes`.
    /// - Complexity: O(block size + points × columns).
    public static func decodePrefix(
        of bytes: UnsafeRawBufferPointer,
        maximumPointCount: Int = SeriesOptions.maximumBlockSize
    ) throws(SeriesError) -> (block: SeriesBlock, byteCount: Int) {
        let layout = try BlockLayout.parse(bytes, maximumPointCount: maximumPointCount)
        let count = layout.pointCount
        var columns: [SeriesColumn] = []
        columns.reserveCapacity(layout.entries.count)
        for entry in layout.entries {
            let payload = UnsafeRawBufferPointer(rebasing: bytes[entry.start..<(entry.start + entry.length)])
            let base = entry.start
            switch entry.codec {
            case .timestampDeltaOfDelta:
                columns.append(
                    .timestamps(try IntegerColumnCodec.decode(payload, count: count, order: 2, baseOffset: base)))
            case .integerDelta:
                columns.append(
                    .integers(try IntegerColumnCodec.decode(payload, count: count, order: 1, baseOffset: base)))
            case .gorilla:
                columns.append(.floats(try GorillaCodec.decode(payload, count: count, baseOffset: base)))
            case .chimp128:
                columns.append(.floats(try ChimpCodec.decode(payload, count: count, baseOffset: base)))
            case .decimal:
                columns.append(
                    .floats(try ScaledCodec.decode(payload, count: count, quantized: false, baseOffset: base)))
            case .quantized:
                columns.append(
                    .floats(try ScaledCodec.decode(payload, count: count, quantized: true, baseOffset: base)))
            case .plain:
                columns.append(.floats(try FloatColumnEncoder.decodePlain(payload, count: count, baseOffset: base)))
            }
        }
        return (SeriesBlock(pointCount: count, columns: columns), layout.byteCount)
    }

    /// Reads the header of the block at the start of `bytes` and checks its CRC-32C, without
    /// decoding the columns.
    ///
    /// ```swift
    /// let info = try SeriesBlock.inspectPrefix(of: raw)
    /// print(info.pointCount, info.columns.map(\.codec))
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: Bytes starting with a block.
    ///   - maximumPointCount: The most points to accept; default 65,536.
    /// - Returns: The point count, total size and each column's codec and payload size.
    /// - Throws: `SeriesError` for a malformed header or a checksum mismatch.
    /// - Complexity: O(block size) for the checksum.
    public static func inspectPrefix(
        of bytes: UnsafeRawBufferPointer,
        maximumPointCount: Int = SeriesOptions.maximumBlockSize
    ) throws(SeriesError) -> SeriesBlockInfo {
        let layout = try BlockLayout.parse(bytes, maximumPointCount: maximumPointCount)
        return SeriesBlockInfo(
            pointCount: layout.pointCount,
            byteCount: layout.byteCount,
            columns: layout.entries.map { SeriesBlockInfo.Column(codec: $0.codec, payloadByteCount: $0.length) }
        )
    }
}
