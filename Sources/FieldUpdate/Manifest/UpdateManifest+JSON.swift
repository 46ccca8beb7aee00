import FieldCore

/// The JSON encoding, for servers, gateways and people.
///
/// ```json
/// {"format":1,"version":"1.4.0","security_counter":7,"hardware":"meter-r3",
///  "image":{"size":1048576,"sha256":"…","chunk_size":4096,"chunks":["…",…]},
///  "patches":[{"from":"1.3.0","size":18211,"sha256":"…","chunk_size":4096,"chunks":[…]}],
///  "preconditions":{"min_battery_percent":30,"connectivity":["ethernet","wifi"]}}
/// ```
///
/// Digests are 64 lowercase hex characters. Unknown keys are refused (a field this device does
/// not understand might be a constraint it would silently ignore). `patches` and
/// `preconditions` may be omitted (none; no constraint).
extension UpdateManifest {
    /// Encodes the manifest as compact JSON, keys in the order shown above.
    ///
    /// ```swift
    /// let text = try manifest.jsonEncoded()
    /// ```
    ///
    /// - Returns: The JSON text.
    /// - Throws: ``FieldUpdateError`` if the manifest breaks a rule of ``validate()``.
    /// - Complexity: O(n) in the encoded size.
    public func jsonEncoded() throws(FieldUpdateError) -> String {
        try validate()
        var out = "{\"format\":1,\"version\":"
        appendJSONString(version.description, to: &out)
        out += ",\"security_counter\":\(securityCounter),\"hardware\":"
        appendJSONString(hardwareTarget, to: &out)
        out += ",\"image\":"
        UpdateManifest.appendJSONPayload(image, from: nil, to: &out)
        out += ",\"patches\":["
        for (i, patch) in patches.enumerated() {
            if i > 0 { out += "," }
            UpdateManifest.appendJSONPayload(patch.payload, from: patch.baseVersion, to: &out)
        }
        out += "],\"preconditions\":{\"min_battery_percent\":\(preconditions.minimumBatteryPercent)"
        out += ",\"connectivity\":["
        var first = true
        for c in ConnectivityClass.allCases where preconditions.allowedConnectivity.contains(c) {
            if !first { out += "," }
            first = false
            appendJSONString(c.jsonName, to: &out)
        }
        out += "]}}"
        return out
    }

    /// Decodes a manifest from JSON text.
    ///
    /// ```swift
    /// let manifest = try UpdateManifest(json: Array(text.utf8))
    /// ```
    ///
    /// - Parameter json: The UTF-8 JSON text (untrusted).
    /// - Throws: ``FieldUpdateError`` naming the rule broken and the byte offset.
    /// - Complexity: O(n) in the input size.
    public init(json: [UInt8]) throws(FieldUpdateError) {
        try self.init(jsonNode: try JSONParser.parse(json))
    }

    internal init(jsonNode root: JSONNode) throws(FieldUpdateError) {
        let members = try root.members(
            "manifest",
            allowed: ["format", "version", "security_counter", "hardware", "image", "patches", "preconditions"])
        let format = try requiredMember(members, "format", in: root)
        guard try format.integer("format", limit: 255) == 1 else {
            throw FieldUpdateError(
                .unsupportedFormatVersion(UInt8(try format.integer("format", limit: 255))), at: format.offset)
        }
        let version = try UpdateManifest.jsonVersion(try requiredMember(members, "version", in: root), "version")
        let counter = try requiredMember(members, "security_counter", in: root)
            .integer("security_counter", limit: UInt64(UInt32.max))
        let hardwareNode = try requiredMember(members, "hardware", in: root)
        let hardware = try hardwareNode.string("hardware")
        let image = try UpdateManifest.jsonPayload(try requiredMember(members, "image", in: root), "image")
        var patches: [DeltaPatch] = []
        if let list = optionalMember(members, "patches") {
            let items = try list.array("patches")
            guard items.count <= UpdateManifest.maximumPatchCount else {
                throw FieldUpdateError(.valueOutOfRange("patches"), at: list.offset)
            }
            for item in items {
                let fields = try item.members(
                    "patch", allowed: ["from", "size", "sha256", "chunk_size", "chunks"])
                let base = try UpdateManifest.jsonVersion(try requiredMember(fields, "from", in: item), "patch.from")
                patches.append(DeltaPatch(baseVersion: base, payload: try UpdateManifest.jsonPayload(item, "patch")))
            }
        }
        var preconditions = UpdatePreconditions()
        if let node = optionalMember(members, "preconditions") {
            let fields = try node.members("preconditions", allowed: ["min_battery_percent", "connectivity"])
            if let battery = optionalMember(fields, "min_battery_percent") {
                preconditions.minimumBatteryPercent = UInt8(
                    try battery.integer("preconditions.min_battery_percent", limit: 100))
            }
            if let list = optionalMember(fields, "connectivity") {
                var set = ConnectivitySet()
                for item in try list.array("preconditions.connectivity") {
                    guard let c = ConnectivityClass(jsonName: try item.string("preconditions.connectivity")) else {
                        throw FieldUpdateError(.valueOutOfRange("preconditions.connectivity"), at: item.offset)
                    }
                    set.insert(ConnectivitySet(c))
                }
                preconditions.allowedConnectivity = set
            }
        }
        self.init(
            version: version, securityCounter: UInt32(counter), hardwareTarget: hardware, image: image,
            patches: patches, preconditions: preconditions)
        do throws(FieldUpdateError) {
            try validate()
        } catch {
            throw FieldUpdateError(error.reason, at: root.offset)
        }
    }

    private static func jsonVersion(_ node: JSONNode, _ field: String) throws(FieldUpdateError) -> FirmwareVersion {
        guard let version = FirmwareVersion(parsing: try node.string(field)) else {
            throw FieldUpdateError(.malformedField(field), at: node.offset)
        }
        return version
    }

    private static func jsonDigest(_ node: JSONNode, _ field: String) throws(FieldUpdateError) -> SHA256Digest {
        let text = try node.string(field)
        guard text.utf8.count == 64, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }),
            let bytes = Hex.decode(text), let digest = SHA256Digest(bytes)
        else {
            throw FieldUpdateError(.malformedField(field), at: node.offset)
        }
        return digest
    }

    private static func jsonPayload(_ node: JSONNode, _ field: String) throws(FieldUpdateError) -> PayloadDescriptor {
        let allowed: [String] =
            field == "patch"
            ? ["from", "size", "sha256", "chunk_size", "chunks"] : ["size", "sha256", "chunk_size", "chunks"]
        let members = try node.members(field, allowed: allowed)
        let size = try requiredMember(members, "size", in: node).integer(field + ".size", limit: maximumPayloadSize)
        let digest = try jsonDigest(try requiredMember(members, "sha256", in: node), field + ".sha256")
        let chunkSize = try requiredMember(members, "chunk_size", in: node)
            .integer(field + ".chunk_size", limit: UInt64(maximumChunkSize))
        var chunks: [SHA256Digest] = []
        for item in try requiredMember(members, "chunks", in: node).array(field + ".chunks") {
            chunks.append(try jsonDigest(item, field + ".chunks"))
        }
        let payload = PayloadDescriptor(size: size, digest: digest, chunkSize: UInt32(chunkSize), chunkDigests: chunks)
        do throws(FieldUpdateError) {
            try payload.validate(field: field)
        } catch {
            throw FieldUpdateError(error.reason, at: node.offset)
        }
        return payload
    }

    private static func appendJSONPayload(
        _ payload: PayloadDescriptor, from base: FirmwareVersion?, to out: inout String
    ) {
        out += "{"
        if let base {
            out += "\"from\":"
            appendJSONString(base.description, to: &out)
            out += ","
        }
        out += "\"size\":\(payload.size),\"sha256\":\"\(payload.digest.hexString)\",\"chunk_size\":\(payload.chunkSize)"
        out += ",\"chunks\":["
        for (i, digest) in payload.chunkDigests.enumerated() {
            if i > 0 { out += "," }
            out += "\"" + digest.hexString + "\""
        }
        out += "]}"
    }
}

extension SignedManifest {
    /// Decodes a signed manifest from JSON: `{"manifest":{…},"signature":"<hex>"}`.
    ///
    /// The signature covers the manifest's canonical binary encoding, not the JSON text, so
    /// whitespace or key order in transit does not matter.
    ///
    /// ```swift
    /// let signed = try SignedManifest(json: Array(body.utf8))
    /// ```
    ///
    /// - Parameter json: The UTF-8 JSON text (untrusted).
    /// - Throws: ``FieldUpdateError`` naming the rule broken and the byte offset.
    /// - Complexity: O(n) in the input size.
    public init(json: [UInt8]) throws(FieldUpdateError) {
        let root = try JSONParser.parse(json)
        let members = try root.members("signed manifest", allowed: ["manifest", "signature"])
        let manifest = try UpdateManifest(jsonNode: try requiredMember(members, "manifest", in: root))
        let signatureNode = try requiredMember(members, "signature", in: root)
        let text = try signatureNode.string("signature")
        guard text.utf8.count <= 2 * SignedManifest.maximumSignatureLength, let signature = Hex.decode(text) else {
            throw FieldUpdateError(.malformedField("signature"), at: signatureNode.offset)
        }
        try self.init(manifest: manifest, signature: signature)
    }

    /// Encodes the signed manifest as JSON: `{"manifest":{…},"signature":"<hex>"}`.
    ///
    /// - Returns: The JSON text.
    /// - Throws: ``FieldUpdateError`` if the manifest breaks a format rule.
    /// - Complexity: O(n) in the encoded size.
    public func jsonEncoded() throws(FieldUpdateError) -> String {
        "{\"manifest\":" + (try manifest.jsonEncoded()) + ",\"signature\":\"" + Hex.encode(signature) + "\"}"
    }
}
