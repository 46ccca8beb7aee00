/// Little-endian loads and stores on byte arrays at checked positions (callers check bounds).
extension Array where Element == UInt8 {
    /// Reads a little-endian integer of `T`'s width at `offset`.
    @inline(__always)
    func loadLE<T: FixedWidthInteger & UnsignedInteger>(_: T.Type, at offset: Int) -> T {
        var value: T = 0
        for i in 0..<(T.bitWidth / 8) {
            value |= T(self[offset + i]) << (8 * i)
        }
        return value
    }

    /// Writes `value` little-endian at `offset`.
    @inline(__always)
    mutating func storeLE<T: FixedWidthInteger & UnsignedInteger>(_ value: T, at offset: Int) {
        for i in 0..<(T.bitWidth / 8) {
            self[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i))
        }
    }
}
