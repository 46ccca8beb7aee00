// swift-tools-version: 6.1
// FieldKit benchmarks (ordo-one/benchmark), one suite per module. Not part of the default CI run:
// run `Scripts/benchmarks.sh`, which writes Documentation/Benchmarks.md.

import PackageDescription

/// One benchmark suite per module: Benchmarks/<Module>Benchmarks/<Module>Benchmarks.swift.
let suites: [String] = [
    "FieldCore",
]

let package = Package(
    name: "FieldKitBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "FieldKit", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: suites.map { module in
        .executableTarget(
            name: "\(module)Benchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: module, package: "FieldKit"),
            ],
            path: "Benchmarks/\(module)Benchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    }
)
