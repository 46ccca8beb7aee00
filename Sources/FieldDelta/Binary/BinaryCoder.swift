/// One side of the binary range coder: the encoder codes the bit it is given, the decoder ignores
/// it and returns the bit it reads. Writing the context models once, generically over this
/// protocol, keeps the two sides symmetric by construction.
protocol BinaryCoder {
    /// Codes one bit with an adaptive probability, adapting at rate 1/2^shift, and returns the bit
    /// (given or decoded).
    mutating func code(_ bit: Int, _ probability: UnsafeMutablePointer<UInt16>, shift: UInt16) -> Int
}

extension RangeEncoder: BinaryCoder {
    @inline(__always)
    mutating func code(_ bit: Int, _ probability: UnsafeMutablePointer<UInt16>, shift: UInt16) -> Int {
        encode(bit, probability, shift: shift)
        return bit
    }
}

extension BinaryCoder {
    /// Codes one bit with an adaptive probability at the default rate.
    @inline(__always)
    mutating func code(_ bit: Int, _ probability: UnsafeMutablePointer<UInt16>) -> Int {
        code(bit, probability, shift: rangeAdaptationShift)
    }
}
