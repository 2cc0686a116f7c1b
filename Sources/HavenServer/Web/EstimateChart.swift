import HavenStats

/// Documented against estimated, one row per stratum, drawn on the server as SVG: the
/// documented count as a bar, the estimate as a mark on a line spanning its interval, each
/// with its number so that the chart reads without colour; a title and a description for
/// screen readers.
struct EstimateChart {
    struct Row {
        var label: String
        var observed: Int
        var estimate: Double
        var lower: Double
        /// Nil when the data give no upper bound: the line runs to the chart's edge.
        var upper: Double?
    }

    var rows: [Row]
    var title: String
    /// Words for the description: "documented", "estimated", "no upper bound".
    var documented: String
    var estimated: String
    var unbounded: String

    func svg(width: Int = 720) -> String {
        let labelWidth = 150, numberWidth = 150, rowHeight = 34, top = 8
        let plot = Double(width - labelWidth - numberWidth)
        let largest = max(1, rows.map { $0.upper ?? $0.estimate }.max() ?? 1, rows.map { Double($0.observed) }.max() ?? 1)
        func x(_ value: Double) -> Int { labelWidth + Int((min(value, largest) / largest * plot).rounded()) }
        var marks = ""
        for (index, row) in rows.enumerated() {
            let y = top + index * rowHeight
            let middle = y + rowHeight / 2
            marks += "<text x=\"\(labelWidth - 8)\" y=\"\(middle + 4)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">\(HTML.escape(row.label))</text>"
            marks += "<rect x=\"\(labelWidth)\" y=\"\(middle - 8)\" width=\"\(max(0, x(Double(row.observed)) - labelWidth))\" height=\"16\" fill=\"#0b4f8a\"/>"
            let right = row.upper.map(x) ?? labelWidth + Int(plot)
            marks += "<line x1=\"\(x(row.lower))\" y1=\"\(middle)\" x2=\"\(right)\" y2=\"\(middle)\" stroke=\"#b3261e\" stroke-width=\"2\""
                + (row.upper == nil ? " stroke-dasharray=\"4 3\"" : "") + "/>"
            marks += "<line x1=\"\(x(row.lower))\" y1=\"\(middle - 6)\" x2=\"\(x(row.lower))\" y2=\"\(middle + 6)\" stroke=\"#b3261e\" stroke-width=\"2\"/>"
            if row.upper != nil {
                marks += "<line x1=\"\(right)\" y1=\"\(middle - 6)\" x2=\"\(right)\" y2=\"\(middle + 6)\" stroke=\"#b3261e\" stroke-width=\"2\"/>"
            }
            marks += "<circle cx=\"\(x(row.estimate))\" cy=\"\(middle)\" r=\"5\" fill=\"#b3261e\"/>"
            marks += "<text x=\"\(width - numberWidth + 8)\" y=\"\(middle + 4)\" font-size=\"12\" fill=\"#1a1a1a\">"
                + HTML.escape("\(row.observed) → \(Self.whole(row.estimate))") + "</text>"
        }
        let description = rows.map { row in
            "\(row.label): \(documented) \(row.observed), \(estimated) \(Self.whole(row.estimate)) (\(Self.whole(row.lower))–\(row.upper.map(Self.whole) ?? unbounded))"
        }.joined(separator: "; ")
        let height = top * 2 + max(1, rows.count) * rowHeight
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" class=\"chart\">"
            + "<title>\(HTML.escape(title))</title><desc>\(HTML.escape(description))</desc>" + marks + "</svg>"
    }

    static func whole(_ value: Double) -> String { String(Int(value.rounded())) }
}
