import ArgumentParser
import Crypto
import FieldKit

/// `fieldkit update keygen KEYFILE`: a new Ed25519 key pair for signing manifests.
struct UpdateKeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Create an Ed25519 signing key (32 bytes, hex) in KEYFILE and print the public key in hex."
    )

    @Argument(help: "Where to write the private key (hex).")
    var keyFile: String

    func run() throws {
        try runReportingFailure {
            let key = Curve25519.Signing.PrivateKey()
            try FileIO.writeAtomically(keyFile, Array((Hex.encode(Array(key.rawRepresentation)) + "\n").utf8))
            print(Hex.encode(Array(key.publicKey.rawRepresentation)))
        }
    }
}

/// `fieldkit update sign`: signs a JSON manifest with an Ed25519 key.
struct UpdateSignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract:
            "Sign a JSON update manifest with Ed25519; write the signed manifest (JSON, or binary with --binary).",
        discussion: "The signature covers the manifest's canonical binary encoding, so either form verifies."
    )

    @Argument(help: "The manifest (JSON).")
    var manifest: String

    @Option(name: .long, help: "The private key file written by `fieldkit update keygen`.")
    var key: String

    @Option(name: .shortAndLong, help: "Where to write the signed manifest.")
    var output: String

    @Flag(name: .long, help: "Write the compact binary envelope instead of JSON.")
    var binary = false

    func run() throws {
        try runReportingFailure {
            let keyText = String(decoding: try FileIO.readAll(key), as: UTF8.self).filter { !$0.isWhitespace }
            guard let keyBytes = Hex.decode(keyText) else { throw CommandFailure("\(key): not a hex key") }
            let signer = try Ed25519ManifestSigner(privateKey: keyBytes)
            let parsed = try UpdateManifest(json: try FileIO.readAll(manifest))
            let signed = try signer.sign(parsed)
            let bytes = binary ? signed.binaryEncoded() : Array((try signed.jsonEncoded() + "\n").utf8)
            try FileIO.writeAtomically(output, bytes)
            print("signed \(parsed.version) for \(parsed.hardwareTarget): \(output)")
        }
    }
}

/// `fieldkit update verify`: checks a signed manifest with an Ed25519 public key.
struct UpdateVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a signed manifest (JSON or binary) with an Ed25519 public key; exit 1 if it is refused."
    )

    @Argument(help: "The signed manifest.")
    var signedManifest: String

    @Option(name: .customLong("public-key"), help: "The Ed25519 public key, 64 hex digits.")
    var publicKey: String

    func run() throws {
        try runReportingFailure {
            guard let keyBytes = Hex.decode(publicKey) else { throw CommandFailure("--public-key: not hex") }
            let verifier = try Ed25519ManifestVerifier(publicKey: keyBytes)
            let bytes = try FileIO.readAll(signedManifest)
            let signed =
                bytes.starts(with: SignedManifest.binaryMagic)
                ? try SignedManifest(binary: bytes) : try SignedManifest(json: bytes)
            let verified = try signed.verified(by: verifier)
            let m = verified.manifest
            print(
                "verified: \(m.version) for \(m.hardwareTarget), security counter \(m.securityCounter), "
                    + "image \(m.image.size) bytes sha256 \(m.image.digest.hexString), \(m.patches.count) patch(es)")
        }
    }
}
