/// The idempotency key of a message: `(producer, epoch, sequence)`.
///
/// The producer is fixed by configuration; the epoch advances, durably, every time an outbox is
/// opened; the sequence counts messages from 0 within an epoch. A key therefore never repeats,
/// even when a crash lost the tail of the log and the same sequence number is handed out again:
/// it comes with a new epoch. Keys of one producer order by `(epoch, sequence)`, which is the
/// order in which the messages were enqueued.
///
/// ```swift
/// let key = MessageKey(producer: 7, epoch: 3, sequence: 41)
/// print(key)  // 7:3:41
/// ```
public struct MessageKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The producer (device) identifier.
    public var producer: UInt64
    /// The epoch: the number of times the producer's outbox was opened.
    public var epoch: UInt32
    /// The message's position within its epoch, from 0.
    public var sequence: UInt64

    /// Creates a key.
    ///
    /// - Parameters:
    ///   - producer: The producer identifier.
    ///   - epoch: The epoch.
    ///   - sequence: The sequence number within the epoch.
    public init(producer: UInt64, epoch: UInt32, sequence: UInt64) {
        self.producer = producer
        self.epoch = epoch
        self.sequence = sequence
    }

    /// Orders keys by producer, then epoch, then sequence.
    ///
    /// - Parameters:
    ///   - lhs: A key.
    ///   - rhs: Another key.
    /// - Returns: Whether `lhs` comes before `rhs`.
    public static func < (lhs: MessageKey, rhs: MessageKey) -> Bool {
        if lhs.producer != rhs.producer { return lhs.producer < rhs.producer }
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch }
        return lhs.sequence < rhs.sequence
    }

    /// The key as `producer:epoch:sequence` in decimal, the form ``init(parsing:)`` reads.
    public var description: String {
        String(producer) + ":" + String(epoch) + ":" + String(sequence)
    }

    /// Parses `producer:epoch:sequence` (decimal), the form ``description`` prints.
    ///
    /// ```swift
    /// let key = MessageKey(parsing: "7:3:41")  // producer 7, epoch 3, sequence 41
    /// ```
    ///
    /// - Parameter text: The text to parse.
    /// - Returns: `nil` when the text is not three decimal numbers in range separated by colons.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let producer = UInt64(parts[0]),
            let epoch = UInt32(parts[1]),
            let sequence = UInt64(parts[2])
        else { return nil }
        self.init(producer: producer, epoch: epoch, sequence: sequence)
    }
}
