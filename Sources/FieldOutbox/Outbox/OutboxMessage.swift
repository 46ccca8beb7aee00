/// A message read from an outbox: its key, priority class and payload.
///
/// ```swift
/// for message in try outbox.peekBatch(maximumCount: 16, now: clock.now()) {
///     send(message.key, message.payload)
/// }
/// ```
public struct OutboxMessage: Sendable, Equatable, CustomStringConvertible {
    /// The idempotency key.
    public var key: MessageKey
    /// The priority class.
    public var priority: UInt8
    /// The payload bytes.
    public var payload: [UInt8]

    /// Creates a message.
    ///
    /// - Parameters:
    ///   - key: The key.
    ///   - priority: The priority class.
    ///   - payload: The payload.
    public init(key: MessageKey, priority: UInt8, payload: [UInt8]) {
        self.key = key
        self.priority = priority
        self.payload = payload
    }

    /// The key, priority and payload size, for example `7:3:41 priority 1, 12 bytes`.
    public var description: String {
        key.description + " priority " + String(priority) + ", " + String(payload.count) + " bytes"
    }
}

/// A batch handed out for delivery, with the floor the receiver's ``Inbox`` may advance to.
///
/// ```swift
/// let batch = try outbox.peekBatch(maximumCount: 32, now: now)
/// for message in batch.messages {
///     _ = try inbox.receive(message.key, floor: batch.floor)
/// }
/// ```
public struct OutboxBatch: Sendable, Equatable {
    /// The messages, retries first, then new messages in key order.
    public var messages: [OutboxMessage]
    /// Every key of this producer below the floor is acknowledged or evicted and will never be
    /// delivered again (when nothing is pending, the next key to be assigned).
    public var floor: MessageKey

    /// Creates a batch.
    ///
    /// - Parameters:
    ///   - messages: The messages.
    ///   - floor: The delivery floor.
    public init(messages: [OutboxMessage], floor: MessageKey) {
        self.messages = messages
        self.floor = floor
    }
}
