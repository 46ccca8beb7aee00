import FieldCore
import FieldOutbox

/// A payload that names its own key, so any recovered record can be checked against what the test
/// could have written: 12 bytes (epoch, sequence) then bytes derived from them.
func selfDescribingPayload(epoch: UInt32, sequence: UInt64, length: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: epoch >> (8 * UInt32(i)))) }
    for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: sequence >> (8 * UInt64(i)))) }
    var rng = SplitMix64(seed: UInt64(epoch) << 40 ^ sequence)
    for _ in 0..<max(0, length - 12) { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
    return bytes
}

/// Whether `message` carries exactly the payload the test would have written for its key.
func isGenuine(_ message: OutboxMessage) -> Bool {
    message.payload.count >= 12
        && message.payload
            == selfDescribingPayload(
                epoch: message.key.epoch, sequence: message.key.sequence, length: message.payload.count)
}

/// Runs `body`, returning the OutboxError it threw (or nil).
func outboxError<T>(_ body: () throws -> T) -> OutboxError? {
    do {
        _ = try body()
        return nil
    } catch let error as OutboxError {
        return error
    } catch {
        return nil
    }
}

/// A small configuration for tests.
func smallConfiguration(producer: UInt64 = 7, durability: DurabilityPolicy = .everyRecord) -> OutboxConfiguration {
    var configuration = OutboxConfiguration(producer: producer)
    configuration.segmentCapacity = 4096
    configuration.budgetBytes = 1 << 20
    configuration.durability = durability
    return configuration
}
