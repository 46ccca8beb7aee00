// A minimal bare-metal firmware that runs one FieldML model: Scripts/embedded-firmware.sh links it
// with FieldML, FieldCore and Stubs.c to measure what a device image really pays for FieldML.
// The model, its input and the expected TensorFlow Lite Micro output are generated into
// ModelData.swift (firmwareModel, firmwareInput, firmwareExpected) from the committed fixture.
import FieldML

/// Loads the model from the constant bytes, plans the arena, invokes once and compares the output
/// with TensorFlow Lite Micro's. Returns 0 when bit-exact, a small error number otherwise.
@_cdecl("firmware_main")
public func firmwareMain() -> Int32 {
    let model: Model
    do throws(FieldMLError) {
        model = try Model(bytes: firmwareModel)
    } catch {
        return 1
    }
    do throws(FieldMLError) {
        let interpreter = try Interpreter(model: model, profile: .tflm)
        if interpreter.arenaByteCount > firmwareArenaLimit { return 2 }
        try interpreter.setInput(firmwareInput)
        interpreter.invoke()
        return interpreter.output() == firmwareExpected ? 0 : 3
    } catch {
        return 4
    }
}

/// The largest arena this firmware accepts (its RAM budget for activations).
let firmwareArenaLimit = 8192
