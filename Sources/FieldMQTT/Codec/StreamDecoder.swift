/// Turns a byte stream split at arbitrary boundaries into whole, validated packets.
///
/// Feed it whatever the transport delivers; each call to ``next(from:)`` consumes bytes from the
/// front of the input and returns a packet, a request for more bytes, or (with the
/// ``OversizedPolicy/skip`` policy) a note that an oversized packet is being skipped. The maximum
/// packet size is checked from the fixed header, before any of the body is buffered, so the decoder
/// never holds more than one packet of at most ``DecodingOptions/maximumPacketSize`` bytes.
///
/// When a packet lies wholly inside the input it is decoded in place, without copying; only a
/// packet split across inputs is assembled in the decoder's buffer. A returned packet borrows the
/// input or that buffer and is valid until the next call.
///
/// ```swift
/// var decoder = StreamDecoder(options: DecodingOptions(version: .v5, sender: .client, maximumPacketSize: 4096))
/// chunk.withUnsafeBytes { raw in
///     var input = raw
///     while true {
///         guard case .packet(let packet) = try decoder.next(from: &input) else { break }
///         handle(packet)
///     }
/// }
/// ```
public struct StreamDecoder: Sendable {
    /// What to do with a packet larger than the maximum packet size.
    public enum OversizedPolicy: Sendable, Hashable {
        /// Throw `packetTooLarge` (reason code 0x95); the stream cannot continue.
        case fail
        /// Discard the packet's bytes as they arrive and carry on with the next packet.
        case skip
    }

    /// The outcome of one ``next(from:)`` call.
    public enum Event: Sendable {
        /// A whole, valid packet (borrowing the input or the decoder's buffer until the next call).
        case packet(Packet)
        /// The input is used up; at least this many more bytes are needed for the current packet.
        case needMoreBytes(Int)
        /// An oversized packet with this header is being discarded (``OversizedPolicy/skip``).
        case skipped(FixedHeader)
    }

    /// The decoding options (version, direction, strictness, maximum packet size).
    public let options: DecodingOptions
    /// The oversized packet policy.
    public let oversizedPolicy: OversizedPolicy

    private var storage: Storage
    private var header: FixedHeader?
    private var skipRemaining = 0
    private var failure: FieldMQTTError?

    /// Creates a stream decoder.
    ///
    /// - Parameters:
    ///   - options: The decoding options; ``DecodingOptions/maximumPacketSize`` bounds the buffer.
    ///   - oversizedPolicy: What to do with a packet over the maximum size.
    public init(options: DecodingOptions, oversizedPolicy: OversizedPolicy = .fail) {
        self.options = options
        self.oversizedPolicy = oversizedPolicy
        storage = Storage()
    }

    /// The number of bytes of an incomplete packet held in the buffer.
    public var bufferedCount: Int { storage.count }

    /// The number of bytes the buffer has allocated (never more than the largest packet seen that
    /// arrived split, and never more than the maximum packet size).
    public var bufferCapacity: Int { storage.capacity }

    /// Consumes bytes from the front of `input` and returns the next event.
    ///
    /// - Parameter input: The unread input; advanced past what was consumed.
    /// - Returns: A packet, a request for more bytes (the input is then empty), or a skip notice.
    /// - Throws: ``FieldMQTTError`` for an invalid packet. An invalid fixed header (or an oversized
    ///   packet with the ``OversizedPolicy/fail`` policy) leaves the stream unsynchronized: every later
    ///   call throws the same error. An invalid body is consumed, so decoding can continue, though
    ///   MQTT requires closing the connection.
    /// - Complexity: O(n) in the bytes consumed.
    public mutating func next(from input: inout UnsafeRawBufferPointer) throws(FieldMQTTError) -> Event {
        if let failure { throw failure }
        if skipRemaining > 0 {
            let n = min(skipRemaining, input.count)
            input = UnsafeRawBufferPointer(rebasing: input[n...])
            skipRemaining -= n
            if skipRemaining > 0 { return .needMoreBytes(skipRemaining) }
        }
        if storage.count == 0 {
            // Fast path: decode in place from the input.
            let parsed: FixedHeader.ParseResult
            do { parsed = try FixedHeader.parseUnchecked(input, options: options) } catch { throw fail(error) }
            switch parsed {
            case .incomplete(let needed):
                append(&input, upTo: input.count)
                return .needMoreBytes(needed)
            case .complete(let header):
                if let event = try oversized(header, consumed: 0, input: &input) { return event }
                if input.count >= header.packetLength {
                    let body = UnsafeRawBufferPointer(rebasing: input[header.headerLength..<header.packetLength])
                    input = UnsafeRawBufferPointer(rebasing: input[header.packetLength...])
                    return .packet(try PacketDecoder(options: options).decodeBody(header, body))
                }
                self.header = header
                reserve(header.packetLength)
                append(&input, upTo: input.count)
                return .needMoreBytes(header.packetLength - storage.count)
            }
        }
        // Slow path: a packet split across inputs.
        if header == nil {
            while header == nil {
                guard !input.isEmpty else { return .needMoreBytes(1) }
                append(&input, upTo: 1)
                let parsed: FixedHeader.ParseResult
                do {
                    parsed = try FixedHeader.parseUnchecked(storage.view, options: options)
                } catch {
                    throw fail(error)
                }
                if case .complete(let complete) = parsed {
                    if let event = try oversized(complete, consumed: storage.count, input: &input) { return event }
                    header = complete
                    reserve(complete.packetLength)
                }
            }
        }
        guard let header else { return .needMoreBytes(1) }
        append(&input, upTo: header.packetLength - storage.count)
        if storage.count < header.packetLength { return .needMoreBytes(header.packetLength - storage.count) }
        self.header = nil
        storage.count = 0  // the buffer is unique here: the `append` that completed the packet made it so
        let body = UnsafeRawBufferPointer(rebasing: storage.view(length: header.packetLength)[header.headerLength...])
        return .packet(try PacketDecoder(options: options).decodeBody(header, body))
    }

    /// Forgets any partial packet and any sticky error (for a new connection).
    public mutating func reset() {
        unique()
        storage.count = 0
        header = nil
        skipRemaining = 0
        failure = nil
    }

    private mutating func fail(_ error: FieldMQTTError) -> FieldMQTTError {
        failure = error
        return error
    }

    /// Handles a header announcing an oversized packet; `consumed` bytes of it are already buffered.
    private mutating func oversized(
        _ header: FixedHeader, consumed: Int, input: inout UnsafeRawBufferPointer
    )
        throws(FieldMQTTError) -> Event?
    {
        guard header.packetLength > options.maximumPacketSize else { return nil }
        let error = FieldMQTTError(
            .packetTooLarge, rule: "§3.1.2.11.4",
            at: 0, reasonCode: .packetTooLarge, size: header.packetLength, limit: options.maximumPacketSize)
        guard oversizedPolicy == .skip else { throw fail(error) }
        unique()
        storage.count = 0
        self.header = nil
        skipRemaining = header.packetLength - consumed
        let n = min(skipRemaining, input.count)
        input = UnsafeRawBufferPointer(rebasing: input[n...])
        skipRemaining -= n
        return .skipped(header)
    }

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    private mutating func reserve(_ capacity: Int) {
        unique()
        storage.reserve(capacity)
    }

    /// Moves up to `limit` bytes from the front of `input` into the buffer.
    private mutating func append(_ input: inout UnsafeRawBufferPointer, upTo limit: Int) {
        let n = min(limit, input.count)
        guard n > 0 else { return }
        unique()
        storage.reserve(storage.count + n)
        storage.pointer!.advanced(by: storage.count).copyMemory(from: input.baseAddress!, byteCount: n)
        storage.count += n
        input = UnsafeRawBufferPointer(rebasing: input[n...])
    }

    /// The buffer for a packet that arrives split.
    ///
    /// `@unchecked Sendable`: the decoder is a value with copy-on-write storage. Every mutation goes
    /// through `unique()` first, so a buffer shared by two copies is never written, and a buffer
    /// one copy writes is reachable from that copy only.
    private final class Storage: @unchecked Sendable {
        var pointer: UnsafeMutableRawPointer?
        var capacity = 0
        var count = 0

        init() {}

        deinit { pointer?.deallocate() }

        var view: UnsafeRawBufferPointer { view(length: count) }

        func view(length: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(start: pointer, count: length)
        }

        func reserve(_ needed: Int) {
            guard needed > capacity else { return }
            let newCapacity = max(needed, 8)
            let newPointer = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
            if let pointer, count > 0 { newPointer.copyMemory(from: pointer, byteCount: count) }
            pointer?.deallocate()
            pointer = newPointer
            capacity = newCapacity
        }

        func copy() -> Storage {
            let other = Storage()
            other.reserve(capacity)
            if let pointer, count > 0 { other.pointer!.copyMemory(from: pointer, byteCount: count) }
            other.count = count
            return other
        }
    }
}
