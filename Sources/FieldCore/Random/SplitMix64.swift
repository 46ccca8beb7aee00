/// A small, fast, seedable random number generator (SplitMix64).
///
/// Deterministic for a seed, so simulations, jitter and property tests replay exactly. Not for
/// cryptography.
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// let roll = Int.random(in: 1...6, using: &rng)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The generator's state; the next output is derived from it.
    public var state: UInt64

    /// Creates a generator from a seed.
    ///
    /// - Parameter seed: Any 64-bit value; equal seeds give equal sequences.
    @inlinable
    public init(seed: UInt64) { state = seed }

    /// Returns the next 64 random bits.
    ///
    /// - Returns: A uniformly distributed 64-bit value.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
