import FieldCore

/// The receiver's de-duplication: decides from `(producer, epoch, sequence)` whether a message is
/// new or a duplicate, with no time window, and keeps that memory durably.
///
/// Per producer it keeps a ``ProducerWindow``: the newest epoch, the contiguous high-water mark,
/// and a bitmap of sequences seen out of order above it. Each producer owns two fixed slots in
/// the inbox state file and updates alternate between them, so a torn write leaves the previous
/// state; an update costs one small write and one sync, whatever the number of producers. A
/// replay after weeks is recognised because the state never expires.
///
/// ```swift
/// var inbox = try Inbox(storage: storage, configuration: InboxConfiguration())
/// for message in batch.messages {
///     if try inbox.receive(message.key, floor: batch.floor) == .new { process(message) }
/// }
/// ```
///
/// For effectively-once processing, record a key only once its effects are durable: call
/// ``decide(_:)``, process, then ``record(_:floor:)``; a crash in between re-processes at most the
/// message in hand, never skips one.
///
/// An `Inbox` is not `Sendable`: it holds a reference to a storage object that is not thread-safe.
/// Keep it on one thread or behind the owner's lock.
public struct Inbox<Storage: OutboxStorage> {
    /// The storage the inbox writes through.
    public let storage: Storage
    /// The configuration.
    public let configuration: InboxConfiguration

    var windows: [ProducerWindow] = []
    var producers: [UInt64] = []
    var generations: [UInt64] = []
    var index: [UInt64: Int] = [:]

    static var headerSize: Int { InboxStateFile.HeaderLayout.size }

    /// Opens (or creates) the inbox state on `storage`.
    ///
    /// - Parameters:
    ///   - storage: The storage (may be shared with an outbox: the inbox uses its own file).
    ///   - configuration: The sizes; must match an existing state file.
    /// - Throws: ``OutboxError/corruptHeader(file:offset:reason:)`` for a damaged state file,
    ///   ``OutboxError/invalidConfiguration(reason:)``, or a storage error.
    /// - Complexity: O(`maximumProducers` x window).
    public init(storage: Storage, configuration: InboxConfiguration) throws(OutboxError) {
        try configuration.validate()
        self.storage = storage
        self.configuration = configuration
        let file = StorageLayout.inboxState
        let fileSize = Self.headerSize + 2 * configuration.slotSize * configuration.maximumProducers
        guard try storage.fileNumbers().contains(file) else {
            try storage.create(file, capacity: fileSize, initialBytes: headerBytes())
            return
        }
        var header = [UInt8](repeating: 0, count: Self.headerSize)
        guard try storage.read(file, at: 0, into: &header, count: header.count) == header.count else {
            throw .corruptHeader(file: file, offset: 0, reason: .truncated)
        }
        let stored = try InboxStateFile.decodeHeader(header, file: file)
        guard stored.window == configuration.window, stored.producers == configuration.maximumProducers else {
            throw .invalidConfiguration(reason: .inboxWindow)
        }
        var body = [UInt8](repeating: 0, count: fileSize - Self.headerSize)
        guard try storage.read(file, at: Self.headerSize, into: &body, count: body.count) == body.count else {
            throw .corruptHeader(file: file, offset: Self.headerSize, reason: .truncated)
        }
        try load(body)
    }

    /// The file header: magic, version, kind, window, producer capacity, checksum.
    func headerBytes() -> [UInt8] {
        InboxStateFile.header(window: configuration.window, producerCapacity: configuration.maximumProducers)
    }

    /// Reads every producer's newest valid slot copy.
    mutating func load(_ body: [UInt8]) throws(OutboxError) {
        let size = configuration.slotSize
        for i in 0..<configuration.maximumProducers {
            var best: InboxStateFile.Slot? = nil
            var blank = 0
            for copy in 0..<2 {
                let base = (2 * i + copy) * size
                if Self.isBlank(body, base, size) {
                    blank += 1
                    continue
                }
                if let decoded = InboxStateFile.decodeSlot(body, at: base, size: size, window: configuration.window),
                    best == nil || decoded.generation > best!.generation
                {
                    best = decoded
                }
            }
            guard let best else {
                if blank == 0 {
                    throw .corruptHeader(
                        file: StorageLayout.inboxState, offset: Self.headerSize + 2 * i * size, reason: .badChecksum)
                }
                break  // slots are assigned in order: the first free one ends the table
            }
            index[best.producer] = windows.count
            windows.append(best.window)
            producers.append(best.producer)
            generations.append(best.generation)
        }
    }

    static func isBlank(_ b: [UInt8], _ base: Int, _ size: Int) -> Bool {
        for i in base..<(base + size) where b[i] != 0 { return false }
        return true
    }

    /// Writes producer `i`'s state to its older slot copy and syncs.
    mutating func persist(_ i: Int) throws(OutboxError) {
        let size = configuration.slotSize
        generations[i] &+= 1
        let slot = InboxStateFile.encode(
            InboxStateFile.Slot(producer: producers[i], generation: generations[i], window: windows[i]), size: size)
        let offset = Self.headerSize + (2 * i + Int(generations[i] % 2)) * size
        try storage.write(StorageLayout.inboxState, at: offset, from: slot, count: size)
        try storage.sync(StorageLayout.inboxState)
    }

    /// Decides whether `key` is new, without recording anything.
    ///
    /// ```swift
    /// if inbox.decide(key) == .new { ... }
    /// ```
    ///
    /// - Parameter key: The message key.
    /// - Returns: The decision.
    public func decide(_ key: MessageKey) -> InboxDecision {
        guard let i = index[key.producer] else {
            return key.sequence < UInt64(configuration.window) ? .new : .beyondWindow
        }
        return windows[i].decide(epoch: key.epoch, sequence: key.sequence)
    }

    /// Records `key` (and the sender's delivery floor), durably, and says what it was.
    ///
    /// ```swift
    /// let decision = try inbox.record(key, floor: batch.floor)
    /// ```
    ///
    /// - Parameters:
    ///   - key: The message key.
    ///   - floor: The sender's ``OutboxBatch/floor``, when known: every key of the producer below
    ///     it is settled (acknowledged or evicted), which lets the window move past gaps.
    /// - Returns: The decision made before recording.
    /// - Throws: ``OutboxError/tooManyProducers(limit:)`` or a storage error.
    /// - Complexity: O(window / 64).
    @discardableResult
    public mutating func record(_ key: MessageKey, floor: MessageKey? = nil) throws(OutboxError) -> InboxDecision {
        let i: Int
        var changed = false
        if let existing = index[key.producer] {
            i = existing
        } else {
            guard windows.count < configuration.maximumProducers else {
                throw .tooManyProducers(limit: configuration.maximumProducers)
            }
            i = windows.count
            index[key.producer] = i
            windows.append(ProducerWindow(epoch: key.epoch, next: 0, windowBits: configuration.window))
            producers.append(key.producer)
            generations.append(0)
            changed = true
        }
        if let floor, floor.producer == key.producer {
            if windows[i].advance(toEpoch: floor.epoch, sequence: floor.sequence) { changed = true }
        }
        let decision = windows[i].record(epoch: key.epoch, sequence: key.sequence)
        if decision == .new { changed = true }
        if changed { try persist(i) }
        return decision
    }

    /// Decides and records in one step: ``record(_:floor:)``.
    ///
    /// ```swift
    /// if try inbox.receive(key) == .new { process(message) }
    /// ```
    ///
    /// - Parameters:
    ///   - key: The message key.
    ///   - floor: The sender's delivery floor, when known.
    /// - Returns: The decision.
    /// - Throws: As ``record(_:floor:)``.
    /// - Complexity: O(window / 64).
    @discardableResult
    public mutating func receive(_ key: MessageKey, floor: MessageKey? = nil) throws(OutboxError) -> InboxDecision {
        try record(key, floor: floor)
    }

    /// The state kept for `producer`, or `nil` when none was seen.
    ///
    /// - Parameter producer: The producer identifier.
    /// - Returns: Its window.
    public func window(for producer: UInt64) -> ProducerWindow? {
        index[producer].map { windows[$0] }
    }

    /// The number of producers tracked.
    public var producerCount: Int { windows.count }
}
