// swift-tools-version: 6.1
// A package that uses FieldKit the way a user's does: by path, every product on its own and the
// umbrella, in debug and release (Scripts/consumer-check.sh). `DocExamples` compiles every code
// example of the README and the DocC catalogs, copied verbatim by Scripts/doc-examples.py.

import PackageDescription

/// Every library product of the root package.
let products = [
    "FieldCore", "FieldMQTT", "FieldFilters", "FieldClock", "FieldOutbox", "FieldDelta", "FieldML", "FieldUpdate",
]

let package = Package(
    name: "ConsumerCheck",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "FieldKit", path: ".."),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .executableTarget(
            name: "Consumer",
            dependencies: products.map { .product(name: $0, package: "FieldKit") },
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        ),
        .target(
            name: "DocExamples",
            dependencies: [
                .product(name: "FieldKit", package: "FieldKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
