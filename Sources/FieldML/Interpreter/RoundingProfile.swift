#if hasFeature(Embedded)
    /// Which reference implementation's integer rounding the interpreter reproduces bit-exactly.
    ///
    /// TensorFlow Lite Micro rounds twice when it requantizes (a rounding doubling high multiply,
    /// then a rounding shift) in every operator. The desktop interpreter's reference kernels
    /// (LiteRT `BUILTIN_REF`) round once in FULLY_CONNECTED and twice elsewhere. The two can differ
    /// by one or two quanta on some outputs, so pick the profile matching the reference you compare
    /// against or deploy beside.
    ///
    /// ```swift
    /// let interpreter = try Interpreter(model: model, profile: .reference)
    /// ```
    ///
    /// Embedded builds have no string raw values (they would link string comparison).
    public enum RoundingProfile: Hashable, Sendable, CaseIterable {
        /// TensorFlow Lite Micro: double rounding everywhere.
        case tflm
        /// The desktop interpreter's reference kernels: single rounding in FULLY_CONNECTED.
        case reference
    }
#else
    /// Which reference implementation's integer rounding the interpreter reproduces bit-exactly.
    ///
    /// TensorFlow Lite Micro rounds twice when it requantizes (a rounding doubling high multiply,
    /// then a rounding shift) in every operator. The desktop interpreter's reference kernels
    /// (LiteRT `BUILTIN_REF`) round once in FULLY_CONNECTED and twice elsewhere. The two can differ
    /// by one or two quanta on some outputs, so pick the profile matching the reference you compare
    /// against or deploy beside.
    ///
    /// ```swift
    /// let interpreter = try Interpreter(model: model, profile: .reference)
    /// ```
    public enum RoundingProfile: String, Hashable, Sendable, CaseIterable {
        /// TensorFlow Lite Micro: double rounding everywhere.
        case tflm
        /// The desktop interpreter's reference kernels: single rounding in FULLY_CONNECTED.
        case reference
    }
#endif
