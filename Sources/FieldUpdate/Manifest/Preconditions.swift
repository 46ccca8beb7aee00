/// How a device is connected, as far as an update cares (cost and bandwidth class).
///
/// ```swift
/// let allowed: ConnectivitySet = [.wifi, .ethernet]
/// print(allowed.contains(.cellular))   // false
/// ```
public enum ConnectivityClass: UInt8, Sendable, CaseIterable {
    /// Wired Ethernet.
    case ethernet = 0
    /// Wi-Fi.
    case wifi = 1
    /// Cellular broadband (LTE, 5G): metered.
    case cellular = 2
    /// Low-power wide-area (LTE-M, NB-IoT, LoRaWAN): slow and metered.
    case lowPowerWideArea = 3
    /// Satellite: very slow and expensive.
    case satellite = 4

    /// The name used in the JSON encoding (`"ethernet"`, `"wifi"`, `"cellular"`, `"lpwan"`,
    /// `"satellite"`).
    public var jsonName: String {
        switch self {
        case .ethernet: "ethernet"
        case .wifi: "wifi"
        case .cellular: "cellular"
        case .lowPowerWideArea: "lpwan"
        case .satellite: "satellite"
        }
    }

    /// Looks a class up by its JSON name.
    ///
    /// - Parameter jsonName: One of the names ``jsonName`` produces.
    /// - Returns: `nil` for any other text.
    public init?(jsonName: String) {
        for c in ConnectivityClass.allCases where c.jsonName == jsonName {
            self = c
            return
        }
        return nil
    }
}

/// A set of ``ConnectivityClass`` values, stored as a bit mask.
///
/// ```swift
/// var set: ConnectivitySet = [.wifi]
/// set.insert(.ethernet)
/// ```
public struct ConnectivitySet: OptionSet, Hashable, Sendable {
    /// The bit mask: bit `n` is the class with raw value `n`.
    public var rawValue: UInt8

    /// Creates a set from its bit mask.
    ///
    /// - Parameter rawValue: The bit mask.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Creates the set holding one class.
    ///
    /// - Parameter connectivity: The class.
    public init(_ connectivity: ConnectivityClass) { self.rawValue = 1 << connectivity.rawValue }

    /// Ethernet.
    public static let ethernet = ConnectivitySet(.ethernet)
    /// Wi-Fi.
    public static let wifi = ConnectivitySet(.wifi)
    /// Cellular.
    public static let cellular = ConnectivitySet(.cellular)
    /// Low-power wide-area.
    public static let lowPowerWideArea = ConnectivitySet(.lowPowerWideArea)
    /// Satellite.
    public static let satellite = ConnectivitySet(.satellite)
    /// Every class.
    public static let any: ConnectivitySet = [.ethernet, .wifi, .cellular, .lowPowerWideArea, .satellite]

    /// The bits that name a defined class.
    internal static let definedMask: UInt8 = 0b1_1111

    /// Whether the set holds `connectivity`.
    ///
    /// - Parameter connectivity: A class.
    /// - Returns: `true` if the set contains it.
    public func contains(_ connectivity: ConnectivityClass) -> Bool {
        rawValue & (1 << connectivity.rawValue) != 0
    }
}

/// What must hold on a device before it starts an update.
///
/// Preconditions protect the device (a low battery can die mid-write) and the product's data bill
/// (a 2 MB image over satellite). A device checks them with ``isSatisfied(by:)`` before it starts
/// and before it resumes a download.
///
/// ```swift
/// let pre = UpdatePreconditions(minimumBatteryPercent: 30, allowedConnectivity: [.wifi, .ethernet])
/// let ok = pre.isSatisfied(by: DeviceConditions(batteryPercent: 80, connectivity: .wifi))
/// ```
public struct UpdatePreconditions: Hashable, Sendable {
    /// The lowest battery charge, in percent (0...100), at which the update may run.
    public var minimumBatteryPercent: UInt8
    /// The connectivity classes over which the payload may be downloaded.
    public var allowedConnectivity: ConnectivitySet

    /// Creates preconditions.
    ///
    /// - Parameters:
    ///   - minimumBatteryPercent: The lowest battery charge in percent (0...100).
    ///   - allowedConnectivity: The classes over which downloading is allowed.
    public init(minimumBatteryPercent: UInt8 = 0, allowedConnectivity: ConnectivitySet = .any) {
        self.minimumBatteryPercent = minimumBatteryPercent
        self.allowedConnectivity = allowedConnectivity
    }

    /// Checks the device's current conditions.
    ///
    /// - Parameter conditions: The battery and connectivity now.
    /// - Returns: `nil` when satisfied, otherwise the error naming the first unmet precondition.
    public func firstUnmet(by conditions: DeviceConditions) -> FieldUpdateError? {
        if conditions.batteryPercent < minimumBatteryPercent {
            return FieldUpdateError(.preconditionNotMet("battery"))
        }
        if !allowedConnectivity.contains(conditions.connectivity) {
            return FieldUpdateError(.preconditionNotMet("connectivity"))
        }
        return nil
    }

    /// Whether the device's current conditions satisfy every precondition.
    ///
    /// - Parameter conditions: The battery and connectivity now.
    /// - Returns: `true` if the update may run.
    public func isSatisfied(by conditions: DeviceConditions) -> Bool { firstUnmet(by: conditions) == nil }
}

/// A device's conditions at the moment it considers an update.
///
/// ```swift
/// let now = DeviceConditions(batteryPercent: 64, connectivity: .cellular)
/// ```
public struct DeviceConditions: Hashable, Sendable {
    /// The battery charge in percent; 100 for mains-powered devices.
    public var batteryPercent: UInt8
    /// The current connectivity class.
    public var connectivity: ConnectivityClass

    /// Creates a description of the device's conditions.
    ///
    /// - Parameters:
    ///   - batteryPercent: The battery charge in percent.
    ///   - connectivity: The current connectivity class.
    public init(batteryPercent: UInt8, connectivity: ConnectivityClass) {
        self.batteryPercent = batteryPercent
        self.connectivity = connectivity
    }
}
