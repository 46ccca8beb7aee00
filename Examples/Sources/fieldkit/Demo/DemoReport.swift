import Foundation

/// The self-contained HTML report: the summary and inline SVG charts drawn here, no scripts and
/// no external resources.
struct DemoReport {
    var metrics: DemoMetrics

    var html: String {
        let m = metrics
        var page = """
            <!doctype html><html><head><meta charset="utf-8"><title>FieldKit demo</title>
            <style>body{font-family:system-ui,sans-serif;max-width:900px;margin:2em auto;color:#222}
            pre{background:#f4f4f4;padding:1em;overflow-x:auto;font-size:12px}h2{margin-top:1.6em}
            svg{display:block;margin:0.5em 0}.note{color:#555;font-size:13px}</style></head><body>
            <h1>FieldKit demo</h1>
            <p>\(m.devices) devices, \(m.days) simulated days, seed \(m.seed). Every figure below was
            measured in this run.</p>
            <pre>\(escape(m.summary))</pre>

            """
        page += "<h2>Readings: measured, acknowledged, delivered</h2>"
        let days = m.daily.indices.map { "day \($0 + 1)" }
        page += lineChart(
            series: [
                ("measured", m.daily.map { Double($0.measured) }, "#888"),
                ("enqueued", m.daily.map { Double($0.enqueued) }, "#e0a030"),
                ("acknowledged", m.daily.map { Double($0.acknowledged) }, "#3070d0"),
                ("stored", m.daily.map { Double($0.stored) }, "#30a050"),
            ], labels: days)
        page +=
            "<p class=\"note\">Cumulative at the end of each day (devices offline hold their readings). "
            + "After the final drain: acknowledged \(m.acknowledged), delivered \(m.delivered), lost \(m.lost).</p>"
        page += barChart([
            ("measured", Double(m.measured), "#888"), ("left dead band", Double(m.reported), "#aaa"),
            ("enqueued", Double(m.enqueued), "#e0a030"), ("acknowledged", Double(m.acknowledged), "#3070d0"),
            ("delivered", Double(m.delivered), "#30a050"), ("lost", Double(m.lost), "#d03030"),
        ])
        page +=
            "<h2>Duplicates</h2>"
            + barChart([
                ("received", Double(m.duplicatesReceived), "#e0a030"),
                ("stored", Double(m.duplicatesStored), "#d03030"),
            ])
        page +=
            "<p class=\"note\">Duplicates come from \(m.replays) replayed batches, redeliveries after \(m.powerCuts) "
            + "power cuts and the server crash; the Inbox absorbed them.</p>"
        page +=
            "<h2>Late and out-of-order readings</h2>"
            + barChart([
                ("stored in order", Double(m.inOrder), "#30a050"),
                ("arrived out of order", Double(m.reordered), "#3070d0"),
                ("late (side output)", Double(m.late), "#e0a030"),
            ])
        page +=
            "<p class=\"note\">ReorderBuffer with 8 h allowed lateness on hybrid timestamps; readings from devices "
            + "that were offline longer arrive late and are stored from the side output.</p>"
        page +=
            "<h2>Bytes</h2>"
            + barChart([
                ("raw", Double(m.bytesRaw), "#888"), ("after dead band", Double(m.bytesReportedRaw), "#e0a030"),
                ("sent (FieldDelta)", Double(m.bytesSent), "#30a050"),
            ])
        page +=
            "<h2>Low-fuel alerts</h2>"
            + barChart([
                ("one threshold", Double(m.field.naiveAlerts), "#d03030"),
                ("hysteresis", Double(m.field.hysteresisAlerts), "#30a050"),
                ("refills", Double(m.field.refills), "#888"),
            ])
        page +=
            "<h2>GPS (Kalman with a chi-square gate)</h2>"
            + barChart([
                ("jumps injected", Double(m.field.jumpsInjected), "#888"),
                ("jumps rejected", Double(m.field.jumpsRejected), "#30a050"),
                ("good fixes rejected", Double(m.field.goodRejected), "#d03030"),
            ])
        page +=
            "<p class=\"note\">RMS position error: \(demoFormat(m.gpsRMSRaw)) m raw, "
            + "\(demoFormat(m.gpsRMSFiltered)) m filtered.</p>"
        page +=
            "<h2>Vibration anomalies (FieldML autoencoder)</h2>"
            + barChart(
                [
                    ("precision", m.anomalyPrecision ?? 0, "#3070d0"), ("recall", m.anomalyRecall ?? 0, "#30a050"),
                ], format: { demoFormat($0) })
        if let ota = m.ota {
            page += "<h2>OTA rollout stages</h2>"
            page += stepChart(ota.events, totalTicks: m.days * 96)
            page +=
                "<ul>"
                + ota.events.map { "<li>day \(demoFormat(Double($0.tick) / 96)): \(escape($0.text))</li>" }.joined()
                + "</ul>"
            page += barChart([
                ("bad: installed", Double(ota.updated[0]), "#e0a030"),
                ("bad: rolled back", Double(ota.rolledBack[0]), "#3070d0"),
                ("good: installed", Double(ota.updated[1]), "#30a050"),
                ("bricked", Double(ota.totalBricked), "#d03030"),
            ])
        }
        page += "</body></html>\n"
        return page
    }

    func barChart(_ bars: [(String, Double, String)], format: (Double) -> String = { "\(Int($0))" }) -> String {
        let width = 820.0, rowHeight = 26.0
        let labelWidth = 170.0
        let maxValue = max(bars.map(\.1).max() ?? 1, 1e-9)
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(rowHeight * Double(bars.count) + 8))\">"
        for (i, bar) in bars.enumerated() {
            let y = Double(i) * rowHeight + 4
            let w = (width - labelWidth - 90) * bar.1 / maxValue
            svg +=
                "<text x=\"\(Int(labelWidth - 6))\" y=\"\(Int(y + 16))\" text-anchor=\"end\" font-size=\"13\">\(escape(bar.0))</text>"
            svg +=
                "<rect x=\"\(Int(labelWidth))\" y=\"\(Int(y + 3))\" width=\"\(max(0, w))\" height=\"\(Int(rowHeight - 8))\" fill=\"\(bar.2)\"/>"
            svg +=
                "<text x=\"\(Int(labelWidth + w + 6))\" y=\"\(Int(y + 16))\" font-size=\"12\">\(format(bar.1))</text>"
        }
        return svg + "</svg>"
    }

    func lineChart(series: [(String, [Double], String)], labels: [String]) -> String {
        let width = 820.0, height = 260.0, left = 70.0, bottom = 30.0, top = 20.0
        let maxValue = max(series.flatMap(\.1).max() ?? 1, 1)
        let count = max(labels.count, 2)
        func x(_ i: Int) -> Double { left + (width - left - 20) * Double(i) / Double(count - 1) }
        func y(_ v: Double) -> Double { top + (height - top - bottom) * (1 - v / maxValue) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\">"
        svg += "<line x1=\"\(left)\" y1=\"\(y(0))\" x2=\"\(width - 20)\" y2=\"\(y(0))\" stroke=\"#999\"/>"
        svg +=
            "<text x=\"\(left - 6)\" y=\"\(y(maxValue) + 4)\" text-anchor=\"end\" font-size=\"11\">\(Int(maxValue))</text>"
        svg += "<text x=\"\(left - 6)\" y=\"\(y(0) + 4)\" text-anchor=\"end\" font-size=\"11\">0</text>"
        for (i, label) in labels.enumerated() {
            svg +=
                "<text x=\"\(x(i))\" y=\"\(height - 8)\" text-anchor=\"middle\" font-size=\"11\">\(escape(label))</text>"
        }
        for (k, s) in series.enumerated() {
            let points = s.1.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(s.2)\" stroke-width=\"2\" points=\"\(points)\"/>"
            svg += "<rect x=\"\(left + 10 + Double(k) * 130)\" y=\"4\" width=\"10\" height=\"10\" fill=\"\(s.2)\"/>"
            svg += "<text x=\"\(left + 24 + Double(k) * 130)\" y=\"13\" font-size=\"12\">\(escape(s.0))</text>"
        }
        return svg + "</svg>"
    }

    /// The fraction of the fleet each release was offered, over the run, as steps.
    func stepChart(_ events: [DemoOTA.Event], totalTicks: Int) -> String {
        let width = 820.0, height = 180.0, left = 70.0, bottom = 26.0, top = 18.0
        func x(_ tick: Int) -> Double { left + (width - left - 20) * Double(tick) / Double(max(totalTicks, 1)) }
        func y(_ f: Double) -> Double { top + (height - top - bottom) * (1 - f) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\">"
        svg += "<line x1=\"\(left)\" y1=\"\(y(0))\" x2=\"\(width - 20)\" y2=\"\(y(0))\" stroke=\"#999\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"\(y(1) + 4)\" text-anchor=\"end\" font-size=\"11\">100%</text>"
        svg += "<text x=\"\(left - 6)\" y=\"\(y(0) + 4)\" text-anchor=\"end\" font-size=\"11\">0%</text>"
        for (release, color) in [("bad", "#d03030"), ("good", "#30a050")] {
            let own = events.filter { $0.release == release }
            guard let first = own.first else { continue }
            var points = "\(x(first.tick)),\(y(0)) \(x(first.tick)),\(y(first.fraction))"
            var level = first.fraction
            var end = totalTicks
            for e in own.dropFirst() {
                if e.text.contains("HALTED") { end = e.tick; break }
                points += " \(x(e.tick)),\(y(level)) \(x(e.tick)),\(y(e.fraction))"
                level = e.fraction
            }
            points += " \(x(end)),\(y(level))"
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points)\"/>"
            svg +=
                "<text x=\"\(x(first.tick) + 4)\" y=\"\(y(level) - 4)\" font-size=\"12\" fill=\"\(color)\">\(release) release</text>"
        }
        return svg + "</svg>"
    }
}

func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
}
