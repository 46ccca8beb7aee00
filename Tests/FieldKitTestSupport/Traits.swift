public import Testing

extension Trait where Self == ConditionTrait {
    /// Runs the test only when `../shared/<relative>` exists; otherwise it is reported as skipped
    /// with the reason, never as passed.
    ///
    /// - Parameter relative: The path inside `../shared`.
    /// - Returns: The condition.
    public static func requiresShared(_ relative: String) -> Self {
        .enabled(if: TestData.shared(relative) != nil, "needs ../shared/\(relative)")
    }

    /// Runs the test only when a program is installed (for example `mosquitto`).
    ///
    /// - Parameter name: The program's name.
    /// - Returns: The condition.
    public static func requiresProgram(_ name: String) -> Self {
        .enabled(if: TestData.program(name) != nil, "needs \(name) on the PATH (apt-get install \(name))")
    }
}
