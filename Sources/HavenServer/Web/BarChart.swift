import HavenStats

/// A bar chart drawn on the server as SVG: no script, no library, readable without colour
/// (each bar carries its number), with a title and a description for screen readers.
///
/// A bar is a ``Suppression/Cell``: a withheld count is drawn as no bar at all and reads `·`,
/// so that neither its height nor its number gives the count back.
struct BarChart {
    /// Bars in order: a short label under each and its cell.
    var bars: [(label: String, cell: Suppression.Cell)]
    var title: String

    /// A chart of plain counts, none withheld.
    init(counts: [(label: String, value: Int)], title: String) {
        self.init(bars: counts.map { ($0.label, .count($0.value)) }, title: title)
    }

    init(bars: [(label: String, cell: Suppression.Cell)], title: String) {
        self.bars = bars
        self.title = title
    }

    /// A bar's height: its count, or nothing when withheld.
    static func height(_ cell: Suppression.Cell) -> Int {
        if case .count(let n) = cell { return max(0, n) }
        return 0
    }

    func svg(width: Int = 640, height: Int = 220) -> String {
        let top = 24, bottom = 28, gap = 6
        let plot = height - top - bottom
        let most = max(1, bars.map { Self.height($0.cell) }.max() ?? 1)
        let slot = bars.isEmpty ? width : width / bars.count
        var marks = ""
        for (index, bar) in bars.enumerated() {
            // Scaled in floating point: a count times the plot's height may not fit an Int.
            let barHeight = Int((Double(Self.height(bar.cell)) * Double(plot) / Double(most)).rounded(.down))
            let x = index * slot + gap / 2, y = top + plot - barHeight
            if barHeight > 0 {
                marks += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(slot - gap)\" height=\"\(barHeight)\" fill=\"#0b4f8a\"/>"
            }
            marks += "<text x=\"\(x + (slot - gap) / 2)\" y=\"\(y - 6)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1a1a1a\">\(HTML.escape(bar.cell.description))</text>"
            marks += "<text x=\"\(x + (slot - gap) / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#4a4a4a\">"
                + HTML.escape(bar.label) + "</text>"
        }
        let description = bars.map { "\($0.label): \($0.cell.description)" }.joined(separator: ", ")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" class=\"chart\">"
            + "<title>\(HTML.escape(title))</title><desc>\(HTML.escape(description))</desc>"
            + "<line x1=\"0\" y1=\"\(top + plot)\" x2=\"\(width)\" y2=\"\(top + plot)\" stroke=\"#767676\"/>" + marks + "</svg>"
    }
}
