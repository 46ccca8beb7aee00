/// A DISCONNECT packet (in 5.0 either side may send it, with a reason code).
///
/// ```swift
/// let disconnect = Disconnect(reasonCode: .serverShuttingDown)
/// ```
public struct Disconnect: Equatable, Sendable {
    /// The reason code (5.0; success in 3.x).
    public var reasonCode: ReasonCode
    /// The properties (5.0 only).
    public var properties: Properties

    /// Creates a DISCONNECT packet.
    ///
    /// - Parameters:
    ///   - reasonCode: The reason code.
    ///   - properties: The properties.
    public init(reasonCode: ReasonCode = .success, properties: Properties = Properties()) {
        self.reasonCode = reasonCode
        self.properties = properties
    }
}

/// An AUTH packet (5.0 only): one step of extended authentication.
///
/// ```swift
/// let auth = Auth(reasonCode: .continueAuthentication, properties: Properties([.authenticationMethod("SCRAM-SHA-1")]))
/// ```
public struct Auth: Equatable, Sendable {
    /// The reason code: success, continue authentication or re-authenticate.
    public var reasonCode: ReasonCode
    /// The properties.
    public var properties: Properties

    /// Creates an AUTH packet.
    ///
    /// - Parameters:
    ///   - reasonCode: The reason code.
    ///   - properties: The properties.
    public init(reasonCode: ReasonCode = .success, properties: Properties = Properties()) {
        self.reasonCode = reasonCode
        self.properties = properties
    }
}
