import CSupport

/// Collects the results of the self-test's checks and prints a line per failure.
struct Checker {
    private(set) var passed = 0
    private(set) var failed = 0
    private var section: StaticString = ""

    /// Starts a named group of checks (printed with any failure in it).
    mutating func begin(_ name: StaticString) {
        section = name
    }

    /// Records one check.
    mutating func expect(_ condition: Bool, _ what: StaticString) {
        if condition {
            passed += 1
        } else {
            failed += 1
            print("FAIL [", terminator: "")
            print(section, terminator: "")
            print("] ", terminator: "")
            print(what)
        }
    }
}
