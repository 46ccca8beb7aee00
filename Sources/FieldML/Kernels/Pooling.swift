/// int8 AVERAGE_POOL_2D and MAX_POOL_2D (TFLite reference semantics: padded positions are
/// excluded from the window; the average rounds half away from zero).
enum PoolingKernel {
    @inline(never) @_optimize(speed)  // called once per layer from Interpreter.invoke()
    static func average(
        input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry,
        activationMin: Int32, activationMax: Int32
    ) {
        let depth = g.inputDepth
        var out = output
        for b in 0..<g.batches {
            let batchInput = input + b * g.inputHeight * g.inputWidth * depth
            for oy in 0..<g.outputHeight {
                let inY0 = oy * g.strideHeight - g.padHeight
                let fy0 = Swift.max(0, -inY0)
                let fy1 = Swift.min(g.filterHeight, g.inputHeight - inY0)
                for ox in 0..<g.outputWidth {
                    let inX0 = ox * g.strideWidth - g.padWidth
                    let fx0 = Swift.max(0, -inX0)
                    let fx1 = Swift.min(g.filterWidth, g.inputWidth - inX0)
                    let count = Int32(Swift.max(0, fy1 - fy0) * Swift.max(0, fx1 - fx0))
                    for c in 0..<depth {
                        var acc: Int32 = 0
                        if fy0 < fy1 && fx0 < fx1 {
                            for fy in fy0..<fy1 {
                                var x = batchInput + ((inY0 + fy) * g.inputWidth + inX0 + fx0) * depth + c
                                for _ in fx0..<fx1 {
                                    acc &+= Int32(x.pointee)
                                    x += depth
                                }
                            }
                        }
                        if count > 0 {
                            acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count
                        }
                        out[c] = Int8(truncatingIfNeeded: Swift.min(Swift.max(acc, activationMin), activationMax))
                    }
                    out += depth
                }
            }
        }
    }

    @inline(never) @_optimize(speed)  // called once per layer from Interpreter.invoke()
    static func maximum(
        input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, geometry g: WindowGeometry,
        activationMin: Int32, activationMax: Int32
    ) {
        let depth = g.inputDepth
        var out = output
        for b in 0..<g.batches {
            let batchInput = input + b * g.inputHeight * g.inputWidth * depth
            for oy in 0..<g.outputHeight {
                let inY0 = oy * g.strideHeight - g.padHeight
                let fy0 = Swift.max(0, -inY0)
                let fy1 = Swift.min(g.filterHeight, g.inputHeight - inY0)
                for ox in 0..<g.outputWidth {
                    let inX0 = ox * g.strideWidth - g.padWidth
                    let fx0 = Swift.max(0, -inX0)
                    let fx1 = Swift.min(g.filterWidth, g.inputWidth - inX0)
                    for c in 0..<depth {
                        var value: Int32 = -128
                        if fy0 < fy1 && fx0 < fx1 {
                            for fy in fy0..<fy1 {
                                for fx in fx0..<fx1 {
                                    let x = batchInput[((inY0 + fy) * g.inputWidth + inX0 + fx) * depth + c]
                                    value = Swift.max(value, Int32(x))
                                }
                            }
                        }
                        out[c] = Int8(truncatingIfNeeded: Swift.min(Swift.max(value, activationMin), activationMax))
                    }
                    out += depth
                }
            }
        }
    }
}
