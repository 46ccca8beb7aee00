import FieldCore

/// The subscriptions of a SUBSCRIBE packet, kept in their wire encoding (filter, options byte).
///
/// Decoded lists borrow the packet's bytes and were validated by the decoder; iterating reads them
/// lazily without allocating.
///
/// ```swift
/// let list = SubscriptionList([Subscription(filter: "a/#")])
/// for subscription in list { print(subscription.filter.string) }
/// ```
public struct SubscriptionList: Equatable, Sequence, Sendable {
    /// The encoded entries.
    public private(set) var bytes: MQTTBytes

    /// A list over validated encoded entries.
    internal init(validated bytes: MQTTBytes) { self.bytes = bytes }

    /// Creates a list from subscriptions, in order.
    ///
    /// - Parameter subscriptions: The subscriptions.
    /// - Complexity: O(n) in the encoded size.
    public init(_ subscriptions: [Subscription]) {
        var array: [UInt8] = []
        for subscription in subscriptions {
            array.appendInteger(UInt16(truncatingIfNeeded: subscription.filter.count))
            subscription.filter.withUnsafeBytes { array.append(contentsOf: $0) }
            array.append(subscription.options.rawValue)
        }
        bytes = MQTTBytes(array)
    }

    /// An iterator over the subscriptions.
    public struct Iterator: IteratorProtocol {
        internal let entries: EntryIterator
        internal var inner: EntryIterator

        /// The next subscription, or `nil`.
        public mutating func next() -> Subscription? {
            guard let (filter, options) = inner.next(trailingByte: true) else { return nil }
            return Subscription(filter: filter, options: SubscriptionOptions(rawValue: options))
        }
    }

    /// Returns an iterator over the subscriptions.
    public func makeIterator() -> Iterator {
        let entries = EntryIterator(bytes: bytes)
        return Iterator(entries: entries, inner: entries)
    }
}

/// The topic filters of an UNSUBSCRIBE packet, kept in their wire encoding.
///
/// ```swift
/// let filters = TopicFilterList(["a/+", "b/#"])
/// print(Array(filters).count)   // 2
/// ```
public struct TopicFilterList: Equatable, Sequence, Sendable {
    /// The encoded entries.
    public private(set) var bytes: MQTTBytes

    /// A list over validated encoded entries.
    internal init(validated bytes: MQTTBytes) { self.bytes = bytes }

    /// Creates a list from filters, in order.
    ///
    /// - Parameter filters: The topic filters.
    /// - Complexity: O(n) in the encoded size.
    public init(_ filters: [MQTTBytes]) {
        var array: [UInt8] = []
        for filter in filters {
            array.appendInteger(UInt16(truncatingIfNeeded: filter.count))
            filter.withUnsafeBytes { array.append(contentsOf: $0) }
        }
        bytes = MQTTBytes(array)
    }

    /// An iterator over the filters.
    public struct Iterator: IteratorProtocol {
        internal var inner: EntryIterator

        /// The next filter, or `nil`.
        public mutating func next() -> MQTTBytes? {
            inner.next(trailingByte: false)?.0
        }
    }

    /// Returns an iterator over the filters.
    public func makeIterator() -> Iterator { Iterator(inner: EntryIterator(bytes: bytes)) }
}

/// The reason codes of a SUBACK or UNSUBACK, one byte each.
///
/// ```swift
/// let codes = ReasonCodeList([.grantedQoS1, .notAuthorized])
/// print(codes.count, codes[1].isFailure)   // 2 true
/// ```
public struct ReasonCodeList: Equatable, RandomAccessCollection, Sendable {
    /// The encoded codes.
    public private(set) var bytes: MQTTBytes

    /// A list over validated codes.
    internal init(validated bytes: MQTTBytes) { self.bytes = bytes }

    /// Creates a list from reason codes.
    ///
    /// - Parameter codes: The codes, one per subscription.
    public init(_ codes: [ReasonCode]) {
        bytes = MQTTBytes(codes.map { $0.rawValue })
    }

    /// The first index (0).
    public var startIndex: Int { 0 }
    /// One past the last index.
    public var endIndex: Int { bytes.count }

    /// The code at `position`.
    ///
    /// - Parameter position: An index in `0..<count`.
    public subscript(position: Int) -> ReasonCode { ReasonCode(rawValue: bytes[position]) }
}

/// Walks length-prefixed entries (optionally followed by one byte) of a validated list.
internal struct EntryIterator {
    internal let bytes: MQTTBytes
    internal var position = 0

    internal init(bytes: MQTTBytes) { self.bytes = bytes }

    internal mutating func next(trailingByte: Bool) -> (MQTTBytes, UInt8)? {
        let start = position
        let result: (MQTTBytes, UInt8, Int)? = bytes.withUnsafeBytes { raw in
            var reader = ByteReader(UnsafeRawBufferPointer(rebasing: raw[start...]))
            do throws(FieldCoreError) {
                let length = Int(try reader.readUInt16())
                let view = try reader.readBytes(count: length)
                let extra = trailingByte ? try reader.readUInt8() : 0
                // A view into owned storage would dangle; copy in that case.
                let bytesOut = bytes.isBorrowed ? MQTTBytes(borrowing: view) : MQTTBytes(Array(view))
                return (bytesOut, extra, reader.position)
            } catch {
                return nil
            }
        }
        guard let (entry, extra, used) = result else {
            position = bytes.count
            return nil
        }
        position += used
        return (entry, extra)
    }
}
