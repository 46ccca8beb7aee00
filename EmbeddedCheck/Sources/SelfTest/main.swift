import CSupport

/// The self-test entry point, called from the C `_start`.
@_cdecl("fieldkit_selftest_main")
func selfTestMain() -> Int32 {
    var check = Checker()
    runFieldCoreSelfTest(&check)
    runFieldMQTTSelfTest(&check)
    runFieldFiltersSelfTest(&check)
    runFieldClockSelfTest(&check)
    runFieldOutboxSelfTest(&check)
    runDeltaPatchSelfTest(&check)
    runDeltaSeriesSelfTest(&check)
    runFieldMLSelfTest(&check)
    runFieldUpdateSelfTest(&check)
    print("embedded self-test: ", terminator: "")
    print(check.passed, terminator: "")
    print(" passed, ", terminator: "")
    print(check.failed, terminator: "")
    print(" failed; peak heap ", terminator: "")
    print(Int(fieldkit_heap_peak()), terminator: "")
    print(" bytes")
    return check.failed == 0 ? 0 : 1
}
