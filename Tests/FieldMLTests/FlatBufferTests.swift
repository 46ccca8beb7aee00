import FieldML
import Testing

/// The FlatBuffers reader on hand-built buffers: valid tables, vectors and strings, and every kind
/// of malformed offset.
@Suite struct FlatBufferTests {
    /// A buffer: root offset 12 -> table at 12 whose vtable is at 4 (soffset 8): vtable size 8,
    /// table size 12, field 0 at +4 (uint32 0x01020304), field 1 at +8 (offset to a vector).
    static func sample() -> [UInt8] {
        var b: [UInt8] = []
        b += [12, 0, 0, 0]  // 0: root offset -> 12
        b += [8, 0, 12, 0, 4, 0, 8, 0]  // 4: vtable: size 8, table 12, field0 @4, field1 @8
        b += [8, 0, 0, 0]  // 12: soffset: vtable at 12 - 8 = 4
        b += [4, 3, 2, 1]  // 16: field 0
        b += [4, 0, 0, 0]  // 20: field 1: vector at 24
        b += [3, 0, 0, 0, 0x61, 0x62, 0x63, 0]  // 24: vector of 3 bytes "abc"
        return b
    }

    func withBuffer<R>(_ bytes: [UInt8], _ body: (FlatBuffer) -> R) -> R {
        bytes.withUnsafeBytes { body(FlatBuffer($0)) }
    }

    func error(_ bytes: [UInt8], _ read: (FlatBuffer) throws(FieldMLError) -> Void) -> FieldMLError? {
        withBuffer(bytes) { buffer in
            do throws(FieldMLError) {
                try read(buffer)
                return nil
            } catch {
                return error
            }
        }
    }

    @Test func readsScalarsVectorsAndStrings() {
        let ok = withBuffer(Self.sample()) { buffer -> Bool in
            do throws(FieldMLError) {
                let root = try buffer.rootTable()
                let value: UInt32 = try root.scalar(0, default: 0)
                let absent: Int16 = try root.scalar(5, default: -7)
                let string = try root.string(1)
                let vector = try root.vector(1, elementSize: 1)
                return value == 0x0102_0304 && absent == -7 && string == "abc" && vector?.count == 3
                    && !root.has(2) && root.has(0)
            } catch {
                return false
            }
        }
        #expect(ok)
    }

    @Test func rejectsTruncatedRoot() {
        let e = error([12, 0]) { buffer throws(FieldMLError) in _ = try buffer.rootTable() }
        #expect(e?.reason == .outOfBounds(size: 4))
    }

    @Test func rejectsRootOffsetPastTheEnd() {
        var b = Self.sample()
        b[0] = 200
        let e = error(b) { buffer throws(FieldMLError) in _ = try buffer.rootTable() }
        #expect(e?.reason == .badOffset(200))
        #expect(e?.offset == 0)
    }

    @Test func rejectsVTableOutsideTheBuffer() {
        var b = Self.sample()
        b[12] = 0x80  // soffset 0x80: vtable before the start
        let e = error(b) { buffer throws(FieldMLError) in _ = try buffer.rootTable() }
        #expect(e?.reason == .badVTable)
    }

    @Test func rejectsFieldOutsideTheTable() {
        var b = Self.sample()
        b[8] = 40  // field 0 at +40, beyond the 12-byte table
        let e = error(b) { buffer throws(FieldMLError) in
            let root = try buffer.rootTable()
            let _: UInt32 = try root.scalar(0, default: 0)
        }
        #expect(e?.reason == .badVTable)
    }

    @Test func rejectsVectorLongerThanTheBuffer() {
        var b = Self.sample()
        b[24] = 0xFF
        b[25] = 0xFF
        let e = error(b) { buffer throws(FieldMLError) in _ = try buffer.rootTable().vector(1, elementSize: 4) }
        #expect(e?.reason == .badLength(0xFFFF))
        #expect(e?.offset == 24)
    }

    @Test func rejectsModelsWithoutTheIdentifier() {
        let e: FieldMLError? = {
            do throws(FieldMLError) {
                _ = try Model(bytes: Self.sample())
                return nil
            } catch {
                return error
            }
        }()
        #expect(e?.reason == .badIdentifier)
    }
}
