/// An entry of the model's operator-code table: a builtin operator or a custom one, and its
/// version.
///
/// The schema stores builtin codes twice: the deprecated 8-bit field 0 (codes up to 127) and the
/// 32-bit field 3. The loader uses the larger of the two, which is right for old files (field 3
/// absent, so 0) and new ones (field 0 holds the placeholder 127 for codes above 126).
///
/// ```swift
/// for code in model.operatorCodes { print(code.displayName, code.version) }
/// ```
public struct OperatorCode: Equatable, Sendable {
    /// The builtin operator (``BuiltinOperator/custom`` for custom operators).
    public var builtin: BuiltinOperator
    /// The custom operator's name, for custom operators (decoded from the model's bytes when
    /// read).
    public var customName: String? {
        get { customNameText?.string }
        set { customNameText = newValue.map { ModelText($0) } }
    }
    /// Where the custom name lies.
    var customNameText: ModelText?
    /// The operator version.
    public var version: Int32

    /// Creates an operator code.
    ///
    /// - Parameters:
    ///   - builtin: The builtin operator.
    ///   - customName: The custom operator's name.
    ///   - version: The version.
    public init(builtin: BuiltinOperator, customName: String? = nil, version: Int32 = 1) {
        self.builtin = builtin
        self.customNameText = customName.map { ModelText($0) }
        self.version = version
    }

    #if !hasFeature(Embedded)
        /// The name to show a person: the builtin name, or `CUSTOM(<name>)`.
        public var displayName: String {
            if builtin == .custom { return "CUSTOM(" + (customName ?? "") + ")" }
            return builtin.name
        }
    #else
        /// Embedded builds carry no operator name table; error text is empty there (`errorText(_:)`).
        var displayName: String { "" }
    #endif
}
