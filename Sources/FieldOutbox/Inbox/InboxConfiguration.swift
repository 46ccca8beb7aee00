/// How an ``Inbox`` sizes its state file.
///
/// ```swift
/// var configuration = InboxConfiguration()
/// configuration.maximumProducers = 10_000
/// ```
public struct InboxConfiguration: Sendable, Equatable {
    /// The most producers tracked; the state file is preallocated for them.
    public var maximumProducers: Int = 256
    /// Out-of-order sequences tracked per producer (a multiple of 64, 64 ... 4096); match the
    /// outbox's ``OutboxConfiguration/deliveryWindow``.
    public var window: Int = 1024

    /// Creates the default configuration (256 producers, window 1024).
    public init() {}

    /// Bytes of one slot copy: producer, generation, epoch, next, bitmap, checksum.
    var slotSize: Int { InboxStateFile.SlotLayout.size(window: window) }

    func validate() throws(OutboxError) {
        guard window >= 64, window <= 4096, window % 64 == 0 else { throw .invalidConfiguration(reason: .inboxWindow) }
        guard maximumProducers >= 1, maximumProducers <= 1 << 20 else {
            throw .invalidConfiguration(reason: .inboxWindow)
        }
    }
}
