import Crypto
import FieldKit

/// Plugs swift-crypto's Ed25519 (`Curve25519.Signing`) into FieldUpdate's `ManifestVerifier`.
///
/// FieldUpdate checks integrity itself (SHA-256 of each chunk and of the installed image); the
/// product decides authenticity. This is the whole adapter: the verifier receives the canonical
/// binary manifest bytes that were signed and the signature, and returns whether the signature is
/// valid under the product's public key. On a device, the same four lines wrap whatever Ed25519
/// implementation the firmware has (a secure element, Monocypher, a ROM routine).
///
/// ```swift
/// let verifier = try Ed25519ManifestVerifier(publicKey: productKeyBytes)
/// let verified = try SignedManifest(json: body).verified(by: verifier)
/// ```
struct Ed25519ManifestVerifier: ManifestVerifier {
    let publicKey: Curve25519.Signing.PublicKey

    init(publicKey bytes: [UInt8]) throws {
        publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: bytes)
    }

    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        publicKey.isValidSignature(signature, for: message)
    }
}

/// The publisher's side: signs a manifest's canonical binary encoding with Ed25519.
struct Ed25519ManifestSigner {
    let privateKey: Curve25519.Signing.PrivateKey

    init(privateKey bytes: [UInt8]) throws {
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
    }

    func sign(_ manifest: UpdateManifest) throws -> SignedManifest {
        let message = try manifest.binaryEncoded()
        let signature = try privateKey.signature(for: message)
        return try SignedManifest(manifest: manifest, signature: Array(signature))
    }
}
