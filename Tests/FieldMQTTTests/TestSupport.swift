import FieldCore
import FieldKitTestSupport
import FieldMQTT
import Foundation
import Testing

/// Helpers shared by the FieldMQTT tests.
enum Support {
    /// `../shared/mqtt/<name>` when present.
    static func sharedFile(_ name: String) -> URL? { TestData.shared("mqtt/\(name)") }

    /// A committed fixture.
    static func fixture(_ name: String) -> URL { TestData.fixture(name, module: "FieldMQTT") }

    /// Parses a JSON Lines file into dictionaries.
    static func jsonLines(_ url: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        }
    }

    static func version(_ text: String) -> ProtocolVersion {
        switch text {
        case "3.1": .v3_1
        case "3.1.1": .v3_1_1
        default: .v5
        }
    }

    static func bytes(_ hex: String) -> [UInt8] { Hex.decode(hex)! }

    /// Decodes one whole packet, returning the result (the packet is re-encoded inside the
    /// closure, while the input is still alive).
    static func decode(_ bytes: [UInt8], _ options: DecodingOptions) -> Result<Packet, FieldMQTTError> {
        bytes.withUnsafeBytes { raw in
            do throws(FieldMQTTError) {
                let packet = try PacketDecoder(options: options).decode(raw)
                return .success(packet.owned())
            } catch {
                return .failure(error)
            }
        }
    }

    static func encode(_ packet: Packet, _ version: ProtocolVersion) -> Result<[UInt8], FieldMQTTError> {
        do throws(FieldMQTTError) {
            return .success(try packet.encoded(version: version))
        } catch {
            return .failure(error)
        }
    }
}
