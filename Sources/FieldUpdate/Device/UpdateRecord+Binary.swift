import FieldCore

/// The record's binary encoding (format 1), framed and checksummed by the record store.
extension UpdateRecord {
    /// Encodes the record.
    ///
    /// - Returns: The encoded bytes.
    /// - Complexity: O(m) in the size of the manifest in progress.
    public func binaryEncoded() -> [UInt8] {
        var out: [UInt8] = [1, activeSlot.rawValue]
        VarInt.appendLEB128(UInt64(securityFloor), to: &out)
        UpdateRecord.appendImage(slotA, to: &out)
        UpdateRecord.appendImage(slotB, to: &out)
        if let rejectedRelease {
            out.append(1)
            UpdateRecord.appendVersion(rejectedRelease, to: &out)
        } else {
            out.append(0)
        }
        switch lastOutcome {
        case .none: out.append(0)
        case .confirmed(let v):
            out.append(1)
            UpdateRecord.appendVersion(v, to: &out)
        case .rolledBack(let v, let reason):
            out.append(2)
            UpdateRecord.appendVersion(v, to: &out)
            out.append(reason.rawValue)
        }
        switch phase {
        case .idle: out.append(0)
        case .downloading(let release, let next):
            out.append(1)
            UpdateRecord.appendRelease(release, to: &out)
            VarInt.appendLEB128(UInt64(next), to: &out)
        case .applying(let release):
            out.append(2)
            UpdateRecord.appendRelease(release, to: &out)
        case .pendingReboot(let release):
            out.append(3)
            UpdateRecord.appendRelease(release, to: &out)
        case .trialBoot(let release, let attempts):
            out.append(4)
            UpdateRecord.appendRelease(release, to: &out)
            out.append(attempts)
        }
        return out
    }

    /// Decodes a record written by ``binaryEncoded()``.
    ///
    /// - Parameter binary: The bytes (checked by the store's checksum, still parsed defensively).
    /// - Throws: ``FieldUpdateError/Code/corruptRecord`` or a decoding error with its offset.
    /// - Complexity: O(n) in the input size.
    public init(binary: [UInt8]) throws(FieldUpdateError) {
        self = try ByteReader.read(binary) { reader throws(FieldUpdateError) in
            guard try reader.updateByte("record format") == 1 else { throw FieldUpdateError(.corruptRecord, at: 0) }
            guard let active = Slot(rawValue: try reader.updateByte("active slot")) else {
                throw FieldUpdateError(.corruptRecord, at: 1)
            }
            let floor = UInt32(try reader.updateLEB("security floor", limit: UInt64(UInt32.max)))
            let a = try UpdateRecord.readImage(&reader)
            let b = try UpdateRecord.readImage(&reader)
            guard let activeImage = active == .a ? a : b else { throw FieldUpdateError(.corruptRecord, at: 1) }
            var record = UpdateRecord(factoryImage: activeImage, in: active)
            record.slotA = a
            record.slotB = b
            record.securityFloor = floor
            if try reader.updateByte("rejected") != 0 { record.rejectedRelease = try UpdateRecord.readVersion(&reader) }
            switch try reader.updateByte("outcome") {
            case 0: record.lastOutcome = .none
            case 1: record.lastOutcome = .confirmed(try UpdateRecord.readVersion(&reader))
            case 2:
                let v = try UpdateRecord.readVersion(&reader)
                guard let reason = RollbackReason(rawValue: try reader.updateByte("reason")) else {
                    throw FieldUpdateError(.corruptRecord, at: reader.offset - 1)
                }
                record.lastOutcome = .rolledBack(v, reason)
            default: throw FieldUpdateError(.corruptRecord, at: reader.offset - 1)
            }
            let phaseOffset = reader.offset
            switch try reader.updateByte("phase") {
            case 0: record.phase = .idle
            case 1:
                let release = try UpdateRecord.readRelease(&reader)
                let next = try reader.updateLEB("next chunk", limit: UInt64(release.payloadDescriptor.chunkCount))
                record.phase = .downloading(release, nextChunk: Int(next))
            case 2: record.phase = .applying(try UpdateRecord.readRelease(&reader))
            case 3: record.phase = .pendingReboot(try UpdateRecord.readRelease(&reader))
            case 4:
                let release = try UpdateRecord.readRelease(&reader)
                record.phase = .trialBoot(release, attempts: try reader.updateByte("attempts"))
            default: throw FieldUpdateError(.corruptRecord, at: phaseOffset)
            }
            guard reader.isAtEnd else { throw FieldUpdateError(.trailingBytes, at: reader.offset) }
            return record
        }
    }

    private static func appendVersion(_ v: FirmwareVersion, to out: inout [UInt8]) {
        VarInt.appendLEB128(UInt64(v.major), to: &out)
        VarInt.appendLEB128(UInt64(v.minor), to: &out)
        VarInt.appendLEB128(UInt64(v.patch), to: &out)
    }

    private static func readVersion(_ reader: inout ByteReader) throws(FieldUpdateError) -> FirmwareVersion {
        let limit = UInt64(UInt32.max)
        return FirmwareVersion(
            major: UInt32(try reader.updateLEB("version", limit: limit)),
            minor: UInt32(try reader.updateLEB("version", limit: limit)),
            patch: UInt32(try reader.updateLEB("version", limit: limit)))
    }

    private static func appendImage(_ image: InstalledImage?, to out: inout [UInt8]) {
        guard let image else {
            out.append(0)
            return
        }
        out.append(1)
        appendVersion(image.version, to: &out)
        VarInt.appendLEB128(UInt64(image.securityCounter), to: &out)
        VarInt.appendLEB128(image.size, to: &out)
        out.append(contentsOf: image.digest.bytes)
    }

    private static func readImage(_ reader: inout ByteReader) throws(FieldUpdateError) -> InstalledImage? {
        guard try reader.updateByte("slot image") != 0 else { return nil }
        let version = try readVersion(&reader)
        let counter = UInt32(try reader.updateLEB("security counter", limit: UInt64(UInt32.max)))
        let size = try reader.updateLEB("image size", limit: UpdateManifest.maximumPayloadSize)
        let digest = try reader.updateDigest("image digest")
        return InstalledImage(version: version, securityCounter: counter, size: size, digest: digest)
    }

    private static func appendRelease(_ release: PendingRelease, to out: inout [UInt8]) {
        VarInt.appendLEB128(UInt64(release.verified.signedBytes.count), to: &out)
        out.append(contentsOf: release.verified.signedBytes)
        switch release.payload {
        case .fullImage: out.append(0)
        case .patch(let base):
            out.append(1)
            appendVersion(base, to: &out)
        }
    }

    private static func readRelease(_ reader: inout ByteReader) throws(FieldUpdateError) -> PendingRelease {
        let length = try reader.updateLEB("manifest length", limit: UInt64(reader.remaining))
        let start = reader.offset
        let bytes = try reader.updateArray(Int(length), "manifest")
        let manifest: UpdateManifest
        do throws(FieldUpdateError) {
            manifest = try UpdateManifest(binary: bytes)
        } catch {
            throw FieldUpdateError(.corruptRecord, at: start)
        }
        // The manifest was verified before it was first persisted; the store's checksum protects it since.
        let verified = VerifiedManifest(manifest: manifest, signedBytes: bytes)
        let payload: PayloadChoice
        switch try reader.updateByte("payload") {
        case 0: payload = .fullImage
        case 1:
            let base = try readVersion(&reader)
            guard manifest.patch(from: base) != nil else { throw FieldUpdateError(.corruptRecord, at: reader.offset) }
            payload = .patch(from: base)
        default: throw FieldUpdateError(.corruptRecord, at: reader.offset - 1)
        }
        return PendingRelease(verified: verified, payload: payload)
    }
}
