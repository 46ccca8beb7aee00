import FieldCore
import FieldKitTestSupport
import FieldMQTT
import Foundation
import Testing

@Suite("Reference packets (../shared/mqtt)")
struct ReferenceVectorTests {
    @Test(
        "every paho-mqtt / mosquitto capture decodes and re-encodes byte for byte",
        .requiresShared("mqtt/paho_vectors.jsonl"))
    func pahoVectors() throws {
        let url = try #require(Support.sharedFile("paho_vectors.jsonl"))
        let lines = try Support.jsonLines(url)
        #expect(lines.count == 105)
        for line in lines {
            let hex = line["hex"] as! String
            let bytes = Support.bytes(hex)
            let version = Support.version(line["proto_ver"] as! String)
            let sender: Sender = (line["direction"] as! String) == "c2s" ? .client : .server
            let options = DecodingOptions(version: version, sender: sender, strictUTF8: true)
            switch Support.decode(bytes, options) {
            case .failure(let error):
                Issue.record("\(line["scenario"]!) \(hex): \(error)")
            case .success(let packet):
                #expect(text(packet.type.name) == line["packet_type"] as! String)
                let reencoded = Support.encode(packet, version)
                #expect(try reencoded.get() == bytes, "\(line["scenario"]!) \(hex)")
            }
        }
    }

    @Test(
        "every mosquitto conformance case agrees with the broker's verdict",
        .requiresShared("mqtt/mosquitto-corpus-sample.jsonl"))
    func mosquittoCorpus() throws {
        let url = try #require(Support.sharedFile("mosquitto-corpus-sample.jsonl"))
        let lines = try Support.jsonLines(url)
        var checked = 0
        var stateOnly = 0
        // The corpus holds E00100 (v5 DISCONNECT, reason code 0x00, no properties) twice: once
        // labelled valid ("RC=0x00 normal disconnection"), once invalid ("E0 long"). The
        // specification allows a Remaining Length of 1 for DISCONNECT (section 3.14.2.2.1), so the
        // valid label wins; the contradictory twin is counted separately.
        var validDisconnects = Set<String>()
        for line in lines where line["packet_type"] as! String == "DISCONNECT" && line["expected"] as! String == "valid"
        {
            validDisconnects.insert("\(line["proto_ver"]!)/\(line["hex"]!)")
        }
        var contradictory = 0
        for line in lines {
            let hex = line["hex"] as! String
            let label = line["expected"] as! String
            let disconnect = line["broker_expect_disconnect"] as! Bool
            let reason = line["reason"] as! String
            let version = Support.version(line["proto_ver"] as! String)
            let packetType = line["packet_type"] as! String
            let bytes = Support.bytes(hex)
            // A broker always closes after DISCONNECT, so its verdict says nothing about a
            // DISCONNECT's validity: there the label decides.
            if packetType == "DISCONNECT" && label == "invalid"
                && validDisconnects.contains("\(line["proto_ver"]!)/\(hex)")
            {
                contradictory += 1
                continue
            }
            let mustAccept: Bool
            if packetType == "DISCONNECT" || label == "context" {
                if label == "context" {
                    // Direction cases: a server decoding client traffic must reject them.
                    // Session-state cases (first packet not CONNECT, wrong QoS flow) are not a
                    // codec's call.
                    guard reason.contains("direction") else {
                        stateOnly += 1
                        continue
                    }
                    mustAccept = false
                } else {
                    mustAccept = label == "valid"
                }
            } else {
                mustAccept = !disconnect
            }
            let strict = label == "invalid_strict"
            let options = DecodingOptions(version: version, sender: .client, strictUTF8: strict)
            let result = Support.decode(bytes, options)
            switch (mustAccept, result) {
            case (true, .failure(let error)):
                Issue.record("\(line["id"]!) \(hex): rejected but valid: \(error)")
            case (false, .success):
                Issue.record("\(line["id"]!) \(hex): accepted but the broker rejects it")
            case (true, .success(let packet)):
                // Valid packets also re-decode after re-encoding.
                let again = try Support.encode(packet, version).get()
                #expect(Support.decode(again, options).map { $0 } == .success(packet), "\(line["id"]!)")
            case (false, .failure(let error)):
                #expect(error.reasonCode.isFailure)
                let offset = try #require(error.offset)
                #expect(offset >= 0 && offset <= bytes.count)
                if strict {
                    // Lenient mode accepts SHOULD NOT code points.
                    let lenient = DecodingOptions(version: version, sender: .client, strictUTF8: false)
                    if error.code == .discouragedCodePoint {
                        #expect(throws: Never.self) { try Support.decode(bytes, lenient).get() }
                    }
                }
            }
            checked += 1
        }
        #expect(contradictory == 1)
        #expect(checked + stateOnly + contradictory == lines.count)
        #expect(checked > 400)
    }
}

func text(_ value: StaticString) -> String {
    value.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
}
