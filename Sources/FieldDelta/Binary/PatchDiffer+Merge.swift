extension PatchDiffer {
    /// The weights (estimated half bits per byte of an extra part) with which the differ tries
    /// folding short runs into extra parts; the first also picks the transform. (Measured on the
    /// corpus: 1.5 bits suits PyYAML, 2 msgpack, 3 orjson and ujson; no single weight suits all.)
    static let mergeByteCosts = [4, 3, 6]

    /// Folds runs whose add part costs more to code than its bytes would in the extra part before
    /// it: the bsdiff rule accepts short, scattered matches whose seek and control integers
    /// outweigh what they save.
    ///
    /// A run is kept when its estimated cost in half bits (24 for the add and extra lengths, two
    /// per bit of the seek's magnitude, 16 per changed byte, one per byte for the zero flags) is
    /// at most `byteCost` per byte of its add part; otherwise its add and extra parts join the
    /// extra part of the run before it. Only runs of fewer than 256 bytes are considered.
    ///
    /// - Parameters:
    ///   - runs: Runs covering `new`, in order.
    ///   - old: The old image (transformed like the runs).
    ///   - new: The new image.
    ///   - byteCost: The estimated cost of an extra-part byte in half bits.
    /// - Returns: Runs covering the same bytes, none longer in count.
    /// - Complexity: O(number of runs + bytes of the short add parts).
    static func mergingShortRuns(_ runs: [PatchRun], old: [UInt8], new: [UInt8], byteCost: Int) -> [PatchRun] {
        var merged: [PatchRun] = []
        merged.reserveCapacity(runs.count)
        var newPosition = 0
        for run in runs {
            defer { newPosition += run.addLength + run.extraLength }
            if let lastIndex = merged.indices.last, run.addLength < 256 {
                let last = merged[lastIndex]
                let seek = run.oldStart - (last.oldStart + last.addLength + last.extraLength)
                let seekBits = Int.bitWidth - seek.magnitude.leadingZeroBitCount
                var changed = 0
                // The run lies inside both images (the match finder made it).
                for k in 0..<run.addLength where old[run.oldStart + k] != new[newPosition + k] { changed += 1 }
                let keep = 24 + 2 * seekBits + 16 * changed + run.addLength
                if byteCost * run.addLength < keep {
                    merged[lastIndex].extraLength += run.addLength + run.extraLength
                    continue
                }
            }
            merged.append(run)
        }
        return merged
    }
}
