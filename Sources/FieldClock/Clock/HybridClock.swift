public import FieldCore

/// A hybrid logical clock (Kulkarni, Demirbas et al., 2014): timestamps that stay close to
/// physical time, never go backward, and order every message after the message that caused it.
///
/// The clock follows the paper's two rules exactly. For a local or send event it takes
/// `l = max(l, pt)` and increments the counter when `l` did not change (else resets it to 0).
/// For a receive it takes `l = max(l, l_m, pt)` and sets the counter from whichever of the local
/// and remote timestamps supplied `l`. On top of the paper it adds what a device in the field needs:
///
/// - **An injected clock source** (FieldCore's `ClockSource`: the system clock, an RTC,
///   ``ManualTimeSource`` in tests), read once per event.
/// - **A maximum forward offset** for remote timestamps (``Configuration/maxForwardOffset``).
///   A remote timestamp further than that ahead of local physical time is refused with
///   ``FieldClockError/remoteTooFarAhead(remotePhysical:localPhysical:maxForwardOffset:)`` and the
///   clock is left unchanged. Timestamps from the past are always accepted: data hours or weeks
///   late is normal.
/// - **An explicit counter-overflow policy** (``CounterOverflowPolicy``): the 16-bit counter never
///   wraps.
/// - **Defined behaviour under clock jumps.** When the time source jumps backward, `l` stays
///   where it is and the counter advances, so timestamps stay strictly increasing; once physical
///   time passes `l` again the counter resets. When it jumps forward, `l` follows it at once.
/// - **A persisted high-water mark** (``HighWaterMarkStore``), renewed one lease ahead, so a
///   rebooted device never issues a timestamp below one it issued before.
///
/// ```swift
/// var clock = HybridClock(node: 7, source: ManualTimeSource(start: .milliseconds(1_000)))
/// let sent = try clock.now()              // (1000, 0, node 7)
/// let merged = try clock.receive(remote)  // later than both `sent` and `remote`
/// ```
public struct HybridClock<Source: ClockSource, Store: HighWaterMarkStore> {
    /// What to do when the 16-bit logical counter is full and another event needs the same
    /// millisecond.
    public enum CounterOverflowPolicy: Hashable, Sendable {
        /// Refuse the event with ``FieldClockError/counterOverflow(physical:)``; the clock is
        /// unchanged and the caller may retry in the next millisecond.
        case fail
        /// Move `l` one millisecond ahead of the physical clock and reset the counter. Order is
        /// preserved; `l - pt` grows by one millisecond for each 65,536 events issued faster than
        /// physical time advances.
        case advancePhysical
    }

    /// How a clock treats remote timestamps, counter overflow and its lease.
    public struct Configuration: Hashable, Sendable {
        /// The largest amount (in whole milliseconds) a remote timestamp may be ahead of the local
        /// physical clock; `nil` accepts any. Set it to the largest clock error you tolerate
        /// between nodes: too small and nodes without time sync are refused, too large and one
        /// node with a clock set to 2099 drags every node it talks to into 2099.
        public var maxForwardOffset: Duration?
        /// What happens when the logical counter is full.
        public var counterOverflow: CounterOverflowPolicy
        /// How far ahead of the current `l` (in whole milliseconds) a new high-water mark is
        /// persisted. Longer leases mean fewer writes; after a reboot the clock may run up to one
        /// lease ahead of physical time until physical time catches up. At least 1 ms.
        public var leaseDuration: Duration

        /// Creates a configuration.
        ///
        /// ```swift
        /// let config = HybridClock<ManualTimeSource, NoHighWaterMark>.Configuration(
        ///     maxForwardOffset: .seconds(60), counterOverflow: .fail)
        /// ```
        ///
        /// - Parameters:
        ///   - maxForwardOffset: How far a remote timestamp may lead local time; `nil` for no
        ///     limit (the paper's behaviour). A negative offset counts as zero.
        ///   - counterOverflow: The overflow policy.
        ///   - leaseDuration: The clock time between high-water-mark writes (at least 1 ms).
        public init(
            maxForwardOffset: Duration? = nil,
            counterOverflow: CounterOverflowPolicy = .fail,
            leaseDuration: Duration = .seconds(10)
        ) {
            self.maxForwardOffset = maxForwardOffset
            self.counterOverflow = counterOverflow
            self.leaseDuration = leaseDuration.wholeMilliseconds < 1 ? .milliseconds(1) : leaseDuration
        }
    }

    /// The clock source, read once per event: milliseconds since the Unix epoch.
    public var source: Source
    /// The high-water-mark store.
    public var store: Store
    /// This node's id, stamped on every timestamp it issues.
    public let node: UInt64
    /// How this clock treats remote timestamps, overflow and its lease.
    public let configuration: Configuration

    /// The clock's state (`l` and `c`) in packed form.
    @usableFromInline
    var state: UInt64
    /// `configuration.maxForwardOffset` in milliseconds, with `UInt64.max` for no limit.
    @usableFromInline
    let forwardLimit: UInt64
    /// `configuration.leaseDuration` in milliseconds.
    @usableFromInline
    let leaseMilliseconds: UInt64
    /// Whether counter overflow throws.
    @usableFromInline
    let failsOnOverflow: Bool
    /// The persisted high-water mark: issued timestamps have physical time strictly below it.
    @usableFromInline
    var leaseEnd: UInt64

    /// Creates a clock, restoring its state from the store's high-water mark if there is one.
    ///
    /// A restored clock starts at the mark, so everything it issues is above anything issued
    /// before the restart. A stored mark beyond ``HybridTimestamp/maxPhysical`` (corrupt, or the
    /// end of the 48-bit range) leaves the clock at the end of its range, where it refuses to
    /// issue timestamps rather than risk issuing one twice.
    ///
    /// ```swift
    /// var clock = HybridClock(node: 3, source: rtc, store: flashMark,
    ///                         configuration: .init(maxForwardOffset: .minutes(5)))
    /// ```
    ///
    /// - Parameters:
    ///   - node: This node's id.
    ///   - source: The clock source (wall-clock time: milliseconds since the Unix epoch).
    ///   - store: The high-water-mark store.
    ///   - configuration: Offset limit, overflow policy and lease.
    public init(node: UInt64, source: Source, store: Store, configuration: Configuration = Configuration()) {
        self.node = node
        self.source = source
        self.store = store
        self.configuration = configuration
        self.forwardLimit = configuration.maxForwardOffset.map { UInt64(max(0, $0.wholeMilliseconds)) } ?? UInt64.max
        self.leaseMilliseconds = UInt64(max(1, configuration.leaseDuration.wholeMilliseconds))
        self.failsOnOverflow = configuration.counterOverflow == .fail
        // A negative mark (never written by a clock) is below every timestamp: nothing to restore.
        let restored = UInt64(max(0, self.store.load()?.millisecondsSinceEpoch ?? 0))
        if restored <= HybridTimestamp.maxPhysical {
            self.state = restored << 16
        } else {
            // Everything up to the end of the 48-bit range may have been issued: refuse to issue
            // more rather than risk going backward.
            self.state = HybridTimestamp.maxPhysical << 16 | 0xFFFF
        }
        self.leaseEnd = restored
    }

    /// The clock's current state: the last timestamp issued or merged (`l`, `c`), with this
    /// node's id. Before the first event it is the restored high-water mark (or zero).
    ///
    /// ```swift
    /// let last = clock.current
    /// ```
    @inlinable
    public var current: HybridTimestamp { HybridTimestamp(packed: state, node: node) }

    /// Issues a timestamp for a local or send event (the paper's send rule).
    ///
    /// Reads the clock source once. The result is strictly greater than every timestamp this clock
    /// issued or received before.
    ///
    /// ```swift
    /// let stamp = try clock.now()
    /// send(message, stamp.binary)
    /// ```
    ///
    /// - Returns: The new timestamp.
    /// - Throws: ``FieldClockError/counterOverflow(physical:)`` under the ``CounterOverflowPolicy/fail``
    ///   policy, ``FieldClockError/physicalTimeOutOfRange(_:)`` when the clock source reports a time
    ///   before the Unix epoch or beyond 48 bits, ``FieldClockError/persistenceFailed(highWaterMark:)`` when a lease
    ///   cannot be renewed. On error the clock is unchanged.
    @inlinable
    public mutating func now() throws(FieldClockError) -> HybridTimestamp {
        let physical = try readPhysical()
        return try advance(from: state, physical: physical)
    }

    /// Merges a remote timestamp and issues a timestamp for the receive event (the paper's
    /// receive rule).
    ///
    /// Reads the clock source once. The result is strictly greater than `remote` and than every
    /// timestamp this clock issued or received before. A remote timestamp from the past is always
    /// accepted.
    ///
    /// ```swift
    /// let stamp = try clock.receive(try HybridTimestamp(binary: header))
    /// ```
    ///
    /// - Parameter remote: The timestamp carried by the received message.
    /// - Returns: The timestamp of the receive event.
    /// - Throws: ``FieldClockError/remoteTooFarAhead(remotePhysical:localPhysical:maxForwardOffset:)``
    ///   when `remote` leads local physical time by more than the configured maximum, plus the
    ///   errors of ``now()``. On error the clock is unchanged.
    @inlinable
    public mutating func receive(_ remote: HybridTimestamp) throws(FieldClockError) -> HybridTimestamp {
        let physical = try readPhysical()
        let remotePhysical = remote.physical
        if remotePhysical > physical && remotePhysical - physical > forwardLimit {
            throw .remoteTooFarAhead(
                remotePhysical: Instant(physical: remotePhysical), localPhysical: Instant(physical: physical),
                maxForwardOffset: .milliseconds(forwardLimit))
        }
        return try advance(from: max(state, remote.packed), physical: physical)
    }

    /// Reads the clock source: its milliseconds, or an error for a time before the Unix epoch.
    @inlinable
    mutating func readPhysical() throws(FieldClockError) -> UInt64 {
        let instant = source.now()
        guard instant.millisecondsSinceEpoch >= 0 else { throw .physicalTimeOutOfRange(instant) }
        return UInt64(instant.millisecondsSinceEpoch)
    }

    /// The shared step of both rules: the new packed value is the larger of `pt` with counter 0
    /// and `base + 1`, where `base` is the local state (send) or the larger of the local and remote
    /// states (receive). This is the paper's case analysis, written on packed values: when `pt`
    /// wins the counter resets, otherwise the counter of whichever timestamp holds `l` advances.
    @inlinable
    mutating func advance(from base: UInt64, physical: UInt64) throws(FieldClockError) -> HybridTimestamp {
        guard physical <= HybridTimestamp.maxPhysical else {
            throw .physicalTimeOutOfRange(Instant(physical: physical))
        }
        let fromPhysical = physical << 16
        var next: UInt64
        if fromPhysical > base {
            next = fromPhysical
        } else {
            if base & 0xFFFF == 0xFFFF { try checkOverflow(base) }
            next = base &+ 1
        }
        if next >> 16 >= leaseEnd { try renewLease(through: next >> 16) }
        state = next
        return HybridTimestamp(packed: next, node: node)
    }

    /// Applies the overflow policy when the counter of `base` is full.
    @usableFromInline
    func checkOverflow(_ base: UInt64) throws(FieldClockError) {
        if failsOnOverflow { throw .counterOverflow(physical: Instant(physical: base >> 16)) }
        if base >> 16 >= HybridTimestamp.maxPhysical {
            throw .physicalTimeOutOfRange(Instant(physical: base >> 16 + 1))
        }
    }

    /// Persists a new high-water mark one lease beyond `physical` before it is used.
    @usableFromInline
    mutating func renewLease(through physical: UInt64) throws(FieldClockError) {
        // `physical` is at most 2^48 - 1, so the mark (at most 2^48) is always above it.
        let (sum, overflow) = physical.addingReportingOverflow(leaseMilliseconds)
        let mark = overflow ? HybridTimestamp.maxPhysical + 1 : min(sum, HybridTimestamp.maxPhysical + 1)
        guard store.persist(Instant(physical: mark)) else {
            throw .persistenceFailed(highWaterMark: Instant(physical: mark))
        }
        leaseEnd = mark
    }
}

extension HybridClock where Store == NoHighWaterMark {
    /// Creates a clock that persists nothing: for servers, tests and simulations.
    ///
    /// ```swift
    /// var clock = HybridClock(node: 1, source: ManualTimeSource())
    /// ```
    ///
    /// - Parameters:
    ///   - node: This node's id.
    ///   - source: The clock source.
    ///   - configuration: Offset limit and overflow policy.
    public init(node: UInt64, source: Source, configuration: Configuration = Configuration()) {
        self.init(node: node, source: source, store: NoHighWaterMark(), configuration: configuration)
    }
}

extension HybridClock: Sendable where Source: Sendable, Store: Sendable {}
