/// Places a device in a rollout cohort by a deterministic hash of its id.
///
/// The bucket is a number in `0..<1_000_000` (parts per million of the fleet). A device is in a
/// stage reaching fraction `f` when its bucket is below `f × 1_000_000`, so stages nest: every
/// device of the 1% stage is also in the 5% stage. The rollout's salt (for example the release
/// version) gives each release a different first cohort, so the same devices are not always the
/// guinea pigs. The hash (FNV-1a 64 over salt, a zero byte and id, then the MurmurHash3 64-bit
/// finalizer) is stable across platforms, processes and releases of FieldKit.
///
/// ```swift
/// let bucket = CohortHash.bucket(deviceID: "meter-00412", salt: "1.4.0")
/// let inFirstStage = bucket < 10_000   // 1%
/// ```
public enum CohortHash {
    /// The number of buckets: one per part per million.
    public static let bucketCount: UInt64 = 1_000_000

    /// The device's bucket for a rollout.
    ///
    /// - Parameters:
    ///   - deviceID: The device's stable id (serial number, certificate CN).
    ///   - salt: The rollout's salt.
    /// - Returns: A bucket in `0..<1_000_000`.
    /// - Complexity: O(n) in the id and salt lengths.
    public static func bucket(deviceID: String, salt: String) -> Int {
        let h = hash(deviceID: deviceID, salt: salt)
        return Int(h.multipliedFullWidth(by: bucketCount).high)
    }

    /// The 64-bit hash behind ``bucket(deviceID:salt:)``.
    ///
    /// - Parameters:
    ///   - deviceID: The device's id.
    ///   - salt: The rollout's salt.
    /// - Returns: The hash.
    /// - Complexity: O(n) in the id and salt lengths.
    public static func hash(deviceID: String, salt: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in salt.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        h = h &* 0x0000_0100_0000_01b3  // the zero separator byte
        for byte in deviceID.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }
}
