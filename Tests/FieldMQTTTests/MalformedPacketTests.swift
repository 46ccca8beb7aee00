import FieldCore
import FieldMQTT
import Testing

/// One hand-built malformed packet per rule: the decoder must reject it with the named rule, at the
/// named offset, with the named reason code.
struct MalformedCase: CustomTestStringConvertible, Sendable {
    var name: String
    var hex: String
    var version: ProtocolVersion = .v5
    var sender: Sender? = .client
    var strict = false
    var rule: String
    var offset: Int
    var reasonCode: UInt8 = 0x81

    var testDescription: String { "\(name) [\(rule)]" }
}

@Suite("Malformed packets: one rule each")
struct MalformedPacketTests {
    static let cases: [MalformedCase] = [
        // Fixed header.
        .init(name: "reserved packet type 0", hex: "0000", rule: "§2.1.2", offset: 0),
        .init(name: "AUTH in 3.1.1", hex: "F000", version: .v3_1_1, rule: "§2.1.2", offset: 0),
        .init(name: "PUBACK with flags", hex: "41020001", rule: "MQTT-2.1.3-1", offset: 0),
        .init(
            name: "SUBSCRIBE without the 0010 flags", hex: "8006000100016100", version: .v3_1_1, rule: "MQTT-2.1.3-1",
            offset: 0),
        .init(name: "PUBLISH QoS 3", hex: "36070001611234FF", rule: "MQTT-3.3.1-4", offset: 0),
        .init(name: "PUBLISH DUP on QoS 0", hex: "380400016100", rule: "MQTT-3.3.1-2", offset: 0),
        .init(name: "remaining length over 4 bytes", hex: "3080808080010000", rule: "§1.5.5", offset: 1),
        .init(name: "remaining length not minimal", hex: "308000", rule: "MQTT-1.5.5-1", offset: 1),
        .init(
            name: "CONNACK sent by a client", hex: "20020000", version: .v3_1_1, rule: "§2.1.2", offset: 0,
            reasonCode: 0x82),
        .init(
            name: "SUBSCRIBE sent by a server", hex: "8206000100016100", version: .v3_1_1, sender: .server,
            rule: "§2.1.2", offset: 0, reasonCode: 0x82),
        // Lengths against the remaining length, both ways.
        .init(name: "topic longer than the packet", hex: "3003000561", version: .v3_1_1, rule: "§2.1.4", offset: 4),
        .init(
            name: "PUBACK with a trailing byte (3.1.1)", hex: "4003000100", version: .v3_1_1, rule: "§2.1.4", offset: 4),
        .init(name: "PINGREQ with a body", hex: "C00100", rule: "§2.1.4", offset: 2),
        .init(name: "property length past the end", hex: "400400010005", rule: "§2.2.2.1", offset: 5),
        // Packet identifiers.
        .init(name: "PUBLISH QoS 1 packet identifier 0", hex: "3206000161000000", rule: "MQTT-2.2.1-3", offset: 5),
        .init(name: "PUBREL packet identifier 0", hex: "62020000", version: .v3_1_1, rule: "MQTT-2.2.1-3", offset: 2),
        .init(
            name: "SUBSCRIBE packet identifier 0", hex: "8206000000016100", version: .v3_1_1, rule: "MQTT-2.2.1-3",
            offset: 2),
        // UTF-8.
        .init(name: "topic with U+0000", hex: "30050003610062", version: .v3_1_1, rule: "MQTT-1.5.4-2", offset: 5),
        .init(name: "topic with a surrogate", hex: "30050003EDA080", version: .v3_1_1, rule: "MQTT-1.5.4-1", offset: 4),
        .init(
            name: "topic with an overlong encoding", hex: "30040002C0AF", version: .v3_1_1, rule: "MQTT-1.5.4-1",
            offset: 4),
        .init(
            name: "topic with a stray continuation byte", hex: "300400026180", version: .v3_1_1, rule: "MQTT-1.5.4-1",
            offset: 5),
        .init(name: "topic above U+10FFFF", hex: "30060004F4908080", version: .v3_1_1, rule: "MQTT-1.5.4-1", offset: 4),
        .init(
            name: "strict: control character", hex: "300400026101", version: .v3_1_1, strict: true,
            rule: "MQTT-1.5.4-1", offset: 5),
        .init(
            name: "strict: non-character U+FFFF", hex: "30050003EFBFBF", version: .v3_1_1, strict: true,
            rule: "MQTT-1.5.4-1", offset: 4),
        // Topics.
        .init(
            name: "wildcard + in a topic name", hex: "300500032F2B61", version: .v3_1_1, rule: "MQTT-3.3.2-2",
            offset: 5, reasonCode: 0x90),
        .init(
            name: "wildcard # in a topic name", hex: "3003000123", version: .v3_1_1, rule: "MQTT-3.3.2-2", offset: 4,
            reasonCode: 0x90),
        .init(
            name: "empty topic name (3.1.1)", hex: "30020000", version: .v3_1_1, rule: "MQTT-4.7.3-1", offset: 4,
            reasonCode: 0x90),
        .init(
            name: "empty topic without alias (5.0)", hex: "3003000000", rule: "MQTT-3.3.2-1", offset: 4,
            reasonCode: 0x82),
        .init(
            name: "filter a+", hex: "820700010002612B00", version: .v3_1_1, rule: "MQTT-4.7.1-2", offset: 7,
            reasonCode: 0x8F),
        .init(
            name: "filter a/#/b", hex: "820A00010005612F232F6200", version: .v3_1_1, rule: "MQTT-4.7.1-1", offset: 8,
            reasonCode: 0x8F),
        .init(
            name: "empty filter", hex: "82050001000000", version: .v3_1_1, rule: "MQTT-4.7.3-1", offset: 6,
            reasonCode: 0x8F),
        .init(
            name: "$share with empty group", hex: "820F00010000092473686172652F2F6100", rule: "MQTT-4.8.2-1",
            offset: 14, reasonCode: 0x8F),
        .init(
            name: "$share with wildcard group", hex: "8210000100000A2473686172652F2B2F6100", rule: "MQTT-4.8.2-2",
            offset: 14, reasonCode: 0x8F),
        .init(
            name: "$share without a filter", hex: "820E00010000082473686172652F6700", rule: "§4.8.2", offset: 15,
            reasonCode: 0x8F),
        // Subscribe options.
        .init(name: "subscription QoS 3", hex: "8206000100016103", version: .v3_1_1, rule: "MQTT-3.8.3-4", offset: 7),
        .init(
            name: "3.1.1 reserved option bits", hex: "8206000100016104", version: .v3_1_1, rule: "MQTT-3.8.3-5",
            offset: 7),
        .init(name: "5.0 reserved option bits", hex: "820700010000016140", rule: "MQTT-3.8.3-5", offset: 8),
        .init(name: "5.0 retain handling 3", hex: "820700010000016130", rule: "MQTT-3.8.3-5", offset: 8),
        .init(
            name: "no local on a shared subscription", hex: "8210000100000A2473686172652F672F6104",
            rule: "MQTT-3.8.3-4", offset: 17, reasonCode: 0x82),
        .init(
            name: "SUBSCRIBE with no subscriptions", hex: "82020001", version: .v3_1_1, rule: "MQTT-3.8.3-3", offset: 4,
            reasonCode: 0x82),
        .init(
            name: "UNSUBSCRIBE with no filters", hex: "A2020001", version: .v3_1_1, rule: "MQTT-3.10.3-2", offset: 4,
            reasonCode: 0x82),
        // Properties.
        .init(name: "unknown property 0x05", hex: "3006000161020501", rule: "§2.2.2.2", offset: 6),
        .init(name: "property id not minimal (0x8000)", hex: "300700016103800001", rule: "MQTT-1.5.5-1", offset: 6),
        .init(name: "property not allowed in PUBLISH", hex: "30080001610415000161", rule: "§2.2.2.2", offset: 6),
        .init(name: "duplicate property", hex: "30080001610401000100", rule: "§2.2.2.2", offset: 8, reasonCode: 0x82),
        .init(name: "topic alias 0", hex: "300700016103230000", rule: "MQTT-3.3.2-8", offset: 7, reasonCode: 0x94),
        .init(
            name: "receive maximum 0", hex: "101100044D5154540502000A03210000000161", sender: .client,
            rule: "§3.1.2.11.3", offset: 14, reasonCode: 0x82),
        .init(
            name: "subscription identifier 0", hex: "82090001020B0000016100", rule: "§3.3.2.3.8", offset: 6,
            reasonCode: 0x82),
        .init(
            name: "maximum QoS 2", hex: "20050000022402", sender: .server, rule: "§3.1.2.11", offset: 6,
            reasonCode: 0x82),
        .init(
            name: "payload format indicator 2", hex: "3006000161020102", rule: "§3.1.2.11", offset: 7, reasonCode: 0x82),
        .init(
            name: "response topic with a wildcard", hex: "300900016105080002612B", rule: "MQTT-3.3.2-2", offset: 10,
            reasonCode: 0x90),
        .init(name: "user property missing its value", hex: "30080001610426000161", rule: "§2.1.4", offset: 10),
        // CONNECT.
        .init(
            name: "protocol name MQTU", hex: "100D00044D5154550402000A000170", version: .v3_1_1, rule: "MQTT-3.1.2-1",
            offset: 2, reasonCode: 0x84),
        .init(
            name: "protocol level 6", hex: "100D00044D5154540602000A000170", version: .v3_1_1, rule: "MQTT-3.1.2-2",
            offset: 8, reasonCode: 0x84),
        .init(
            name: "reserved connect flag", hex: "100D00044D5154540403000A000170", version: .v3_1_1,
            rule: "MQTT-3.1.2-3", offset: 9),
        .init(
            name: "will QoS 3", hex: "101300044D515454041E000A000170000170000170", version: .v3_1_1,
            rule: "MQTT-3.1.2-12", offset: 9),
        .init(
            name: "will QoS without will flag", hex: "100D00044D515454040A000A000170", version: .v3_1_1,
            rule: "MQTT-3.1.2-11", offset: 9),
        .init(
            name: "password without user name (3.1.1)", hex: "101000044D5154540442000A000170000170", version: .v3_1_1,
            rule: "MQTT-3.1.2-22", offset: 9),
        .init(
            name: "empty client id without clean session", hex: "100C00044D5154540400000A0000", version: .v3_1_1,
            rule: "MQTT-3.1.3-8", offset: 12, reasonCode: 0x85),
        .init(
            name: "user name present without its flag", hex: "101000044D5154540402000A000170000170", version: .v3_1_1,
            rule: "MQTT-3.1.2-16", offset: 15),
        // Acknowledgements and reason codes.
        .init(
            name: "CONNACK reserved flags", hex: "20020200", version: .v3_1_1, sender: .server, rule: "MQTT-3.2.2-1",
            offset: 2),
        .init(
            name: "CONNACK return code 6 (3.1.1)", hex: "20020006", version: .v3_1_1, sender: .server, rule: "§3.2.2.2",
            offset: 3, reasonCode: 0x82),
        .init(
            name: "CONNACK session present on failure", hex: "2003018000", sender: .server, rule: "MQTT-3.2.2-6",
            offset: 2, reasonCode: 0x82),
        .init(name: "PUBACK reason code 0x01", hex: "4003000101", rule: "§2.4", offset: 4, reasonCode: 0x82),
        .init(name: "PUBREL reason code 0x10", hex: "6203000110", rule: "§2.4", offset: 4, reasonCode: 0x82),
        .init(
            name: "SUBACK code 0x03 (3.1.1)", hex: "9003000103", version: .v3_1_1, sender: .server, rule: "§3.9.3",
            offset: 4, reasonCode: 0x82),
        .init(
            name: "DISCONNECT server-only code from a client", hex: "E00189", rule: "§3.14.2.1", offset: 2,
            reasonCode: 0x82),
        .init(
            name: "DISCONNECT session expiry from a server", hex: "E0070005110000000A", sender: .server,
            rule: "MQTT-3.14.2-2", offset: 4, reasonCode: 0x82),
        .init(name: "AUTH with reason code but no property length", hex: "F00118", rule: "§2.1.4", offset: 3),
    ]

    @Test("rejected with rule, offset and reason code", arguments: cases)
    func rejects(_ test: MalformedCase) {
        let options = DecodingOptions(version: test.version, sender: test.sender, strictUTF8: test.strict)
        let bytes = Support.bytes(test.hex)
        switch Support.decode(bytes, options) {
        case .success(let packet):
            Issue.record("accepted: \(packet.type)")
        case .failure(let error):
            #expect(error.rule == test.rule, "\(error)")
            #expect(error.offset == test.offset, "\(error)")
            #expect(error.reasonCode.rawValue == test.reasonCode, "\(error)")
        }
    }

    @Test("every strict-only rejection is accepted in lenient mode")
    func lenient() {
        for test in Self.cases where test.strict {
            let options = DecodingOptions(version: test.version, sender: test.sender, strictUTF8: false)
            #expect((try? Support.decode(Support.bytes(test.hex), options).get()) != nil, "\(test.name)")
        }
    }

    @Test("every proper prefix of a valid packet is rejected as truncated, never a crash")
    func prefixes() {
        let valid = [
            "103900044D51545404CE001E0010676F6C64656E2D763331312D66756C6C000A77696C6C2F746F7069630003627965000475736572000470617373",
            "32100005672F612F7800037B2271223A317D", "821000010005672F2B2F78020003672F2301",
        ]
        for hex in valid {
            let bytes = Support.bytes(hex)
            for length in 0..<bytes.count {
                let result = Support.decode(Array(bytes[0..<length]), DecodingOptions(version: .v3_1_1))
                guard case .failure(let error) = result else {
                    Issue.record("prefix \(length) accepted")
                    continue
                }
                guard error.code == .truncated else {
                    Issue.record("prefix \(length): \(error)")
                    continue
                }
            }
        }
    }
}
