// libFuzzer target for FieldMQTT, built by Scripts/fuzz-mqtt.sh with -sanitize=fuzzer,address.
//
// Input: one option byte (version, direction, strictness, chunking), then bytes fed to the codec.
// Properties checked on every input (a failed precondition is a crash libFuzzer reports):
// - whole-packet decoding never traps; errors carry an offset inside the input;
// - a decoded packet re-encodes, the re-encoding decodes to an equal packet, and re-encoding that
//   gives the same bytes again;
// - the stream decoder, fed the same bytes in chunks, never traps and yields the same first packet;
// - topic name/filter validation and matching never trap.
import FieldCore
import FieldMQTT

/// The libFuzzer entry point: checks the invariants above on one input.
///
/// - Parameters:
///   - data: The input bytes.
///   - size: Their count.
/// - Returns: 0 (libFuzzer's "keep going").
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let control = data[0]
    let input = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let version: ProtocolVersion = [.v3_1, .v3_1_1, .v5, .v5][Int(control & 0x03)]
    let senders: [Sender?] = [nil, .client, .server, nil]
    let options = DecodingOptions(
        version: version, sender: senders[Int((control >> 2) & 0x03)], strictUTF8: control & 0x10 != 0,
        maximumPacketSize: control & 0x20 != 0 ? 64 : DecodingOptions.largestPacketSize)
    let decoder = PacketDecoder(options: options)
    var first: Packet? = nil
    do throws(FieldMQTTError) {
        let packet = try decoder.decode(input)
        first = packet.owned()
        let packetVersion: ProtocolVersion
        if case .connect(let connect) = packet {
            packetVersion = connect.protocolVersion
        } else {
            packetVersion = version
        }
        let encoded = try packet.encoded(version: packetVersion)
        let counted = try packet.encodedCount(version: packetVersion)
        precondition(encoded.count == counted)
        var reoptions = options
        reoptions.version = packetVersion
        reoptions.maximumPacketSize = DecodingOptions.largestPacketSize
        let again: Result<Packet, FieldMQTTError> = encoded.withUnsafeBytes { raw in
            do throws(FieldMQTTError) {
                return .success(try PacketDecoder(options: reoptions).decode(raw).owned())
            } catch {
                return .failure(error)
            }
        }
        let decodedAgain = try again.get()
        precondition(decodedAgain == packet, "re-decoded packet differs")
        let reencoded = try decodedAgain.encoded(version: packetVersion)
        precondition(reencoded == encoded, "re-encoding differs")
    } catch {
        precondition(error.offset >= 0 && error.offset <= input.count + 1, "offset out of range")
    }
    // Stream the same bytes in chunks of 1...8 bytes (sizes from the control byte).
    var stream = StreamDecoder(options: options, oversizedPolicy: control & 0x40 != 0 ? .skip : .fail)
    let chunk = Int((control >> 5) & 0x07) + 1
    var start = 0
    var firstEvent: Packet? = nil
    var sawEvent = false
    outer: while start < input.count {
        let end = min(input.count, start + chunk)
        var piece = UnsafeRawBufferPointer(rebasing: input[start..<end])
        start = end
        while !piece.isEmpty {
            do throws(FieldMQTTError) {
                switch try stream.next(from: &piece) {
                case .packet(let packet):
                    if !sawEvent { firstEvent = packet.owned() }
                    sawEvent = true
                case .needMoreBytes(let n):
                    precondition(n >= 1 && piece.isEmpty)
                case .skipped:
                    sawEvent = true
                }
            } catch {
                sawEvent = true
                continue outer  // drop the rest of this piece (a header error is sticky anyway)
            }
        }
    }
    if options.maximumPacketSize < DecodingOptions.largestPacketSize {
        precondition(stream.bufferCapacity <= max(options.maximumPacketSize, 8), "buffered beyond the limit")
    }
    if let first { precondition(firstEvent == first, "stream and whole decode differ") }
    // Topic rules.
    let bytes = MQTTBytes(borrowing: input)
    if let shared = try? TopicFilter(bytes), let name = try? TopicName(bytes) {
        // A shared filter matches on the part after $share/group/, so compare its parts instead.
        if let group = shared.shareName {
            precondition(!group.isEmpty && shared.matchingFilter.count + group.count + 8 == bytes.count)
        }
    }
    if let filter = try? TopicFilter(bytes, sharedSubscriptions: false), let name = try? TopicName(bytes) {
        precondition(filter.matches(name), "a valid name matches itself as a filter")
        var matcher = TopicMatcher<Int>()
        matcher.insert(filter, value: 1)
        precondition(matcher.matches(name) == [1])
        precondition(matcher.remove(filter, value: 1) && matcher.isEmpty)
    }
    return 0
}
