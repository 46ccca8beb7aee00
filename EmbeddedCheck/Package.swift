// swift-tools-version: 6.1
// Builds FieldKit's device-side modules in Embedded Swift and runs a self-test under wasmkit.
// Use Scripts/embedded.sh, which passes the Embedded flags, the wasm32 triple and the toolchain's
// Unicode data tables (String comparison in Embedded Swift needs them) to the linker.

import PackageDescription

/// The device-side modules the self-test links.
let deviceModules: [String] = [
    "FieldCore",
    "FieldMQTT",
    "FieldFilters",
    "FieldClock",
    "FieldOutbox",
    "FieldDelta",
    "FieldML",
    "FieldUpdate",
]

let package = Package(
    name: "EmbeddedCheck",
    dependencies: [
        .package(name: "FieldKit", path: "..")
    ],
    targets: [
        .target(name: "CSupport"),
        .executableTarget(
            name: "SelfTest",
            dependencies: [.target(name: "CSupport")]
                + deviceModules.map { .product(name: $0, package: "FieldKit") },
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
            ],
            linkerSettings: [
                .unsafeFlags([
                    "-Xclang-linker", "-nostdlib", "-Xlinker", "--no-entry", "-Xlinker", "--export=_start",
                ])
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
