import FieldCore

/// The compact binary encoding.
///
/// Layout: the magic `FKUM`, a format byte (1), then fields as `tag (1 byte) | length (LEB128) |
/// value`, in ascending tag order: 1 version (three LEB128), 2 security counter (LEB128),
/// 3 hardware target (UTF-8), 4 image (payload), 5 patch (base version then payload; repeated, in
/// the order of ``UpdateManifest/patches``), 6 preconditions (battery byte, connectivity mask byte).
/// A payload is size (LEB128), SHA-256 (32 bytes), chunk size (LEB128), chunk count (LEB128),
/// then the chunk digests. The encoding is canonical: the decoder accepts only the exact bytes the
/// encoder produces, so one manifest has one byte string and one signature.
extension UpdateManifest {
    /// The magic bytes that open a binary manifest: `FKUM`.
    public static let binaryMagic: [UInt8] = [0x46, 0x4B, 0x55, 0x4D]
    /// The binary format version this library writes and reads.
    public static let binaryFormatVersion: UInt8 = 1

    internal enum Tag: UInt8 {
        case version = 1
        case securityCounter = 2
        case hardware = 3
        case image = 4
        case patch = 5
        case preconditions = 6
    }

    /// Encodes the manifest in the compact binary format.
    ///
    /// ```swift
    /// let bytes = try manifest.binaryEncoded()
    /// let back = try UpdateManifest(binary: bytes)   // == manifest
    /// ```
    ///
    /// - Returns: The canonical encoding.
    /// - Throws: ``FieldUpdateError`` if the manifest breaks a rule of ``validate()``.
    /// - Complexity: O(n) in the encoded size.
    public func binaryEncoded() throws(FieldUpdateError) -> [UInt8] {
        try validate()
        var out = UpdateManifest.binaryMagic
        out.append(UpdateManifest.binaryFormatVersion)
        var field: [UInt8] = []
        UpdateManifest.appendVersion(version, to: &field)
        UpdateManifest.appendField(.version, &field, to: &out)
        VarInt.appendLEB128(UInt64(securityCounter), to: &field)
        UpdateManifest.appendField(.securityCounter, &field, to: &out)
        field.append(contentsOf: hardwareTarget.utf8)
        UpdateManifest.appendField(.hardware, &field, to: &out)
        UpdateManifest.appendPayload(image, to: &field)
        UpdateManifest.appendField(.image, &field, to: &out)
        for patch in patches {
            UpdateManifest.appendVersion(patch.baseVersion, to: &field)
            UpdateManifest.appendPayload(patch.payload, to: &field)
            UpdateManifest.appendField(.patch, &field, to: &out)
        }
        field.append(preconditions.minimumBatteryPercent)
        field.append(preconditions.allowedConnectivity.rawValue)
        UpdateManifest.appendField(.preconditions, &field, to: &out)
        return out
    }

    /// Decodes a manifest from the compact binary format.
    ///
    /// The input is untrusted: every length is checked before use, the manifest rules are checked
    /// (``validate()``), and only the canonical encoding is accepted.
    ///
    /// ```swift
    /// let manifest = try UpdateManifest(binary: received)
    /// ```
    ///
    /// - Parameter binary: The encoded manifest.
    /// - Throws: ``FieldUpdateError`` naming the rule broken and the offset.
    /// - Complexity: O(n) in the input size.
    public init(binary: [UInt8]) throws(FieldUpdateError) {
        let decoded: UpdateManifest = try ByteReader.read(binary) { reader throws(FieldUpdateError) in
            try UpdateManifest.decode(&reader)
        }
        let canonical = try decoded.binaryEncoded()
        guard canonical == binary else {
            var firstDifference = 0
            while firstDifference < min(canonical.count, binary.count),
                canonical[firstDifference] == binary[firstDifference]
            {
                firstDifference += 1
            }
            throw FieldUpdateError(.malformedField("non-canonical encoding"), at: firstDifference)
        }
        self = decoded
    }

    private static func decode(_ reader: inout ByteReader) throws(FieldUpdateError) -> UpdateManifest {
        let magic = try reader.updateArray(4, "magic")
        guard magic == binaryMagic else { throw FieldUpdateError(.badMagic, at: 0) }
        let format = try reader.updateByte("format")
        guard format == binaryFormatVersion else { throw FieldUpdateError(.unsupportedFormatVersion(format), at: 4) }
        var version: FirmwareVersion?
        var counter: UInt32?
        var hardware: String?
        var image: PayloadDescriptor?
        var patches: [DeltaPatch] = []
        var preconditions: UpdatePreconditions?
        var lastTag: UInt8 = 0
        while !reader.isAtEnd {
            let tagOffset = reader.offset
            let rawTag = try reader.updateByte("tag")
            guard let tag = Tag(rawValue: rawTag) else { throw FieldUpdateError(.unknownField, at: tagOffset) }
            guard rawTag > lastTag || (tag == .patch && lastTag == rawTag) else {
                throw FieldUpdateError(.duplicateField(tag.name), at: tagOffset)
            }
            lastTag = rawTag
            let length = try reader.updateLEB("length", limit: UInt64(reader.remaining))
            let body = try reader.updateArray(Int(length), tag.name)
            let bodyOffset = reader.offset - Int(length)
            try ByteReader.read(body) { (field: inout ByteReader) throws(FieldUpdateError) in
                field = ByteReader(field.bytes, baseOffset: bodyOffset)
                switch tag {
                case .version:
                    version = try decodeVersion(&field, "version")
                case .securityCounter:
                    counter = UInt32(try field.updateLEB("security_counter", limit: UInt64(UInt32.max)))
                case .hardware:
                    let bytes = try field.updateArray(field.remaining, "hardware")
                    hardware = String(decoding: bytes, as: UTF8.self)
                case .image:
                    image = try decodePayload(&field, "image")
                case .patch:
                    guard patches.count < maximumPatchCount else {
                        throw FieldUpdateError(.valueOutOfRange("patches"), at: tagOffset)
                    }
                    let base = try decodeVersion(&field, "patch.from")
                    patches.append(DeltaPatch(baseVersion: base, payload: try decodePayload(&field, "patch")))
                case .preconditions:
                    let battery = try field.updateByte("preconditions")
                    let mask = try field.updateByte("preconditions")
                    preconditions = UpdatePreconditions(
                        minimumBatteryPercent: battery, allowedConnectivity: ConnectivitySet(rawValue: mask))
                }
                guard field.isAtEnd else { throw FieldUpdateError(.trailingBytes, at: field.offset) }
            }
        }
        guard let version else { throw FieldUpdateError(.missingField("version"), at: reader.offset) }
        guard let counter else { throw FieldUpdateError(.missingField("security_counter"), at: reader.offset) }
        guard let hardware else { throw FieldUpdateError(.missingField("hardware"), at: reader.offset) }
        guard let image else { throw FieldUpdateError(.missingField("image"), at: reader.offset) }
        guard let preconditions else { throw FieldUpdateError(.missingField("preconditions"), at: reader.offset) }
        let manifest = UpdateManifest(
            version: version, securityCounter: counter, hardwareTarget: hardware, image: image,
            patches: patches, preconditions: preconditions)
        try manifest.validate()
        return manifest
    }

    private static func decodeVersion(
        _ reader: inout ByteReader, _ field: String
    ) throws(FieldUpdateError)
        -> FirmwareVersion
    {
        let limit = UInt64(UInt32.max)
        let major = UInt32(try reader.updateLEB(field, limit: limit))
        let minor = UInt32(try reader.updateLEB(field, limit: limit))
        let patch = UInt32(try reader.updateLEB(field, limit: limit))
        return FirmwareVersion(major: major, minor: minor, patch: patch)
    }

    private static func decodePayload(
        _ reader: inout ByteReader, _ field: String
    ) throws(FieldUpdateError)
        -> PayloadDescriptor
    {
        let sizeOffset = reader.offset
        let size = try reader.updateLEB(field + ".size", limit: maximumPayloadSize)
        let digest = try reader.updateDigest(field + ".sha256")
        let chunkSize = UInt32(try reader.updateLEB(field + ".chunk_size", limit: UInt64(maximumChunkSize)))
        let count = try reader.updateLEB(field + ".chunks", limit: UInt64(reader.remaining / 32))
        var digests: [SHA256Digest] = []
        digests.reserveCapacity(Int(count))
        for _ in 0..<count { digests.append(try reader.updateDigest(field + ".chunks")) }
        let payload = PayloadDescriptor(size: size, digest: digest, chunkSize: chunkSize, chunkDigests: digests)
        do throws(FieldUpdateError) {
            try payload.validate(field: field)
        } catch {
            throw FieldUpdateError(error.reason, at: sizeOffset)
        }
        return payload
    }

    private static func appendVersion(_ version: FirmwareVersion, to out: inout [UInt8]) {
        VarInt.appendLEB128(UInt64(version.major), to: &out)
        VarInt.appendLEB128(UInt64(version.minor), to: &out)
        VarInt.appendLEB128(UInt64(version.patch), to: &out)
    }

    private static func appendPayload(_ payload: PayloadDescriptor, to out: inout [UInt8]) {
        VarInt.appendLEB128(payload.size, to: &out)
        out.append(contentsOf: payload.digest.bytes)
        VarInt.appendLEB128(UInt64(payload.chunkSize), to: &out)
        VarInt.appendLEB128(UInt64(payload.chunkDigests.count), to: &out)
        for digest in payload.chunkDigests { out.append(contentsOf: digest.bytes) }
    }

    private static func appendField(_ tag: Tag, _ field: inout [UInt8], to out: inout [UInt8]) {
        out.append(tag.rawValue)
        VarInt.appendLEB128(UInt64(field.count), to: &out)
        out.append(contentsOf: field)
        field.removeAll(keepingCapacity: true)
    }
}

extension UpdateManifest.Tag {
    internal var name: String {
        switch self {
        case .version: "version"
        case .securityCounter: "security_counter"
        case .hardware: "hardware"
        case .image: "image"
        case .patch: "patch"
        case .preconditions: "preconditions"
        }
    }
}
