/// Broadcast strides of two inputs against a 4-D output, resolved at load time.
struct Broadcast4D: Sendable {
    var shape: (Int, Int, Int, Int) = (1, 1, 1, 1)
    var strides1: (Int, Int, Int, Int) = (0, 0, 0, 0)
    var strides2: (Int, Int, Int, Int) = (0, 0, 0, 0)
    var isElementwise = true

    /// Calls `body(i1, i2, out)` for every output element.
    @inline(__always)
    func forEach(_ body: (Int, Int, Int) -> Void) {
        var o = 0
        for a in 0..<shape.0 {
            for b in 0..<shape.1 {
                for c in 0..<shape.2 {
                    for d in 0..<shape.3 {
                        body(
                            a * strides1.0 + b * strides1.1 + c * strides1.2 + d * strides1.3,
                            a * strides2.0 + b * strides2.1 + c * strides2.2 + d * strides2.3, o)
                        o += 1
                    }
                }
            }
        }
    }
}

/// Parameters of int8 ADD (TFLite `reference_integer_ops::Add` / `BroadcastAdd` semantics).
struct AddParameters: Sendable {
    var input1Offset: Int32 = 0
    var input2Offset: Int32 = 0
    var leftShift: Int32 = 20
    var input1 = QuantizedMultiplier(multiplier: 0, shift: 0)
    var input2 = QuantizedMultiplier(multiplier: 0, shift: 0)
    var output = QuantizedMultiplier(multiplier: 0, shift: 0)
    var outputOffset: Int32 = 0
    var activationMin: Int32 = -128
    var activationMax: Int32 = 127
}

/// Parameters of int8 MUL (TFLite `reference_integer_ops::Mul` semantics).
struct MulParameters: Sendable {
    var input1Offset: Int32 = 0
    var input2Offset: Int32 = 0
    var output = QuantizedMultiplier(multiplier: 0, shift: 0)
    var outputOffset: Int32 = 0
    var activationMin: Int32 = -128
    var activationMax: Int32 = 127
}

/// int8 ADD and MUL.
enum ElementwiseKernel {
    @inline(__always)
    static func addOne(_ a: Int8, _ b: Int8, _ p: AddParameters) -> Int8 {
        let x1 = (Int32(a) &+ p.input1Offset) &* (1 &<< p.leftShift)
        let x2 = (Int32(b) &+ p.input2Offset) &* (1 &<< p.leftShift)
        let s1 = FixedPoint.multiplyDoubleRounding(x1, p.input1.multiplier, p.input1.shift)
        let s2 = FixedPoint.multiplyDoubleRounding(x2, p.input2.multiplier, p.input2.shift)
        let raw = FixedPoint.multiplyDoubleRounding(s1 &+ s2, p.output.multiplier, p.output.shift) &+ p.outputOffset
        return Int8(truncatingIfNeeded: min(max(raw, p.activationMin), p.activationMax))
    }

    @inline(never) @_optimize(speed)  // called once per layer from Interpreter.invoke()
    static func add(
        _ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ out: UnsafeMutablePointer<Int8>, count: Int,
        broadcast: Broadcast4D, parameters p: AddParameters
    ) {
        if broadcast.isElementwise {
            for i in 0..<count { out[i] = addOne(a[i], b[i], p) }
        } else {
            broadcast.forEach { i1, i2, o in out[o] = addOne(a[i1], b[i2], p) }
        }
    }

    @inline(__always)
    static func mulOne(_ a: Int8, _ b: Int8, _ p: MulParameters) -> Int8 {
        let product = (Int32(a) &+ p.input1Offset) &* (Int32(b) &+ p.input2Offset)
        let raw = FixedPoint.multiplyDoubleRounding(product, p.output.multiplier, p.output.shift) &+ p.outputOffset
        return Int8(truncatingIfNeeded: min(max(raw, p.activationMin), p.activationMax))
    }

    @inline(never) @_optimize(speed)  // called once per layer from Interpreter.invoke()
    static func mul(
        _ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ out: UnsafeMutablePointer<Int8>, count: Int,
        broadcast: Broadcast4D, parameters p: MulParameters
    ) {
        if broadcast.isElementwise {
            for i in 0..<count { out[i] = mulOne(a[i], b[i], p) }
        } else {
            broadcast.forEach { i1, i2, o in out[o] = mulOne(a[i1], b[i2], p) }
        }
    }
}
