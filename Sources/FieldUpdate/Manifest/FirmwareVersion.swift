/// A firmware release's human-facing version: `major.minor.patch`.
///
/// Versions order numerically, component by component. Anti-rollback does not use this version
/// (products renumber releases); it uses the manifest's ``UpdateManifest/securityCounter``.
///
/// ```swift
/// let v = FirmwareVersion(parsing: "2.10.0")!
/// print(v > FirmwareVersion(major: 2, minor: 9, patch: 7))   // true
/// ```
public struct FirmwareVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The major component.
    public var major: UInt32
    /// The minor component.
    public var minor: UInt32
    /// The patch component.
    public var patch: UInt32

    /// Creates a version from its three components.
    ///
    /// - Parameters:
    ///   - major: The major component.
    ///   - minor: The minor component.
    ///   - patch: The patch component.
    public init(major: UInt32, minor: UInt32, patch: UInt32) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `major.minor.patch` (decimal, no sign, no leading `+`, at most 10 digits each).
    ///
    /// - Parameter text: The text, for example `"1.4.2"`.
    /// - Returns: `nil` if `text` is not three dot-separated decimal numbers that fit `UInt32`.
    public init?(parsing text: String) {
        var parts: [UInt32] = []
        var current: UInt64 = 0
        var digits = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts.count < 2 else { return nil }
                parts.append(UInt32(current))
                current = 0
                digits = 0
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 10 else { return nil }
                current = current * 10 + UInt64(byte - UInt8(ascii: "0"))
                guard current <= UInt64(UInt32.max) else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, parts.count == 2 else { return nil }
        self.init(major: parts[0], minor: parts[1], patch: UInt32(current))
    }

    /// The version as `major.minor.patch`.
    public var description: String { "\(major).\(minor).\(patch)" }

    /// Orders versions component by component.
    ///
    /// - Parameters:
    ///   - lhs: A version.
    ///   - rhs: Another version.
    /// - Returns: Whether `lhs` precedes `rhs`.
    public static func < (lhs: FirmwareVersion, rhs: FirmwareVersion) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        return lhs.patch < rhs.patch
    }
}
