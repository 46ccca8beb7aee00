/// A strict, bounded JSON parser (RFC 8259) for manifests: no trailing commas, no comments,
/// UTF-8 validated, nesting depth limited, numbers limited to non-negative integers.
internal struct JSONParser {
    internal static let maximumDepth = 16
    internal static let maximumInputSize = 4 << 20

    private let bytes: [UInt8]
    private var position = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON text, whitespace around it allowed.
    internal static func parse(_ bytes: [UInt8]) throws(FieldUpdateError) -> JSONNode {
        guard bytes.count <= maximumInputSize else { throw FieldUpdateError(.valueOutOfRange("json size"), at: 0) }
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let node = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw FieldUpdateError(.trailingBytes, at: parser.position) }
        return node
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func peek() throws(FieldUpdateError) -> UInt8 {
        guard position < bytes.count else { throw FieldUpdateError(.truncated, at: position) }
        return bytes[position]
    }

    private mutating func expect(_ byte: UInt8) throws(FieldUpdateError) {
        guard try peek() == byte else { throw FieldUpdateError(.invalidJSON, at: position) }
        position += 1
    }

    private mutating func parseValue(depth: Int) throws(FieldUpdateError) -> JSONNode {
        guard depth < JSONParser.maximumDepth else {
            throw FieldUpdateError(.valueOutOfRange("json depth"), at: position)
        }
        let start = position
        switch try peek() {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(key: String, node: JSONNode)] = []
            skipWhitespace()
            if try peek() == UInt8(ascii: "}") {
                position += 1
                return JSONNode(value: .object(members), offset: start)
            }
            while true {
                skipWhitespace()
                guard try peek() == UInt8(ascii: "\"") else { throw FieldUpdateError(.invalidJSON, at: position) }
                let key = try parseString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                members.append((key, try parseValue(depth: depth + 1)))
                skipWhitespace()
                let next = try peek()
                position += 1
                if next == UInt8(ascii: "}") { return JSONNode(value: .object(members), offset: start) }
                guard next == UInt8(ascii: ",") else { throw FieldUpdateError(.invalidJSON, at: position - 1) }
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [JSONNode] = []
            skipWhitespace()
            if try peek() == UInt8(ascii: "]") {
                position += 1
                return JSONNode(value: .array(items), offset: start)
            }
            while true {
                skipWhitespace()
                items.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                let next = try peek()
                position += 1
                if next == UInt8(ascii: "]") { return JSONNode(value: .array(items), offset: start) }
                guard next == UInt8(ascii: ",") else { throw FieldUpdateError(.invalidJSON, at: position - 1) }
            }
        case UInt8(ascii: "\""):
            return JSONNode(value: .string(try parseString()), offset: start)
        case UInt8(ascii: "t"):
            try parseLiteral("true")
            return JSONNode(value: .bool(true), offset: start)
        case UInt8(ascii: "f"):
            try parseLiteral("false")
            return JSONNode(value: .bool(false), offset: start)
        case UInt8(ascii: "n"):
            try parseLiteral("null")
            return JSONNode(value: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(value: .integer(try parseInteger()), offset: start)
        default:
            throw FieldUpdateError(.invalidJSON, at: position)
        }
    }

    private mutating func parseLiteral(_ literal: StaticString) throws(FieldUpdateError) {
        let start = position
        var index = 0
        let count = literal.utf8CodeUnitCount
        while index < count {
            guard position < bytes.count else { throw FieldUpdateError(.truncated, at: position) }
            guard bytes[position] == literal.utf8Start[index] else { throw FieldUpdateError(.invalidJSON, at: start) }
            position += 1
            index += 1
        }
    }

    /// Parses a JSON number, accepting only non-negative integers that fit `UInt64`.
    private mutating func parseInteger() throws(FieldUpdateError) -> UInt64 {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { throw FieldUpdateError(.valueOutOfRange("number"), at: start) }
        if bytes[position] == UInt8(ascii: "0"), position + 1 < bytes.count,
            bytes[position + 1] >= UInt8(ascii: "0"), bytes[position + 1] <= UInt8(ascii: "9")
        {
            throw FieldUpdateError(.invalidJSON, at: start)
        }
        var value: UInt64 = 0
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(bytes[position] - UInt8(ascii: "0")))
            guard !o1, !o2 else { throw FieldUpdateError(.valueOutOfRange("number"), at: start) }
            value = s
            position += 1
        }
        if position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
                throw FieldUpdateError(.valueOutOfRange("number"), at: start)
            default: break
            }
        }
        return value
    }

    private mutating func parseHex4() throws(FieldUpdateError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw FieldUpdateError(.truncated, at: position) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw FieldUpdateError(.invalidJSON, at: position)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws(FieldUpdateError) -> String {
        let start = position
        position += 1
        var out: [UInt8] = []
        while true {
            guard position < bytes.count else { throw FieldUpdateError(.truncated, at: position) }
            let c = bytes[position]
            position += 1
            switch c {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw FieldUpdateError(.invalidJSON, at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { throw FieldUpdateError(.truncated, at: position) }
                let e = bytes[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    let escapeOffset = position - 2
                    var scalar = try parseHex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        guard position + 2 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else { throw FieldUpdateError(.invalidJSON, at: escapeOffset) }
                        position += 2
                        let low = try parseHex4()
                        guard low >= 0xDC00 && low < 0xE000 else {
                            throw FieldUpdateError(.invalidJSON, at: escapeOffset)
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        throw FieldUpdateError(.invalidJSON, at: escapeOffset)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else {
                        throw FieldUpdateError(.invalidJSON, at: escapeOffset)
                    }
                    out.append(contentsOf: UTF8.encode(unicode)!)
                default:
                    throw FieldUpdateError(.invalidJSON, at: position - 2)
                }
            default:
                guard c >= 0x20 else { throw FieldUpdateError(.invalidJSON, at: position - 1) }
                out.append(c)
            }
        }
    }
}

/// Appends a JSON string literal for `text` to `out`.
internal func appendJSONString(_ text: String, to out: inout String) {
    out.append("\"")
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out.append("\\\"")
        case "\\": out.append("\\\\")
        case "\n": out.append("\\n")
        case "\r": out.append("\\r")
        case "\t": out.append("\\t")
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    out.append("\"")
}
