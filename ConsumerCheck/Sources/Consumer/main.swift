// Uses every FieldKit product the way an application does, through its public API only, and fails
// (exit status 1) if any of them misbehaves. Built in debug and release by Scripts/consumer-check.sh.
import FieldClock
import FieldCore
import FieldDelta
import FieldFilters
import FieldML
import FieldMQTT
import FieldOutbox
import FieldUpdate

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

nonisolated(unsafe) var failures: [String] = []
func check(_ condition: Bool, _ what: String) {
    print(condition ? "ok   \(what)" : "FAIL \(what)")
    if !condition { failures.append(what) }
}

// FieldCore: checksums, hashing, time.
check(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283, "FieldCore CRC-32C check value")
check(Hex.encode(SHA256.hash(Array("abc".utf8)).bytes).hasPrefix("ba7816bf"), "FieldCore SHA-256 of \"abc\"")
check(Instant.milliseconds(1_500) + .seconds(1) == .milliseconds(2_500), "FieldCore Instant arithmetic")

// FieldMQTT: encode, decode into an owned packet, match a topic.
var bytes: [UInt8] = []
let publish = Packet.publish(
    Publish(topic: "meters/7/energy", payload: [1, 2], qos: .atLeastOnce, packetIdentifier: 3))
try publish.encode(appendingTo: &bytes, version: .v5)
check((try? PacketDecoder(version: .v5).decode(bytes)) == publish, "FieldMQTT round trip")
check((try? TopicFilter("meters/+/energy").matches(TopicName("meters/7/energy"))) == true, "FieldMQTT topic filter")

// FieldFilters: a constant-velocity Kalman filter follows a straight line.
let model = try KinematicModel<4, Double>(order: .constantVelocity, noise: .continuous(spectralDensity: 0.5))
var filter = KalmanFilter<4, 2, Double>(
    state: Matrix(column: 0, 1, 0, 1), covariance: .diagonal(Matrix(column: 10, 10, 10, 10)),
    measurementMatrix: Matrix { r, c in c == 2 * r ? 1 : 0 }, measurementNoise: .diagonal(Matrix(column: 1, 1)))
for step in 1...20 {
    filter.predict(using: model, dt: 1)
    _ = filter.update(Matrix(column: Double(step), Double(step)))
}
check(abs(filter.state[0, 0] - 20) < 1, "FieldFilters Kalman tracks a line")

// FieldClock: a hybrid clock never goes backwards.
var clock = HybridClock(node: 1, source: ManualTimeSource(start: .milliseconds(1_000)))
let first = try clock.now()
let second = try clock.now()
check(first < second, "FieldClock hybrid timestamps increase")

// FieldOutbox: enqueue, peek, acknowledge.
var outbox = try Outbox(storage: MemoryOutboxStorage(), configuration: OutboxConfiguration(producer: 7))
try outbox.enqueue([0x42], priority: 0)
let batch = try outbox.peekBatch(maximumCount: 8, now: .milliseconds(0))
check(batch.messages.count == 1 && batch.messages[0].payload == [0x42], "FieldOutbox delivers what was enqueued")

// FieldDelta: a patch rebuilds the new image exactly.
let old = (0..<4_096).map { UInt8(truncatingIfNeeded: $0 &* 31) }
var new = old
new[100] = 7
new.append(contentsOf: [1, 2, 3])
let patch = PatchDiffer.makePatch(from: old, to: new)
var rebuilt = ByteArrayImage()
try PatchApplier.apply(patch: ByteArrayImage(patch), old: ByteArrayImage(old), into: &rebuilt)
check(rebuilt.bytes == new, "FieldDelta patch round trip")

// FieldML: an invalid model file is a typed error, not a trap.
let refused: Bool
do {
    _ = try Model(bytes: [0x00, 0x01, 0x02, 0x03])
    refused = false
} catch {
    refused = true
}
check(refused, "FieldML refuses a malformed model")

// FieldUpdate: garbage is not a manifest; a staged rollout starts with a small cohort.
do {
    _ = try UpdateManifest(binary: [0x46, 0x4B])
    check(false, "FieldUpdate refuses a truncated manifest")
} catch {
    check(error.offset != nil, "FieldUpdate refuses a truncated manifest (\(error))")
}
let fleet = (0..<1_000).map { "device-\($0)" }
var planner = try RolloutPlanner(plan: .standard, salt: "1.0.0", deviceIDs: fleet, now: .milliseconds(0))
let installing = fleet.filter { planner.checkIn(deviceID: $0, now: .milliseconds(1)) == .install }.count
check(installing > 0 && installing < 200, "FieldUpdate first stage is a small cohort (\(installing) of 1000)")

if failures.isEmpty {
    print("consumer: every product works")
} else {
    print("consumer: \(failures.count) failure(s)")
    exit(1)
}
