// swift-tools-version: 6.1
// FieldKit: a Swift SDK for connected devices and the servers that talk to them.
//
// The root package has no package dependencies: only the Swift toolchain. Examples/, Benchmarks/
// and EmbeddedCheck/ are separate packages that depend on this one by path.

import Foundation
import PackageDescription

/// Settings shared by every target (the swift-nio habit: one list, applied everywhere).
let sharedSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// A library module: its name, the modules it depends on, and whether it has a test target.
struct Module {
    var name: String
    var dependencies: [String] = []
    /// Internal C targets (processor-specific routines), built for every triple like the module.
    var support: [String] = []
}

/// Every library module. Feature modules depend on FieldCore only; composition modules may depend
/// on several. Add a module here and it gets a product, a test target and the umbrella re-export.
let modules: [Module] = [
    Module(name: "FieldCore", support: ["CFieldCore"]),
    Module(name: "FieldMQTT", dependencies: ["FieldCore"]),
    Module(name: "FieldFilters", dependencies: ["FieldCore"]),
    Module(name: "FieldClock", dependencies: ["FieldCore"]),
    Module(name: "FieldOutbox", dependencies: ["FieldCore"]),
    Module(name: "FieldDelta", dependencies: ["FieldCore"]),
    Module(name: "FieldML", dependencies: ["FieldCore"]),
    // Composition module: OTA orchestration on top of FieldDelta's streaming apply.
    Module(name: "FieldUpdate", dependencies: ["FieldCore", "FieldDelta"]),
]

var targets: [Target] = []
var products: [Product] = []

for module in modules {
    for support in module.support {
        targets.append(.target(name: support))
    }
    targets.append(
        .target(
            name: module.name,
            dependencies: (module.dependencies + module.support).map { .target(name: $0) },
            swiftSettings: sharedSwiftSettings
        )
    )
    // Test fixtures (any folder named Fixtures) are read from disk through #filePath, not bundled.
    let testRoot = Context.packageDirectory + "/Tests/\(module.name)Tests"
    let fixtureFolders = (FileManager.default.subpaths(atPath: testRoot) ?? [])
        .filter { $0 == "Fixtures" || $0.hasSuffix("/Fixtures") }
    targets.append(
        .testTarget(
            name: "\(module.name)Tests",
            dependencies: [.target(name: module.name), .target(name: "FieldKitTestSupport")]
                + module.dependencies.map { .target(name: $0) },
            exclude: fixtureFolders,
            swiftSettings: sharedSwiftSettings
        )
    )
    products.append(.library(name: module.name, targets: [module.name]))
}

// One test-support target for every test target and for the tool's tests in Examples/: fixture
// paths, the optional ../shared data set, and skip conditions as Swift Testing traits.
targets.append(
    .target(name: "FieldKitTestSupport", path: "Tests/FieldKitTestSupport", swiftSettings: sharedSwiftSettings))
products.append(.library(name: "FieldKitTestSupport", targets: ["FieldKitTestSupport"]))

targets.append(
    .target(
        name: "FieldKit",
        dependencies: modules.map { .target(name: $0.name) },
        swiftSettings: sharedSwiftSettings
    )
)
products.append(.library(name: "FieldKit", targets: ["FieldKit"]))

let package = Package(
    name: "FieldKit",
    products: products,
    targets: targets,
    swiftLanguageModes: [.v6]
)
