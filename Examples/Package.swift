// swift-tools-version: 6.1
// The `fieldkit` command-line tool and example programs. Depends on the root package by path.

import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "FieldKitExamples",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fieldkit", targets: ["fieldkit"])
    ],
    dependencies: [
        .package(name: "FieldKit", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "fieldkit",
            dependencies: [
                .product(name: "FieldKit", package: "FieldKit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: settings
        ),
        // The tool's own tests: they run the built `fieldkit` as a child process (FieldKitTool.swift).
        .testTarget(
            name: "FieldKitToolTests",
            dependencies: [
                .product(name: "FieldKit", package: "FieldKit"),
                .product(name: "FieldKitTestSupport", package: "FieldKit"),
            ],
            path: "Tests/FieldKitToolTests",
            swiftSettings: settings
        ),
    ],
    swiftLanguageModes: [.v6]
)
