/// One line of `fieldkit clock replay` input, parsed strictly.
struct ClockEvent {
    enum Operation: String {
        case local, send, receive
    }

    var node: String
    var physical: UInt64
    var operation: Operation
    var messageID: String?

    /// Parses a line such as `{"node":"A","pt":1700000000000,"op":"send","id":"m1"}`.
    init(parsing line: String) throws(JSONLineError) {
        var parser = FlatJSONParser(Array(line.utf8))
        let fields = try parser.parseObject()
        func string(_ key: String) throws(JSONLineError) -> String? {
            switch fields[key] {
            case nil: return nil
            case .string(let value): return value
            default: throw JSONLineError("\"\(key)\" must be a string")
            }
        }
        guard let node = try string("node") else { throw JSONLineError("missing \"node\"") }
        guard let op = try string("op") else { throw JSONLineError("missing \"op\"") }
        guard let operation = Operation(rawValue: op) else {
            throw JSONLineError("\"op\" must be \"local\", \"send\" or \"receive\", not \"\(op)\"")
        }
        guard let pt = fields["pt"] else { throw JSONLineError("missing \"pt\"") }
        guard case .number(let digits) = pt, !digits.isEmpty, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else {
            throw JSONLineError("\"pt\" must be a non-negative integer number of milliseconds")
        }
        guard let physical = UInt64(digits) else { throw JSONLineError("\"pt\" \(digits) does not fit in 64 bits") }
        let id = try string("id")
        if operation != .local && id == nil { throw JSONLineError("\"\(op)\" needs an \"id\"") }
        self.node = node
        self.physical = physical
        self.operation = operation
        self.messageID = id
    }
}

/// Why a line is not a valid event.
struct JSONLineError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A JSON value at the top level of a flat object (nested values are validated and skipped).
enum FlatJSONValue: Equatable {
    case string(String)
    case number(String)
    case literal
    case nested
}

/// A strict parser for one JSON object per line (RFC 8259 syntax), keeping top-level fields.
struct FlatJSONParser {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseObject() throws(JSONLineError) -> [String: FlatJSONValue] {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw error("expected a JSON object") }
        index += 1
        var fields: [String: FlatJSONValue] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw error("expected a field name") }
                let key = try parseString()
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw error("expected ':'") }
                index += 1
                let value = try parseValue(depth: 0)
                guard fields.updateValue(value, forKey: key) == nil else { throw error("duplicate field \"\(key)\"") }
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard peek() == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
                index += 1
                break
            }
        }
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected text after the object") }
        return fields
    }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ message: String) -> JSONLineError {
        JSONLineError("\(message) at column \(index + 1)")
    }

    mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    mutating func parseValue(depth: Int) throws(JSONLineError) -> FlatJSONValue {
        skipWhitespace()
        guard let byte = peek() else { throw error("expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            for word in ["true", "false", "null"] where bytes[index...].starts(with: word.utf8) {
                index += word.utf8.count
                return .literal
            }
            throw error("invalid literal")
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < 64 else { throw error("nesting too deep") }
            let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            skipWhitespace()
            if peek() == close {
                index += 1
                return .nested
            }
            while true {
                if close == UInt8(ascii: "}") {
                    skipWhitespace()
                    guard peek() == UInt8(ascii: "\"") else { throw error("expected a field name") }
                    _ = try parseString()
                    skipWhitespace()
                    guard peek() == UInt8(ascii: ":") else { throw error("expected ':'") }
                    index += 1
                }
                _ = try parseValue(depth: depth + 1)
                skipWhitespace()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard peek() == close else { throw error("expected ',' or a closing bracket") }
                index += 1
                return .nested
            }
        default:
            throw error("unexpected character")
        }
    }

    mutating func parseNumber() throws(JSONLineError) -> String {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        func digits(_ parser: inout FlatJSONParser) -> Int {
            let begin = parser.index
            while let byte = parser.peek(), byte >= 0x30 && byte <= 0x39 { parser.index += 1 }
            return parser.index - begin
        }
        if peek() == UInt8(ascii: "0") {
            index += 1
        } else {
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func parseString() throws(JSONLineError) -> String {
        index += 1  // opening quote
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            if !raw.isEmpty {
                scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
                raw.removeAll()
            }
        }
        while true {
            guard let byte = peek() else { throw error("unterminated string") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                guard let escape = peek() else { throw error("unterminated escape") }
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try parseHex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard bytes[index...].starts(with: "\\u".utf8) else { throw error("unpaired surrogate") }
                        index += 2
                        let low = try parseHex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("unpaired surrogate") }
                    scalars.append(scalar)
                default:
                    throw error("invalid escape")
                }
            case 0x00..<0x20:
                throw error("control character in string")
            default:
                raw.append(byte)
            }
        }
    }

    mutating func parseHex4() throws(JSONLineError) -> UInt32 {
        guard index + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw error("invalid \\u escape") }
        index += 4
        return value
    }
}

/// A JSON string literal for `value`, escaped as Python's `json.dumps(..., ensure_ascii=False)`.
func jsonString(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\u{00}"..."\u{1F}":
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default:
            out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
