/// A string of the model file (a tensor, subgraph or custom-operator name, the description),
/// kept as the place where its bytes lie and decoded only when read.
///
/// Loading checks the string's offset and length like every other field but builds no `String`:
/// a firmware that never reads the names links none of the standard library's UTF-8 decoding,
/// validation and repair code (about 11 KB on armv7em). Reading gives exactly what decoding at
/// load time gave: the bytes as UTF-8, invalid sequences repaired.
struct ModelText: Sendable {
    /// Where the text is.
    enum Storage: Sendable {
        /// A string given by the caller.
        case string(String)
        /// `count` bytes of `source` from `start`, decoded on read.
        case bytes(source: [UInt8], start: Int, count: Int)
    }

    /// The storage.
    var storage: Storage

    /// Text given as a string.
    ///
    /// - Parameter string: The text.
    init(_ string: String) {
        storage = .string(string)
    }

    /// Text that lies in a model's bytes; the range has been validated by the FlatBuffers reader.
    ///
    /// - Parameters:
    ///   - source: The model file's bytes.
    ///   - start: The position of the first byte.
    ///   - count: The number of bytes.
    init(source: [UInt8], start: Int, count: Int) {
        precondition(start >= 0 && count >= 0 && count <= source.count - start)
        storage = .bytes(source: source, start: start, count: count)
    }

    /// The text, decoded as UTF-8 with invalid sequences repaired.
    var string: String {
        switch storage {
        case .string(let string): return string
        case .bytes(let source, let start, let count):
            return String(decoding: source[start..<(start + count)], as: UTF8.self)
        }
    }
}

#if hasFeature(Embedded)
    extension ModelText: Equatable {
        /// Whether two texts hold the same UTF-8 bytes (Embedded builds compare bytes, not
        /// canonical equivalence; see `sameUTF8(_:_:)`). Texts from model bytes compare without
        /// decoding.
        static func == (a: ModelText, b: ModelText) -> Bool {
            if case .bytes(let x, let xs, let xc) = a.storage, case .bytes(let y, let ys, let yc) = b.storage {
                return xc == yc && x[xs..<(xs + xc)].elementsEqual(y[ys..<(ys + yc)])
            }
            return sameUTF8(a.string, b.string)
        }
    }
#else
    extension ModelText: Equatable {
        /// Whether the two decoded strings are equal (as `String ==`, which the names compared by
        /// before they were decoded lazily).
        static func == (a: ModelText, b: ModelText) -> Bool {
            a.string == b.string
        }
    }
#endif
