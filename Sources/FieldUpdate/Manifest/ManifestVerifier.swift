/// A product's signature scheme, plugged into FieldUpdate.
///
/// FieldKit checks integrity itself (SHA-256 of every chunk and of the installed image); a
/// product decides what makes a manifest authentic: Ed25519 with a key burned into the
/// bootloader, ECDSA P-256 from a secure element, an HMAC for a closed system. The verifier gets
/// the exact manifest bytes that were signed and the signature, and answers yes or no. It is used
/// through generics (no existential), so it compiles in Embedded Swift.
///
/// ```swift
/// struct Ed25519ManifestVerifier: ManifestVerifier {
///     let key: Curve25519.Signing.PublicKey
///     func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
///         key.isValidSignature(signature, for: message)
///     }
/// }
/// let verified = try signed.verified(by: Ed25519ManifestVerifier(key: productKey))
/// ```
public protocol ManifestVerifier {
    /// Whether `signature` is a valid signature of `message` under the product's key.
    ///
    /// Return `false` for anything that cannot be checked (wrong length, unknown key id): the
    /// device then refuses the manifest. There is no "unverified" fallback.
    ///
    /// - Parameters:
    ///   - signature: The signature bytes as received (untrusted).
    ///   - message: The canonical binary manifest bytes.
    /// - Returns: `true` only if the signature is valid.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool
}
