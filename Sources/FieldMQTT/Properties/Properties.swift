import FieldCore

/// The property block of an MQTT 5.0 packet, kept in its wire encoding.
///
/// A decoded block is a borrowed, already validated view of the packet's bytes: decoding stores no
/// per-property state and allocates nothing, re-encoding writes the same bytes in the same order,
/// and reading a property scans the (short) block. A block you build owns its bytes; ``append(_:)``
/// encodes each property as you add it.
///
/// ```swift
/// var properties = Properties()
/// properties.append(.topicAlias(7))
/// for property in properties { print(property.identifier) }
/// print(properties.topicAlias ?? 0)   // 7
/// ```
public struct Properties: Equatable, Sequence, Sendable {
    /// The encoded properties, without the leading property length.
    public private(set) var bytes: MQTTBytes

    /// An empty property block.
    public init() { bytes = .empty }

    /// A block over already validated encoded properties.
    internal init(validated bytes: MQTTBytes) { self.bytes = bytes }

    /// Creates a block holding `properties`, in order.
    ///
    /// - Parameter properties: The properties.
    /// - Complexity: O(n) in the encoded size.
    public init(_ properties: [Property]) {
        self.init()
        for property in properties { append(property) }
    }

    /// Whether the block holds no properties.
    public var isEmpty: Bool { bytes.isEmpty }

    /// The size of the encoded properties, without the property length prefix.
    public var encodedCount: Int { bytes.count }

    /// Appends a property. The decoder, not this method, checks the rules on repetition and ranges.
    ///
    /// - Parameter property: The property to add.
    /// - Complexity: O(n) when the block was borrowed (it is copied first), otherwise amortized O(size of `property`).
    public mutating func append(_ property: Property) {
        var array = bytes.array
        var value: UInt32 = UInt32(property.identifier.rawValue)
        appendVBI(&value, &array)
        func appendData(_ data: MQTTBytes, _ array: inout [UInt8]) {
            array.appendInteger(UInt16(truncatingIfNeeded: data.count))
            data.withUnsafeBytes { array.append(contentsOf: $0) }
        }
        switch property {
        case .payloadFormatIndicator(let v), .requestProblemInformation(let v), .requestResponseInformation(let v),
            .maximumQoS(let v), .retainAvailable(let v), .wildcardSubscriptionAvailable(let v),
            .subscriptionIdentifierAvailable(let v), .sharedSubscriptionAvailable(let v):
            array.append(v)
        case .serverKeepAlive(let v), .receiveMaximum(let v), .topicAliasMaximum(let v), .topicAlias(let v):
            array.appendInteger(v)
        case .messageExpiryInterval(let v), .sessionExpiryInterval(let v), .willDelayInterval(let v),
            .maximumPacketSize(let v):
            array.appendInteger(v)
        case .subscriptionIdentifier(let v):
            var v = v
            appendVBI(&v, &array)
        case .contentType(let d), .responseTopic(let d), .correlationData(let d), .assignedClientIdentifier(let d),
            .authenticationMethod(let d), .authenticationData(let d), .responseInformation(let d),
            .serverReference(let d), .reasonString(let d):
            appendData(d, &array)
        case .userProperty(let name, let value):
            appendData(name, &array)
            appendData(value, &array)
        }
        bytes = MQTTBytes(array)
    }

    /// An iterator over the properties, in wire order.
    public struct Iterator: IteratorProtocol {
        internal let block: MQTTBytes
        internal var position = 0

        internal init(block: MQTTBytes) { self.block = block }

        /// The next property, or `nil` at the end.
        public mutating func next() -> Property? {
            guard position < block.count else { return nil }
            // Views into an owned block would outlive the array's withUnsafeBytes scope: copy then.
            let copy = !block.isBorrowed
            return block.withUnsafeBytes { raw -> Property? in
                var reader = ByteReader(UnsafeRawBufferPointer(rebasing: raw[position...]))
                do throws(FieldCoreError) {
                    let property = try Properties.readProperty(&reader, copying: copy)
                    position += reader.position
                    return property
                } catch {
                    position = block.count
                    return nil
                }
            }
        }
    }

    /// Returns an iterator over the properties.
    public func makeIterator() -> Iterator { Iterator(block: bytes) }

    internal static func readProperty(_ reader: inout ByteReader, copying: Bool) throws(FieldCoreError) -> Property? {
        let rawID = try reader.readVariableByteInteger()
        guard rawID <= 0x7F, let id = PropertyIdentifier(rawValue: UInt8(rawID)) else { return nil }
        func data(_ reader: inout ByteReader) throws(FieldCoreError) -> MQTTBytes {
            let length = Int(try reader.readUInt16())
            let view = try reader.readBytes(count: length)
            return copying ? MQTTBytes(Array(view)) : MQTTBytes(borrowing: view)
        }
        switch id {
        case .payloadFormatIndicator: return .payloadFormatIndicator(try reader.readUInt8())
        case .requestProblemInformation: return .requestProblemInformation(try reader.readUInt8())
        case .requestResponseInformation: return .requestResponseInformation(try reader.readUInt8())
        case .maximumQoS: return .maximumQoS(try reader.readUInt8())
        case .retainAvailable: return .retainAvailable(try reader.readUInt8())
        case .wildcardSubscriptionAvailable: return .wildcardSubscriptionAvailable(try reader.readUInt8())
        case .subscriptionIdentifierAvailable: return .subscriptionIdentifierAvailable(try reader.readUInt8())
        case .sharedSubscriptionAvailable: return .sharedSubscriptionAvailable(try reader.readUInt8())
        case .serverKeepAlive: return .serverKeepAlive(try reader.readUInt16())
        case .receiveMaximum: return .receiveMaximum(try reader.readUInt16())
        case .topicAliasMaximum: return .topicAliasMaximum(try reader.readUInt16())
        case .topicAlias: return .topicAlias(try reader.readUInt16())
        case .messageExpiryInterval: return .messageExpiryInterval(try reader.readUInt32())
        case .sessionExpiryInterval: return .sessionExpiryInterval(try reader.readUInt32())
        case .willDelayInterval: return .willDelayInterval(try reader.readUInt32())
        case .maximumPacketSize: return .maximumPacketSize(try reader.readUInt32())
        case .subscriptionIdentifier: return .subscriptionIdentifier(try reader.readVariableByteInteger())
        case .contentType: return .contentType(try data(&reader))
        case .responseTopic: return .responseTopic(try data(&reader))
        case .correlationData: return .correlationData(try data(&reader))
        case .assignedClientIdentifier: return .assignedClientIdentifier(try data(&reader))
        case .authenticationMethod: return .authenticationMethod(try data(&reader))
        case .authenticationData: return .authenticationData(try data(&reader))
        case .responseInformation: return .responseInformation(try data(&reader))
        case .serverReference: return .serverReference(try data(&reader))
        case .reasonString: return .reasonString(try data(&reader))
        case .userProperty:
            let name = try data(&reader)
            return .userProperty(name: name, value: try data(&reader))
        }
    }
}

internal func appendVBI(_ value: inout UInt32, _ array: inout [UInt8]) {
    repeat {
        var byte = UInt8(value & 0x7F)
        value >>= 7
        if value > 0 { byte |= 0x80 }
        array.append(byte)
    } while value > 0
}
