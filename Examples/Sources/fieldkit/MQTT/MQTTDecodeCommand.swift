import ArgumentParser
import FieldKit

/// `fieldkit mqtt decode`: decodes hex packets from standard input, one JSON object per line.
struct MQTTDecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode MQTT packets given as hex, one per line, into one JSON object per line.",
        discussion: """
            Reads standard input; blank lines are skipped. Each other line is one whole packet in hex
            (spaces allowed) and produces exactly one line of output:
              {"ok":true,"type":"PUBLISH",...}      (plus "reencoded":"<hex>" with --reencode)
              {"ok":false,"error":"...","rule":"MQTT-3.3.2-2","offset":N,"reason_code":N}
            Without --protocol, packets are decoded as MQTT 5.0 until a CONNECT is seen, then with
            that CONNECT's version. --from client means the packets were sent by a client (decoded as
            the server would), so server-to-client packet types are rejected; --from server the reverse.
            --strict also rejects the code points the specification says SHOULD NOT appear.
            """
    )

    @Option(name: .customLong("protocol"), help: "Protocol version: 3.1, 3.1.1 or 5 (default: 5, then follow CONNECT).")
    var protocolVersion: String?

    @Option(name: .customLong("from"), help: "Who sent the packets: client or server (default: either).")
    var sender: String?

    @Flag(help: "Reject control characters and non-characters in strings, as mosquitto does.")
    var strict = false

    @Flag(help: "Add the packet re-encoded by FieldMQTT as \"reencoded\".")
    var reencode = false

    func validate() throws {
        if let protocolVersion, Self.version(protocolVersion) == nil {
            throw ValidationError("--protocol must be 3.1, 3.1.1 or 5")
        }
        if let sender, sender != "client" && sender != "server" {
            throw ValidationError("--from must be client or server")
        }
    }

    static func version(_ text: String) -> ProtocolVersion? {
        switch text {
        case "3.1": .v3_1
        case "3.1.1", "4": .v3_1_1
        case "5", "5.0": .v5
        default: nil
        }
    }

    func run() throws {
        var version = protocolVersion.flatMap(Self.version) ?? .v5
        let from: Sender? = sender.map { $0 == "client" ? .client : .server }
        while let line = readLine(strippingNewline: true) {
            let compact = line.filter { !$0.isWhitespace }
            if compact.isEmpty { continue }
            guard let bytes = Hex.decode(compact) else {
                print(
                    "{\"ok\":false,\"error\":\"input is not hexadecimal\",\"rule\":null,\"offset\":null,\"reason_code\":null}"
                )
                continue
            }
            let options = DecodingOptions(version: version, sender: from, strictUTF8: strict)
            let output: String = bytes.withUnsafeBytes { raw in
                do throws(FieldMQTTError) {
                    let packet = try PacketDecoder(options: options).decode(raw)
                    var json = JSONObject()
                    json.add("ok", true)
                    PacketJSON.describe(packet, into: &json)
                    let packetVersion: ProtocolVersion
                    if case .connect(let connect) = packet {
                        packetVersion = connect.protocolVersion
                        if protocolVersion == nil { version = connect.protocolVersion }
                    } else {
                        packetVersion = options.version
                    }
                    if reencode {
                        json.add("reencoded", Hex.encode(try packet.encoded(version: packetVersion)))
                    }
                    return json.text
                } catch {
                    var json = JSONObject()
                    json.add("ok", false)
                    json.add("error", error.codeDescription)
                    json.add("rule", error.rule)
                    if let offset = error.offset { json.add("offset", offset) } else { json.add("offset", raw: "null") }
                    json.add("reason_code", Int(error.reasonCode.rawValue))
                    return json.text
                }
            }
            print(output)
        }
    }
}
