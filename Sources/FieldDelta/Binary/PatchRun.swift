/// One step of a delta: `addLength` bytes of the new image made from the old image at `oldStart`
/// plus coded differences, then `extraLength` bytes coded on their own.
struct PatchRun: Hashable {
    /// Where the add part reads the old image.
    var oldStart: Int
    /// Bytes rebuilt from the old image plus differences.
    var addLength: Int
    /// Bytes that follow, coded without reference to the old image.
    var extraLength: Int
}
