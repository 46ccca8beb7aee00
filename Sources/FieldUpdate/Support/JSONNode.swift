/// A parsed JSON value with the byte offset where it starts (used in error offsets).
internal struct JSONNode {
    internal indirect enum Value {
        case object([(key: String, node: JSONNode)])
        case array([JSONNode])
        case string(String)
        /// A non-negative integer: the only numbers manifests use.
        case integer(UInt64)
        case bool(Bool)
        case null
    }

    internal var value: Value
    internal var offset: Int

    /// The members of an object; throws if the node is not an object or has unknown or duplicate keys.
    internal func members(
        _ field: String, allowed: [String]
    ) throws(FieldUpdateError) -> [(key: String, node: JSONNode)] {
        guard case .object(let members) = value else { throw FieldUpdateError(.malformedField(field), at: offset) }
        for (i, member) in members.enumerated() {
            guard allowed.contains(member.key) else { throw FieldUpdateError(.unknownField, at: member.node.offset) }
            for earlier in members[..<i] where earlier.key == member.key {
                throw FieldUpdateError(.duplicateField(member.key), at: member.node.offset)
            }
        }
        return members
    }

    internal func string(_ field: String) throws(FieldUpdateError) -> String {
        guard case .string(let s) = value else { throw FieldUpdateError(.malformedField(field), at: offset) }
        return s
    }

    internal func integer(_ field: String, limit: UInt64) throws(FieldUpdateError) -> UInt64 {
        guard case .integer(let n) = value else { throw FieldUpdateError(.malformedField(field), at: offset) }
        guard n <= limit else { throw FieldUpdateError(.valueOutOfRange(field), at: offset) }
        return n
    }

    internal func array(_ field: String) throws(FieldUpdateError) -> [JSONNode] {
        guard case .array(let items) = value else { throw FieldUpdateError(.malformedField(field), at: offset) }
        return items
    }
}

/// Looks up a required member.
internal func requiredMember(
    _ members: [(key: String, node: JSONNode)], _ key: String, in object: JSONNode
) throws(FieldUpdateError) -> JSONNode {
    for member in members where member.key == key { return member.node }
    throw FieldUpdateError(.missingField(key), at: object.offset)
}

/// Looks up an optional member.
internal func optionalMember(_ members: [(key: String, node: JSONNode)], _ key: String) -> JSONNode? {
    for member in members where member.key == key { return member.node }
    return nil
}
