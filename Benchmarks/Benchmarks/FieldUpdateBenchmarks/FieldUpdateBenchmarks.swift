import Benchmark
import FieldCore
import FieldUpdate

/// FieldUpdate: manifest decoding (binary and JSON, 1 MiB image in 4 KiB chunks), a verified
/// download and install of a 256 KiB image into in-memory flash, and planner check-ins.
let benchmarks: @Sendable () -> Void = {
    var rng = SplitMix64(seed: 1)
    let image = (0..<(1 << 20)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    let manifest = UpdateManifest(
        version: FirmwareVersion(major: 2, minor: 0, patch: 0), securityCounter: 3, hardwareTarget: "bench-r1",
        image: PayloadDescriptor(describing: image, chunkSize: 4096))
    let binary = try! manifest.binaryEncoded()
    let json = Array(try! manifest.jsonEncoded().utf8)
    let configuration = Benchmark.Configuration(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 10_000
    )

    Benchmark("Manifest binary decode (256 chunk digests)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! UpdateManifest(binary: binary))
        }
    }

    Benchmark("Manifest JSON decode (256 chunk digests)", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! UpdateManifest(json: json))
        }
    }

    struct Verifier: ManifestVerifier {
        func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool { signature == [1] }
    }
    let small = Array(image[0..<(256 << 10)])
    let smallManifest = UpdateManifest(
        version: FirmwareVersion(major: 2, minor: 0, patch: 0), securityCounter: 3, hardwareTarget: "bench-r1",
        image: PayloadDescriptor(describing: small, chunkSize: 4096))
    let release = try! SignedManifest(manifest: smallManifest, signature: [1]).verified(by: Verifier())
    let old = Array(image[(512 << 10)..<(768 << 10)])
    let factory = InstalledImage(
        version: FirmwareVersion(major: 1, minor: 0, patch: 0), securityCounter: 1, size: UInt64(old.count),
        digest: SHA256.hash(old))

    Benchmark("Download + verify + install 256 KiB (64 chunks, record commit per chunk)", configuration: configuration)
    {
        benchmark in
        for _ in benchmark.scaledIterations {
            var flash = MemoryFlash(slotCapacity: 256 << 10, stagingCapacity: 0)
            flash.slotA = old
            var agent = try! UpdateAgent(
                provisioning: factory, in: .a,
                store: DualBankRecordStore(medium: MemoryRecordMedium(bankCapacity: 8192)), storage: flash,
                applier: FullImageOnly(), configuration: UpdateConfiguration(hardwareTarget: "bench-r1"))
            _ = try! agent.boot()
            try! agent.begin(release, conditions: DeviceConditions(batteryPercent: 100, connectivity: .ethernet))
            while let request = agent.nextChunk {
                try! agent.receiveChunk(
                    Array(small[request.offset..<request.offset + request.count]), index: request.index)
            }
            try! agent.install()
            blackHole(agent.record)
        }
    }

    let ids = (0..<10_000).map { "device-\($0)" }
    Benchmark("Planner check-in + report, 10,000 devices", configuration: configuration) { benchmark in
        for _ in benchmark.scaledIterations {
            var planner = try! RolloutPlanner(
                plan: .standard, salt: "2.0.0", fleetSize: ids.count, now: .milliseconds(0))
            for id in ids where planner.checkIn(deviceID: id, now: .milliseconds(0)) == .install {
                planner.report(deviceID: id, outcome: .installed, now: .milliseconds(0))
            }
            blackHole(planner.evaluate(now: .milliseconds(0)))
        }
    }
}
