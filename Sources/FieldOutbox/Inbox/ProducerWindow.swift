/// The receiver's memory of one producer: its epoch, the contiguous high-water mark, and a
/// bounded bitmap of sequences seen above it.
///
/// Every sequence below ``next`` in ``epoch`` has been seen; bit *i* of its bitmap says whether
/// `next + i` has been seen (bit 0 is always clear). Keys of earlier epochs are duplicates: the
/// outbox never delivers a newer epoch while an older one is in flight.
///
/// ```swift
/// var window = ProducerWindow(epoch: 1, next: 0, windowBits: 256)
/// window.decide(epoch: 1, sequence: 0)   // .new
/// ```
public struct ProducerWindow: Sendable, Equatable {
    /// The newest epoch seen.
    public private(set) var epoch: UInt32
    /// The lowest sequence of ``epoch`` not yet seen.
    public private(set) var next: UInt64
    /// Seen flags for `next ..< next + windowBits`, 64 per word.
    var bits: [UInt64]

    /// Creates a window.
    ///
    /// - Parameters:
    ///   - epoch: The epoch.
    ///   - next: The lowest sequence not yet seen.
    ///   - windowBits: The number of out-of-order sequences tracked (a multiple of 64).
    public init(epoch: UInt32, next: UInt64, windowBits: Int) {
        self.epoch = epoch
        self.next = next
        self.bits = [UInt64](repeating: 0, count: max(1, windowBits / 64))
    }

    /// The number of sequences tracked above ``next``.
    public var windowBits: Int { bits.count * 64 }

    /// Decides what `(epoch, sequence)` is, without changing anything.
    ///
    /// - Parameters:
    ///   - keyEpoch: The key's epoch.
    ///   - sequence: The key's sequence.
    /// - Returns: The decision.
    public func decide(epoch keyEpoch: UInt32, sequence: UInt64) -> InboxDecision {
        if keyEpoch < epoch { return .duplicate }
        if keyEpoch > epoch { return sequence < UInt64(windowBits) ? .new : .beyondWindow }
        if sequence < next { return .duplicate }
        let d = sequence - next
        if d >= UInt64(windowBits) { return .beyondWindow }
        return bits[Int(d / 64)] & (1 << (d % 64)) != 0 ? .duplicate : .new
    }

    /// Applies a delivery floor: every key below it is settled and will not be delivered again.
    ///
    /// - Parameters:
    ///   - floorEpoch: The floor's epoch.
    ///   - floorSequence: The floor's sequence.
    /// - Returns: Whether anything changed.
    @discardableResult
    public mutating func advance(toEpoch floorEpoch: UInt32, sequence floorSequence: UInt64) -> Bool {
        if floorEpoch > epoch {
            epoch = floorEpoch
            next = floorSequence
            for i in bits.indices { bits[i] = 0 }
            return true
        }
        guard floorEpoch == epoch, floorSequence > next else { return false }
        let distance = floorSequence - next
        shift(by: distance >= UInt64(windowBits) ? windowBits : Int(distance))
        next = floorSequence
        settle()
        return true
    }

    /// Records `(epoch, sequence)` as seen; returns what it was before.
    ///
    /// - Parameters:
    ///   - keyEpoch: The key's epoch.
    ///   - sequence: The key's sequence.
    /// - Returns: ``InboxDecision/new`` when recorded now.
    @discardableResult
    public mutating func record(epoch keyEpoch: UInt32, sequence: UInt64) -> InboxDecision {
        let decision = decide(epoch: keyEpoch, sequence: sequence)
        guard decision == .new else { return decision }
        if keyEpoch > epoch {
            epoch = keyEpoch
            next = 0
            for i in bits.indices { bits[i] = 0 }
        }
        let d = sequence - next
        bits[Int(d / 64)] |= 1 << (d % 64)
        settle()
        return .new
    }

    /// Moves ``next`` past the run of seen sequences at the bottom of the window.
    mutating func settle() {
        var run = 0
        while run < windowBits, bits[run / 64] & (1 << UInt64(run % 64)) != 0 { run += 1 }
        if run > 0 {
            shift(by: run)
            next += UInt64(run)
        }
    }

    /// Shifts the bitmap down by `count` bits.
    mutating func shift(by count: Int) {
        guard count > 0 else { return }
        let words = count / 64
        let rest = count % 64
        let n = bits.count
        for i in 0..<n {
            let low = i + words < n ? bits[i + words] : 0
            let high = i + words + 1 < n ? bits[i + words + 1] : 0
            bits[i] = rest == 0 ? low : (low >> UInt64(rest)) | (high << UInt64(64 - rest))
        }
    }
}

/// What an ``Inbox`` decided about a key.
///
/// ```swift
/// switch try inbox.receive(key) {
/// case .new: process(message)
/// case .duplicate: break          // already processed: acknowledge again, do nothing
/// case .beyondWindow: break       // do not acknowledge; the sender will retry later
/// }
/// ```
public enum InboxDecision: Sendable, Hashable, CustomStringConvertible {
    /// Not seen before: process it.
    case new
    /// Seen before (or settled below the producer's floor): acknowledge it without processing.
    case duplicate
    /// Too far ahead of the oldest unseen sequence to track: refuse it (do not acknowledge).
    case beyondWindow

    /// The decision's name (`new`, `duplicate`, `beyondWindow`).
    public var description: String {
        switch self {
        case .new: "new"
        case .duplicate: "duplicate"
        case .beyondWindow: "beyondWindow"
        }
    }
}
