// swift-tools-version: 6.1
// FieldKit benchmarks (ordo-one/benchmark), one suite per module. Not part of the default CI run:
// run `Scripts/benchmarks.sh`, which writes Documentation/Benchmarks.md.

import PackageDescription

/// One benchmark suite per entry: (suite name, library product it measures). The suite's source is
/// Benchmarks/<Suite>Benchmarks/<Suite>Benchmarks.swift.
let suites: [(suite: String, product: String)] = [
    ("FieldCore", "FieldCore"),
    ("FieldClock", "FieldClock"),
    ("FieldFilters", "FieldFilters"),
    ("FieldDeltaSeries", "FieldDelta"),
    ("FieldOutbox", "FieldOutbox"),
    ("FieldML", "FieldML"),
    ("FieldUpdate", "FieldUpdate"),
    ("FieldDeltaPatch", "FieldDelta"),
    ("FieldMQTT", "FieldMQTT"),
]

let package = Package(
    name: "FieldKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "FieldKit", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: suites.map { entry in
        .executableTarget(
            name: "\(entry.suite)Benchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: entry.product, package: "FieldKit"),
            ],
            path: "Benchmarks/\(entry.suite)Benchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    }
)
