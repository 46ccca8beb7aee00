import ArgumentParser
import FieldKit
import Foundation

/// `fieldkit filter kalman`: a constant-velocity Kalman filter (and optional RTS smoother) over a
/// `t,z1[,z2,z3]` trace, configured by a MODEL.json with the keys of `../shared/filters/gps2d.json`'s
/// `model` object.
struct KalmanFilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kalman",
        abstract: "Constant-velocity Kalman filter: t,z1[,z2,z3] CSV (stdin) into t,status,x1..xn[,s1..sn] CSV.",
        discussion: """
            MODEL.json: {"q": number, "q_kind": "discrete"|"continuous", "H": [[...]], "R": [[...]],
            "x0": [...], "P0": [[...]], "gate_chi2": number (optional)}. The state is one
            position/velocity pair per measured axis, ordered by axis (1 to 3 axes). An empty
            measurement cell is a missing measurement. status is updated, missing or rejected;
            --smooth appends the RTS smoothed states s1..sn.
            """)

    @Option(help: "The model configuration (JSON).")
    var config: String
    @Flag(help: "Append Rauch-Tung-Striebel smoothed states.")
    var smooth = false

    func run() throws {
        try runReportingFailure {
            let model = try KalmanModelConfig.load(config)
            let trace = try TraceCSV.readStandardInput(expectedColumns: nil, allowEmpty: true)
            guard trace.columns.count == model.axes else {
                throw CommandFailure(
                    "line 1: the trace has \(trace.columns.count) measurement columns but \(config) field 'H' has \(model.axes) rows"
                )
            }
            var out = CSVWriter()
            switch model.axes {
            case 1: try KalmanTraceRunner<2, 1>.run(model, trace, smooth: smooth, into: &out)
            case 2: try KalmanTraceRunner<4, 2>.run(model, trace, smooth: smooth, into: &out)
            case 3: try KalmanTraceRunner<6, 3>.run(model, trace, smooth: smooth, into: &out)
            default:
                throw CommandFailure("\(config), field 'H': 1 to 3 measured axes are supported, found \(model.axes)")
            }
            out.flush()
        }
    }
}

/// The validated contents of MODEL.json.
struct KalmanModelConfig {
    var q: Double
    var discrete: Bool
    var h: [[Double]]
    var r: [[Double]]
    var x0: [Double]
    var p0: [[Double]]
    var gate: Double?
    var axes: Int { h.count }

    static func load(_ path: String) throws -> KalmanModelConfig {
        let bytes = try FileIO.readAll(path)
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
            throw CommandFailure("\(path): not valid JSON (\(error.localizedDescription))")
        }
        guard let json = object as? [String: Any] else {
            throw CommandFailure("\(path): the top level must be an object")
        }
        func number(_ key: String, required: Bool = true) throws -> Double? {
            guard let value = json[key] else {
                if required { throw CommandFailure("\(path), field '\(key)': missing") }
                return nil
            }
            guard let n = value as? NSNumber, n.doubleValue.isFinite else {
                throw CommandFailure("\(path), field '\(key)': must be a finite number")
            }
            return n.doubleValue
        }
        func vector(_ key: String, count: Int) throws -> [Double] {
            guard let array = json[key] as? [Any] else {
                throw CommandFailure("\(path), field '\(key)': must be an array of \(count) numbers")
            }
            guard array.count == count else {
                throw CommandFailure("\(path), field '\(key)': must have \(count) elements, found \(array.count)")
            }
            return try array.enumerated().map { i, v in
                guard let n = v as? NSNumber, n.doubleValue.isFinite else {
                    throw CommandFailure("\(path), field '\(key)[\(i)]': must be a finite number")
                }
                return n.doubleValue
            }
        }
        func matrix(_ key: String, rows: Int?, columns: Int) throws -> [[Double]] {
            guard let array = json[key] as? [Any], !array.isEmpty else {
                throw CommandFailure("\(path), field '\(key)': must be a non-empty array of rows")
            }
            if let rows, array.count != rows {
                throw CommandFailure("\(path), field '\(key)': must have \(rows) rows, found \(array.count)")
            }
            return try array.enumerated().map { i, row in
                guard let values = row as? [Any], values.count == columns else {
                    throw CommandFailure("\(path), field '\(key)[\(i)]': must be a row of \(columns) numbers")
                }
                return try values.enumerated().map { j, v in
                    guard let n = v as? NSNumber, n.doubleValue.isFinite else {
                        throw CommandFailure("\(path), field '\(key)[\(i)][\(j)]': must be a finite number")
                    }
                    return n.doubleValue
                }
            }
        }
        let q = try number("q")!
        guard q >= 0 else { throw CommandFailure("\(path), field 'q': must be >= 0") }
        let kind = json["q_kind"] as? String
        guard kind == "discrete" || kind == "continuous" else {
            throw CommandFailure("\(path), field 'q_kind': must be \"discrete\" or \"continuous\"")
        }
        guard let hRows = (json["H"] as? [Any])?.count, hRows > 0 else {
            throw CommandFailure("\(path), field 'H': must be a non-empty array of rows")
        }
        let n = 2 * hRows
        let h = try matrix("H", rows: hRows, columns: n)
        let r = try matrix("R", rows: hRows, columns: hRows)
        let x0 = try vector("x0", count: n)
        let p0 = try matrix("P0", rows: n, columns: n)
        let gate = try number("gate_chi2", required: false)
        if let gate, gate <= 0 { throw CommandFailure("\(path), field 'gate_chi2': must be > 0") }
        return KalmanModelConfig(q: q, discrete: kind == "discrete", h: h, r: r, x0: x0, p0: p0, gate: gate)
    }
}

/// Runs the filter for a compile-time state and measurement size.
enum KalmanTraceRunner<let N: Int, let M: Int> {
    static func run(_ config: KalmanModelConfig, _ trace: TraceCSV, smooth: Bool, into out: inout CSVWriter) throws {
        let model: KinematicModel<N, Double>
        do {
            model = try KinematicModel(
                order: .constantVelocity,
                noise: config.discrete ? .discrete(variance: config.q) : .continuous(spectralDensity: config.q))
        } catch { throw CommandFailure("model: \(error)") }
        var filter = KalmanFilter<N, M, Double>(
            state: Matrix { r, _ in config.x0[r] }, covariance: Matrix { r, c in config.p0[r][c] },
            measurementMatrix: Matrix { r, c in config.h[r][c] }, measurementNoise: Matrix { r, c in config.r[r][c] },
            gateThreshold: config.gate)
        var records: [KalmanStepRecord<N, Double>] = []
        var statuses: [String] = []
        records.reserveCapacity(trace.times.count)
        for k in trace.times.indices {
            let dt = k == 0 ? 0 : trace.times[k] - trace.times[k - 1]
            let f = model.transition(dt: dt)
            filter.predict(transition: f, processNoise: model.processNoise(dt: dt))
            let prior = (filter.state, filter.covariance)
            let row = trace.values[k]
            let present = row.compactMap { $0 }
            var measurement: Matrix<M, 1, Double>?
            if present.count == M {
                measurement = Matrix { r, _ in present[r] }
            } else if !present.isEmpty {
                let empty = trace.columns[row.firstIndex { $0 == nil }!]
                throw CommandFailure(
                    "line \(trace.lines[k]), field '\(empty)': empty while other measurement fields are set")
            }
            let report = filter.update(measurement)
            statuses.append(report.status.name)
            records.append(
                KalmanStepRecord(
                    transition: f, priorState: prior.0, priorCovariance: prior.1, state: filter.state,
                    covariance: filter.covariance))
        }
        var smoothed: [KalmanEstimate<N, Double>] = []
        if smooth {
            do { smoothed = try RTSSmoother.smooth(records) } catch { throw CommandFailure("smoother: \(error)") }
        }
        var header = ["t", "status"] + (1...N).map { "x\($0)" }
        if smooth { header += (1...N).map { "s\($0)" } }
        out.row(header)
        for k in records.indices {
            var fields = ["\(trace.times[k])", statuses[k]]
            for i in 0..<N { fields.append("\(records[k].state[i])") }
            if smooth { for i in 0..<N { fields.append("\(smoothed[k].state[i])") } }
            out.row(fields)
        }
    }
}
