import FieldCore

/// A manifest with its signature, as received from the update server: not yet trusted.
///
/// The signature covers the canonical binary encoding of the manifest
/// (``UpdateManifest/binaryEncoded()``), whichever encoding carried it, so a manifest signed once
/// can be served as binary to a constrained device and as JSON to a gateway. The only way to a
/// ``VerifiedManifest`` is ``verified(by:)``.
///
/// Binary envelope: the magic `FKUS`, a format byte (1), the manifest length (LEB128) and bytes,
/// the signature length (LEB128) and bytes.
///
/// ```swift
/// let signed = try SignedManifest(binary: received)
/// let verified = try signed.verified(by: productVerifier)
/// ```
public struct SignedManifest: Hashable, Sendable {
    /// The magic bytes that open a signed envelope: `FKUS`.
    public static let binaryMagic: [UInt8] = [0x46, 0x4B, 0x55, 0x53]
    /// The largest signature accepted, in bytes.
    public static let maximumSignatureLength = 1024

    /// The decoded (but not yet authenticated) manifest.
    public let manifest: UpdateManifest
    /// The canonical binary encoding of ``manifest``: the signed message.
    public let signedBytes: [UInt8]
    /// The signature bytes.
    public let signature: [UInt8]

    /// Wraps a manifest and a signature produced by the publisher.
    ///
    /// - Parameters:
    ///   - manifest: The manifest.
    ///   - signature: The signature over `try manifest.binaryEncoded()`.
    /// - Throws: ``FieldUpdateError`` if the manifest breaks a format rule.
    public init(manifest: UpdateManifest, signature: [UInt8]) throws(FieldUpdateError) {
        self.manifest = manifest
        self.signedBytes = try manifest.binaryEncoded()
        self.signature = signature
    }

    /// Decodes a signed envelope in the binary format.
    ///
    /// - Parameter binary: The envelope bytes (untrusted).
    /// - Throws: ``FieldUpdateError`` naming the rule broken and the offset.
    /// - Complexity: O(n) in the input size.
    public init(binary: [UInt8]) throws(FieldUpdateError) {
        let parts: (manifest: [UInt8], manifestOffset: Int, signature: [UInt8]) = try ByteReader.read(binary) {
            reader throws(FieldUpdateError) in
            let magic = try reader.updateArray(4, "magic")
            guard magic == SignedManifest.binaryMagic else { throw FieldUpdateError(.badMagic, at: 0) }
            let format = try reader.updateByte("format")
            guard format == 1 else { throw FieldUpdateError(.unsupportedFormatVersion(format), at: 4) }
            let length = try reader.updateLEB("manifest length", limit: UInt64(reader.remaining))
            let manifestOffset = reader.offset
            let manifest = try reader.updateArray(Int(length), "manifest")
            let signatureLength = try reader.updateLEB(
                "signature length", limit: UInt64(SignedManifest.maximumSignatureLength))
            let signature = try reader.updateArray(Int(signatureLength), "signature")
            guard reader.isAtEnd else { throw FieldUpdateError(.trailingBytes, at: reader.offset) }
            return (manifest, manifestOffset, signature)
        }
        let manifest: UpdateManifest
        do throws(FieldUpdateError) {
            manifest = try UpdateManifest(binary: parts.manifest)
        } catch {
            throw FieldUpdateError(error.reason, at: error.offset.map { $0 + parts.manifestOffset })
        }
        self.manifest = manifest
        self.signedBytes = parts.manifest
        self.signature = parts.signature
    }

    /// Encodes the envelope in the binary format.
    ///
    /// - Returns: `FKUS`, format, manifest and signature.
    /// - Complexity: O(n) in the encoded size.
    public func binaryEncoded() -> [UInt8] {
        var out = SignedManifest.binaryMagic
        out.append(1)
        VarInt.appendLEB128(UInt64(signedBytes.count), to: &out)
        out.append(contentsOf: signedBytes)
        VarInt.appendLEB128(UInt64(signature.count), to: &out)
        out.append(contentsOf: signature)
        return out
    }

    /// Authenticates the manifest with the product's verifier.
    ///
    /// An empty or oversized signature is refused without calling the verifier; a `false` answer
    /// is refused. Nothing downgrades to "unverified".
    ///
    /// ```swift
    /// let verified = try signed.verified(by: productVerifier)
    /// ```
    ///
    /// - Parameter verifier: The product's signature check.
    /// - Returns: The manifest, now trusted.
    /// - Throws: ``FieldUpdateError/Code/signatureRejected`` if the signature is missing or invalid.
    public func verified<Verifier: ManifestVerifier>(
        by verifier: Verifier
    ) throws(FieldUpdateError)
        -> VerifiedManifest
    {
        guard !signature.isEmpty, signature.count <= SignedManifest.maximumSignatureLength,
            verifier.isValidSignature(signature, for: signedBytes)
        else {
            throw FieldUpdateError(.signatureRejected)
        }
        return VerifiedManifest(manifest: manifest, signedBytes: signedBytes)
    }
}

/// A manifest whose signature a product's ``ManifestVerifier`` accepted.
///
/// Only ``SignedManifest/verified(by:)`` creates one, and the device-side ``UpdateAgent`` accepts
/// nothing else, so an unverified manifest cannot reach the flash by accident.
///
/// ```swift
/// let verified = try SignedManifest(binary: bytes).verified(by: verifier)
/// try agent.begin(verified, conditions: now)
/// ```
public struct VerifiedManifest: Hashable, Sendable {
    /// The authenticated manifest.
    public let manifest: UpdateManifest
    /// Its canonical binary encoding (the bytes the signature covered).
    public let signedBytes: [UInt8]

    internal init(manifest: UpdateManifest, signedBytes: [UInt8]) {
        self.manifest = manifest
        self.signedBytes = signedBytes
    }
}
