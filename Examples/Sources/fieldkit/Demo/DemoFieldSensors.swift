import FieldKit
import Foundation

/// A device's other sensors, filtered on the device with FieldFilters: a GPS track with
/// multipath jumps through a gated Kalman filter, a sloshing fuel level with a low-fuel alert with
/// and without hysteresis, and the dead band that decides which temperature readings are worth
/// sending.
struct DemoFieldSensors {
    var rng: SplitMix64
    // GPS: true position (m) and velocity (m/s), and the filter.
    var x = 0.0, y = 0.0, vx = 0.01, vy = -0.005
    var gps: KalmanFilter<4, 2, Double>
    let model: KinematicModel<4, Double>
    var lastFix: Double?
    var rejectedInARow = 0
    // Fuel level (%), the naive alert state and the hysteresis alarm.
    var fuel = 100.0
    var naiveLow = false
    var lowFuel: HysteresisAlarm<Double>
    // Report-by-exception for the temperature.
    var deadband: DeadbandReporter<Double>

    struct Tally {
        var fixes = 0
        var jumpsInjected = 0
        var jumpsRejected = 0
        var goodRejected = 0
        var reacquisitions = 0
        var rawSquaredError = 0.0
        var filteredSquaredError = 0.0
        var naiveAlerts = 0
        var hysteresisAlerts = 0
        var refills = 0
        var temperatureReadings = 0
        var temperatureReported = 0
    }

    init(seed: UInt64) throws {
        rng = SplitMix64(seed: seed)
        fuel = 20 + 80 * Double(rng.next() >> 11) / Double(1 << 53)
        do {
            model = try KinematicModel(order: .constantVelocity, noise: .continuous(spectralDensity: 1e-9))
            gps = KalmanFilter<4, 2, Double>(
                state: Matrix(column: 0, 0, 0, 0),
                covariance: .diagonal(Matrix(column: 100, 1e-3, 100, 1e-3)),
                measurementMatrix: Matrix { r, c in c == 2 * r ? 1 : 0 },
                measurementNoise: .diagonal(Matrix(column: 25, 25)),
                gateThreshold: 13.8155)
            lowFuel = try HysteresisAlarm(activateAt: 15, deactivateAt: 20)
            deadband = try DeadbandReporter(deadband: 0.5, maximumInterval: 6 * 3600)
        } catch {
            throw CommandFailure("field sensors: \(error)")
        }
    }

    mutating func uniform(_ a: Double, _ b: Double) -> Double {
        a + (b - a) * Double(rng.next() >> 11) / Double(1 << 53)
    }

    /// One hour of the asset's life at time `t` (seconds): a GPS fix and a fuel reading.
    mutating func hour(at t: Double, tally: inout Tally) {
        // GPS: a parked-then-creeping trailer (a few cm/s); a fix has 5 m noise, 4 % are 150-300 m multipath jumps.
        let dt = lastFix.map { t - $0 } ?? 0
        lastFix = t
        vx += uniform(-0.002, 0.002)
        vy += uniform(-0.002, 0.002)
        x += vx * dt
        y += vy * dt
        var fx = x + uniform(-8.6, 8.6)
        var fy = y + uniform(-8.6, 8.6)
        let jump = uniform(0, 1) < 0.04
        if jump {
            let angle = uniform(0, 6.283)
            let distance = uniform(150, 300)
            fx += distance * cos(angle)
            fy += distance * sin(angle)
            tally.jumpsInjected += 1
        }
        gps.predict(using: model, dt: dt)
        let report = gps.update(Matrix(column: fx, fy))
        if case .rejected = report.status {
            if jump { tally.jumpsRejected += 1 } else { tally.goodRejected += 1 }
            rejectedInARow += 1
            if rejectedInARow >= 3 {
                // Three refusals in a row: the track is lost, re-acquire on this fix.
                gps.state = Matrix(column: fx, 0, fy, 0)
                gps.covariance = .diagonal(Matrix(column: 100, 1e-3, 100, 1e-3))
                rejectedInARow = 0
                tally.reacquisitions += 1
            }
        } else {
            rejectedInARow = 0
        }
        tally.fixes += 1
        tally.rawSquaredError += (fx - x) * (fx - x) + (fy - y) * (fy - y)
        let ex = gps.state[0, 0] - x
        let ey = gps.state[2, 0] - y
        tally.filteredSquaredError += ex * ex + ey * ey

        // Fuel: burns 1.5 %/h, refilled below 10 %; the sender reads +-3 % of slosh.
        fuel -= 1.5
        if fuel < 10 {
            fuel = 100
            tally.refills += 1
        }
        let reading = fuel + uniform(-3, 3)
        let low = reading < 15
        if low && !naiveLow { tally.naiveAlerts += 1 }
        naiveLow = low
        if lowFuel.update(reading) == .activated { tally.hysteresisAlerts += 1 }
    }

    /// Whether a temperature reading at time `t` (seconds) leaves the dead band (or is due).
    mutating func reportTemperature(_ value: Double, at t: Double, tally: inout Tally) -> Bool {
        tally.temperatureReadings += 1
        let report = deadband.shouldReport(value, at: t)
        if report { tally.temperatureReported += 1 }
        return report
    }
}
