import FieldFilters
import Foundation
import Testing

/// Loads reference JSON: the project's own fixtures (always present) and the shared runs in
/// `../shared/filters` (present only on the team's machines).
enum ReferenceData {
    /// The repository root: three levels up from this file.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/FieldFiltersTests/Fixtures/<name>`.
    static func fixture(_ name: String) throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        return try load(url)
    }

    /// `../shared/filters/<name>`, or `nil` (with a note) when the shared folder is absent.
    static func shared(_ name: String) throws -> [String: Any]? {
        let url = repositoryRoot.appendingPathComponent("../shared/filters").appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            Issue.record("skipped: \(url.path) is absent (no ../shared on this machine)", severity: .warning)
            return nil
        }
        return try load(url)
    }

    static func load(_ url: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return object
    }
}

/// JSON value helpers.
extension Dictionary where Key == String, Value == Any {
    func double(_ key: String) -> Double { (self[key] as? NSNumber)?.doubleValue ?? .nan }
    func doubles(_ key: String) -> [Double] {
        (self[key] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }
    func rows(_ key: String) -> [[Double]] {
        (self[key] as? [Any] ?? []).map { row in (row as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
    }
    func dict(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
    func dicts(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
    func string(_ key: String) -> String? { self[key] as? String }
}

/// Builds fixed-size matrices from JSON arrays.
extension Matrix {
    init(rows: [[Double]]) {
        self.init { r, c in
            r < rows.count && c < rows[r].count ? Scalar(rows[r][c]) : .nan
        }
    }

    init(vector: [Double]) {
        self.init { r, _ in r < vector.count ? Scalar(vector[r]) : .nan }
    }

    func maxDifference(rows: [[Double]]) -> Double {
        var worst = 0.0
        for r in 0..<Rows {
            for c in 0..<Columns {
                let expected = r < rows.count && c < rows[r].count ? rows[r][c] : .nan
                let d = abs(Double(self[r, c]) - expected)
                if !(d <= worst) { worst = d }
            }
        }
        return worst
    }

    func maxDifference(vector: [Double]) -> Double {
        var worst = 0.0
        for r in 0..<Rows {
            let expected = r < vector.count ? vector[r] : .nan
            let d = abs(Double(self[r, 0]) - expected)
            if !(d <= worst) { worst = d }
        }
        return worst
    }
}
