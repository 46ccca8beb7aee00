/// An error from FieldFilters: an invalid parameter, a bad input sample, or a matrix that cannot
/// be factorised.
///
/// Every failure is reported as a value of this type through typed throws, never as a NaN, a trap
/// or an out-of-bounds read. Like every FieldKit error, it has a ``code`` that says what kind of
/// problem it is (a struct over a private enum, so a new code in a later release never breaks a
/// `switch`), named optional fields for its details, and a one-line ``description`` that names
/// what is wrong.
///
/// ```swift
/// do {
///     let factor = try CholeskyFactor(matrix)
/// } catch {
///     print(error)  // "matrix is not positive definite (pivot 1)"
///     if error.code == .notPositiveDefinite { print(error.pivot ?? -1) }  // 1
/// }
/// ```
public struct FieldFiltersError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem an error reports.
    ///
    /// Compare with `==` or match in a `switch` with `case .invalidParameter:`; always add a
    /// `default:`, since later releases may add codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case notPositiveDefinite, invalidParameter, nonFiniteInput, notEnoughSamples
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// A matrix that must be symmetric positive definite is not (``FieldFiltersError/pivot``
        /// says where the Cholesky factorisation stopped).
        public static let notPositiveDefinite = Code(.notPositiveDefinite)
        /// A configuration parameter is out of its valid range (``FieldFiltersError/parameter``
        /// names it, ``FieldFiltersError/requirement`` says what it must be).
        public static let invalidParameter = Code(.invalidParameter)
        /// An input value is NaN or infinite (``FieldFiltersError/index`` says which).
        public static let nonFiniteInput = Code(.nonFiniteInput)
        /// Fewer samples than the operation needs (``FieldFiltersError/needed`` and
        /// ``FieldFiltersError/available``).
        public static let notEnoughSamples = Code(.notEnoughSamples)

        /// The code's name, as written in source (`invalidParameter`).
        public var description: String { backing.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// Always `nil`: filters read no encoded input, so no error is tied to a byte offset. Present so
    /// that every FieldKit error has the same shape.
    public var offset: Int?
    /// The rule broken, when a published rule applies; `nil` for every current code, whose rules
    /// are the parameter ranges named by ``requirement``.
    public var rule: String?
    /// For ``Code/notPositiveDefinite``: the zero-based diagonal pivot that was zero, negative or
    /// not finite. Otherwise `nil`.
    public var pivot: Int?
    /// For ``Code/invalidParameter``: the parameter's name (`"alpha"`). Otherwise `nil`.
    public var parameter: String?
    /// For ``Code/invalidParameter``: what the parameter must be (`"must be in (0, 1]"`).
    /// Otherwise `nil`.
    public var requirement: String?
    /// For ``Code/nonFiniteInput``: the index of the offending sample or step. Otherwise `nil`.
    public var index: Int?
    /// For ``Code/notEnoughSamples``: how many samples the operation needs. Otherwise `nil`.
    public var needed: Int?
    /// For ``Code/notEnoughSamples``: how many samples were given. Otherwise `nil`.
    public var available: Int?

    /// Creates an error with the given code and no details; the static constructors
    /// (``invalidParameter(name:reason:)`` and the others) fill in the details.
    ///
    /// - Parameters:
    ///   - code: What kind of problem it is.
    ///   - offset: Where in an encoded input it was detected, or `nil`.
    ///   - rule: The published rule broken, or `nil`.
    public init(_ code: Code, at offset: Int? = nil, rule: String? = nil) {
        self.code = code
        self.offset = offset
        self.rule = rule
    }

    /// A one-line description naming the problem and where.
    ///
    /// ```swift
    /// print(FieldFiltersError.notEnoughSamples(needed: 11, available: 3))
    /// // "not enough samples: 11 needed, 3 given"
    /// ```
    public var description: String {
        var text: String
        switch code {
        case .notPositiveDefinite: text = "matrix is not positive definite (pivot \(pivot ?? 0))"
        case .invalidParameter: text = "invalid parameter '\(parameter ?? "?")': \(requirement ?? "?")"
        case .nonFiniteInput: text = "sample \(index ?? 0) is NaN or infinite"
        case .notEnoughSamples: text = "not enough samples: \(needed ?? 0) needed, \(available ?? 0) given"
        default: text = code.description
        }
        if let offset { text += " at offset \(offset)" }
        if let rule { text += " (\(rule))" }
        return text
    }
}

extension FieldFiltersError {
    /// A matrix that must be symmetric positive definite is not.
    ///
    /// - Parameter pivot: The zero-based diagonal pivot that was zero, negative or not finite.
    /// - Returns: The error.
    public static func notPositiveDefinite(pivot: Int) -> FieldFiltersError {
        var error = FieldFiltersError(.notPositiveDefinite)
        error.pivot = pivot
        return error
    }

    /// A configuration parameter is out of its valid range.
    ///
    /// - Parameters:
    ///   - name: The parameter's name.
    ///   - reason: What the parameter must be (`"must be > 0"`).
    /// - Returns: The error.
    public static func invalidParameter(name: String, reason: String) -> FieldFiltersError {
        var error = FieldFiltersError(.invalidParameter)
        error.parameter = name
        error.requirement = reason
        return error
    }

    /// An input value is NaN or infinite.
    ///
    /// - Parameter index: The index of the sample or step.
    /// - Returns: The error.
    public static func nonFiniteInput(index: Int) -> FieldFiltersError {
        var error = FieldFiltersError(.nonFiniteInput)
        error.index = index
        return error
    }

    /// Fewer samples than the operation needs.
    ///
    /// - Parameters:
    ///   - needed: How many samples are required.
    ///   - available: How many were given.
    /// - Returns: The error.
    public static func notEnoughSamples(needed: Int, available: Int) -> FieldFiltersError {
        var error = FieldFiltersError(.notEnoughSamples)
        error.needed = needed
        error.available = available
        return error
    }
}

/// The former name of ``FieldFiltersError``, kept so existing code still compiles.
@available(*, deprecated, renamed: "FieldFiltersError")
public typealias FilterError = FieldFiltersError
