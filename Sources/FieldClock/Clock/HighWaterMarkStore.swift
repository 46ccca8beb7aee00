public import FieldCore

/// Durable storage for a hybrid clock's high-water mark, so a rebooted device never issues a
/// timestamp below one it issued before.
///
/// The clock treats the stored value as a lease: every timestamp it issues has physical time
/// strictly below the last mark it persisted. When a timestamp would reach the mark, the clock
/// first persists a new mark one lease ahead (``HybridClock/Configuration/leaseDuration``) and
/// only then issues it. After a reboot the clock starts from the mark, so its first timestamp is
/// above everything issued before, whatever the (possibly reset) wall clock says. A write happens
/// at most once per lease of clock time, which keeps flash wear low.
///
/// ```swift
/// struct FlashMark: HighWaterMarkStore {
///     mutating func load() -> Instant? { flash_read_u64(slot).map { .milliseconds(Int64($0)) } }
///     mutating func persist(_ mark: Instant) -> Bool {
///         flash_write_u64(slot, UInt64(mark.millisecondsSinceEpoch)) == 0
///     }
/// }
/// ```
public protocol HighWaterMarkStore {
    /// Returns the last persisted mark, or `nil` when none was ever written.
    ///
    /// - Returns: The mark, in milliseconds since the Unix epoch.
    mutating func load() -> Instant?

    /// Durably stores a new mark before the clock uses it.
    ///
    /// Return only once the value would survive a power cut (after fsync or a flash write).
    ///
    /// - Parameter highWaterMark: The mark, in milliseconds since the Unix epoch (never negative,
    ///   at most 2^48).
    /// - Returns: Whether the mark was stored; on `false` the clock issues no timestamp and
    ///   throws ``FieldClockError/persistenceFailed(highWaterMark:)``.
    mutating func persist(_ highWaterMark: Instant) -> Bool
}

/// A store that persists nothing: for servers with a trustworthy clock, tests and simulations.
///
/// With it, a restarted clock starts from its time source alone.
///
/// ```swift
/// var clock = HybridClock(node: 1, source: source, store: NoHighWaterMark())
/// ```
@frozen
public struct NoHighWaterMark: HighWaterMarkStore, Hashable, Sendable {
    /// Creates the store.
    @inlinable
    public init() {}

    /// Returns `nil`: nothing was stored.
    ///
    /// - Returns: `nil`.
    @inlinable
    public mutating func load() -> Instant? { nil }

    /// Accepts the mark without storing it.
    ///
    /// - Parameter highWaterMark: Ignored.
    /// - Returns: `true`.
    @inlinable
    public mutating func persist(_ highWaterMark: Instant) -> Bool { true }
}

/// A store that keeps the mark in memory: for tests and simulations of reboots.
///
/// ```swift
/// var store = MemoryHighWaterMark()
/// var clock = HybridClock(node: 1, source: source, store: store)
/// _ = try clock.now()
/// // "reboot": a new clock from the same store starts above everything issued
/// let rebooted = HybridClock(node: 1, source: source, store: clock.store)
/// ```
@frozen
public struct MemoryHighWaterMark: HighWaterMarkStore, Hashable, Sendable {
    /// The stored mark, if any.
    public var mark: Instant?
    /// How many times ``persist(_:)`` was called.
    public var writes: Int
    /// When `true`, ``persist(_:)`` fails, simulating a storage fault.
    public var failing: Bool

    /// Creates a store, optionally holding a mark already.
    ///
    /// - Parameter mark: The initially stored mark.
    @inlinable
    public init(mark: Instant? = nil) {
        self.mark = mark
        self.writes = 0
        self.failing = false
    }

    /// Returns the stored mark.
    ///
    /// - Returns: ``mark``.
    @inlinable
    public mutating func load() -> Instant? { mark }

    /// Stores the mark unless ``failing`` is set.
    ///
    /// - Parameter highWaterMark: The new mark.
    /// - Returns: `!failing`.
    @inlinable
    public mutating func persist(_ highWaterMark: Instant) -> Bool {
        guard !failing else { return false }
        mark = highWaterMark
        writes += 1
        return true
    }
}
