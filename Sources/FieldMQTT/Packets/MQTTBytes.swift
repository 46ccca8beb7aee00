/// A run of bytes inside a packet: borrowed from the decoded input, or owned.
///
/// Decoding never copies: a topic, payload, client identifier or binary property of a decoded
/// packet is a borrowed view of the input buffer, valid only as long as that buffer. Packets you
/// build to send hold owned bytes (from an array or a string). Call ``owned()`` to keep a decoded
/// value after its buffer goes away.
///
/// ```swift
/// let topic: MQTTBytes = "sensors/42/temperature"   // owned
/// print(topic.count, topic.string)
/// ```
///
/// `Sendable`: owned bytes are an immutable array, safe on any thread. A borrowed view is exactly
/// as safe on another thread as on this one: only while its buffer lives. The safe ways to get
/// packets that cross threads never borrow: ``PacketDecoder/decode(_:)-([UInt8])``, the `RawSpan`
/// decoders, ``Packet/owned()``, and everything ``ClientSession`` stores or reports.
public struct MQTTBytes: @unchecked Sendable {
    @usableFromInline
    internal enum Storage {
        case borrowed(UnsafeRawBufferPointer)
        case owned([UInt8])
    }

    @usableFromInline
    internal var storage: Storage

    /// Creates a view that borrows `bytes`; they must outlive the view.
    ///
    /// - Parameter bytes: The bytes to borrow.
    @inlinable
    public init(borrowing bytes: UnsafeRawBufferPointer) {
        storage = .borrowed(bytes)
    }

    /// Creates owned bytes from an array.
    ///
    /// - Parameter bytes: The bytes.
    @inlinable
    public init(_ bytes: [UInt8]) {
        storage = .owned(bytes)
    }

    /// Creates owned bytes holding the UTF-8 encoding of a string.
    ///
    /// - Parameter string: The text.
    public init(_ string: String) {
        storage = .owned(Array(string.utf8))
    }

    /// No bytes.
    public static var empty: MQTTBytes { MQTTBytes(borrowing: UnsafeRawBufferPointer(start: nil, count: 0)) }

    /// The number of bytes.
    @inlinable
    public var count: Int {
        switch storage {
        case .borrowed(let view): view.count
        case .owned(let array): array.count
        }
    }

    /// Whether there are no bytes.
    @inlinable
    public var isEmpty: Bool { count == 0 }

    /// Whether the bytes are a borrowed view of someone else's buffer.
    @inlinable
    public var isBorrowed: Bool {
        if case .borrowed = storage { return true }
        return false
    }

    /// Calls `body` with the bytes.
    ///
    /// - Parameter body: Reads the bytes; the pointer must not escape it.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws.
    @inlinable
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        switch storage {
        case .borrowed(let view):
            return try body(view)
        case .owned(let array):
            let result: Swift.Result<Result, Failure> = array.withUnsafeBytes { raw in
                do throws(Failure) {
                    return .success(try body(raw))
                } catch {
                    return .failure(error)
                }
            }
            return try result.get()
        }
    }

    /// A copy of the bytes in a new array.
    public var array: [UInt8] {
        switch storage {
        case .borrowed(let view): Array(view)
        case .owned(let array): array
        }
    }

    /// The bytes decoded as UTF-8 (invalid sequences become U+FFFD).
    public var string: String {
        withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// An owned copy, independent of the buffer a decoded view borrows.
    ///
    /// - Returns: Owned bytes with the same contents.
    /// - Complexity: O(n) for a borrowed view, O(1) when already owned.
    public func owned() -> MQTTBytes {
        isBorrowed ? MQTTBytes(array) : self
    }

    /// The byte at `index`.
    ///
    /// - Parameter index: A position in `0..<count`.
    @inlinable
    public subscript(index: Int) -> UInt8 {
        switch storage {
        case .borrowed(let view): view[index]
        case .owned(let array): array[index]
        }
    }
}

extension MQTTBytes: Equatable {
    /// Whether two byte runs hold the same bytes (borrowed or owned alike).
    ///
    /// - Complexity: O(n).
    public static func == (lhs: MQTTBytes, rhs: MQTTBytes) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBytes { a in
            rhs.withUnsafeBytes { b in
                for i in 0..<a.count where a[i] != b[i] { return false }
                return true
            }
        }
    }
}

extension MQTTBytes: ExpressibleByStringLiteral {
    /// Creates owned bytes holding the UTF-8 encoding of a literal.
    ///
    /// - Parameter value: The literal.
    public init(stringLiteral value: String) {
        self.init(value)
    }
}

extension MQTTBytes: ExpressibleByArrayLiteral {
    /// Creates owned bytes from a literal array of bytes.
    ///
    /// - Parameter elements: The bytes.
    public init(arrayLiteral elements: UInt8...) {
        self.init(elements)
    }
}
