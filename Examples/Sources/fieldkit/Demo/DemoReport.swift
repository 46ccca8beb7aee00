import Foundation

/// The self-contained HTML report with inline SVG charts.
struct DemoReport {
    var metrics: DemoMetrics

    var html: String {
        var page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>FieldKit demo</title>"
        page += "<style>body{font-family:sans-serif;max-width:860px;margin:2em auto}pre{background:#f4f4f4;padding:1em}</style></head><body>"
        page += "<h1>FieldKit demo</h1><pre>\(escape(metrics.summary))</pre>"
        page += "</body></html>\n"
        return page
    }
}

func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
}
