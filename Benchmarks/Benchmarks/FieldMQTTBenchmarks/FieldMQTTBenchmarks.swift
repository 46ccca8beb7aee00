import Benchmark
import FieldCore
import FieldMQTT

/// FieldMQTT throughput (the workloads of issue 3). Every measured iteration runs 1,000 packets
/// (scaling factor kilo), so "Throughput (# / s) (K)" reads as thousands of packets per second.
/// Malloc counts are per 1,000 packets.
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 100_000
    )
    // QoS 1 PUBLISH, 31-byte topic.
    let topic = MQTTBytes(Array("sensors/site-042/meter-17/energ".utf8))
    precondition(topic.count == 31)
    let small = Packet.publish(
        Publish(
            topic: topic, payload: MQTTBytes([UInt8](repeating: 0x5A, count: 64)), qos: .atLeastOnce,
            packetIdentifier: 7))
    let large = Packet.publish(
        Publish(
            topic: topic, payload: MQTTBytes([UInt8](repeating: 0x5A, count: 4096)), qos: .atLeastOnce,
            packetIdentifier: 7))
    let client = PacketDecoder(options: DecodingOptions(version: .v3_1_1, sender: .client, strictUTF8: true))
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 8192, alignment: 16)

    /// Encodes into the caller buffer, then decodes it with full validation; returns the payload size.
    @inline(__always)
    func roundTrip(_ packet: Packet, _ version: ProtocolVersion, _ decoder: PacketDecoder) -> Int {
        var writer = ByteWriter(buffer)
        do throws(FieldMQTTError) {
            try packet.encode(into: &writer, version: version)
            let view = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<writer.count])
            if case .publish(let publish) = try decoder.decode(view) { return publish.payload.count }
        } catch {}
        return -1
    }

    Benchmark("PUBLISH QoS 1, 31 B topic, 64 B payload: encode + validating decode", configuration: configuration) {
        benchmark in
        for _ in benchmark.scaledIterations { blackHole(roundTrip(small, .v3_1_1, client)) }
    }

    Benchmark("PUBLISH QoS 1, 31 B topic, 4 KiB payload: encode + validating decode", configuration: configuration) {
        benchmark in
        for _ in benchmark.scaledIterations { blackHole(roundTrip(large, .v3_1_1, client)) }
    }

    let smallBytes = try! small.encoded(version: .v3_1_1)
    Benchmark("PUBLISH QoS 1, 64 B payload: validating decode only", configuration: configuration) { benchmark in
        smallBytes.withUnsafeBytes { raw in
            for _ in benchmark.scaledIterations {
                do throws(FieldMQTTError) {
                    if case .publish(let publish) = try client.decode(raw) { blackHole(publish.payload.count) }
                } catch { blackHole(error.offset) }
            }
        }
    }

    // MQTT 5.0 PUBLISH with 8 properties (no user properties), decoded as a client.
    var properties = Properties()
    properties.append(.payloadFormatIndicator(1))
    properties.append(.messageExpiryInterval(3600))
    properties.append(.contentType("application/json"))
    properties.append(.responseTopic("reply/meter-17"))
    properties.append(.correlationData([1, 2, 3, 4, 5, 6, 7, 8]))
    properties.append(.topicAlias(3))
    properties.append(.subscriptionIdentifier(42))
    properties.append(.subscriptionIdentifier(4242))
    let v5Bytes = try! Packet.publish(
        Publish(
            topic: topic, payload: MQTTBytes([UInt8](repeating: 0x5A, count: 64)), qos: .atLeastOnce,
            packetIdentifier: 7, properties: properties)
    ).encoded(version: .v5)
    let server = PacketDecoder(options: DecodingOptions(version: .v5, sender: .server, strictUTF8: true))
    Benchmark("PUBLISH 5.0 with 8 properties: validating decode", configuration: configuration) { benchmark in
        v5Bytes.withUnsafeBytes { raw in
            for _ in benchmark.scaledIterations {
                do throws(FieldMQTTError) {
                    if case .publish(let publish) = try server.decode(raw) {
                        blackHole(publish.properties.encodedCount)
                    }
                } catch { blackHole(error.offset) }
            }
        }
    }

    // A stream of 1,000 such PUBLISH packets through the stream decoder in 1,460-byte segments.
    var stream: [UInt8] = []
    for _ in 0..<1000 { try! small.encode(appendingTo: &stream, version: .v3_1_1) }
    Benchmark(
        "StreamDecoder: 1,000 PUBLISH (64 B payload) in 1,460-byte segments",
        configuration: .init(
            metrics: [.throughput, .wallClock, .mallocCountTotal], scalingFactor: .one,
            maxDuration: .seconds(3), maxIterations: 100_000)
    ) { benchmark in
        var decoder = StreamDecoder(
            options: DecodingOptions(version: .v3_1_1, sender: .client, maximumPacketSize: 4096))
        stream.withUnsafeBytes { raw in
            for _ in benchmark.scaledIterations {
                var count = 0
                var start = 0
                while start < raw.count {
                    let end = min(raw.count, start + 1460)
                    var input = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                    start = end
                    while !input.isEmpty {
                        do throws(FieldMQTTError) {
                            if case .packet = try decoder.next(from: &input) { count += 1 }
                        } catch { break }
                    }
                }
                blackHole(count)
            }
        }
    }

    // Topic matcher: 10,000 filters (80% literal 5-level, 10% with '+', 10% with '#'), 5-level topics.
    var rng = SplitMix64(seed: 1)
    var matcher = TopicMatcher<Int32>()
    for i in 0..<10_000 {
        let site = Int.random(in: 0..<100, using: &rng)
        let meter = Int.random(in: 0..<100, using: &rng)
        let filter: String
        switch i % 10 {
        case 0: filter = "site\(site)/+/meter\(meter)/+/energy"
        case 1: filter = "site\(site)/building\(i % 7)/#"
        default: filter = "site\(site)/building\(i % 7)/meter\(meter)/channel\(i % 5)/energy"
        }
        matcher.insert(try! TopicFilter(MQTTBytes(filter)), value: Int32(i))
    }
    var topics: [[UInt8]] = []
    for _ in 0..<1024 {
        let site = Int.random(in: 0..<100, using: &rng)
        let meter = Int.random(in: 0..<100, using: &rng)
        let building = Int.random(in: 0..<7, using: &rng)
        let channel = Int.random(in: 0..<5, using: &rng)
        topics.append(Array("site\(site)/building\(building)/meter\(meter)/channel\(channel)/energy".utf8))
    }
    Benchmark("TopicMatcher: 5-level topic against 10,000 filters", configuration: configuration) { benchmark in
        var index = 0
        for _ in benchmark.scaledIterations {
            index = (index + 1) & 1023
            var matches = 0
            topics[index].withUnsafeBytes { raw in matcher.forEachMatch(topic: raw) { _ in matches += 1 } }
            blackHole(matches)
        }
    }
}
