/// A bar chart drawn on the server as SVG: no script, no library, readable without colour
/// (each bar carries its number), with a title and a description for screen readers.
struct BarChart {
    /// Bars in order: a short label under each and its value.
    var bars: [(label: String, value: Int)]
    var title: String
    /// What each bar's number reads, when it differs from its value (a withheld small count).
    var shown: [String]? = nil

    func svg(width: Int = 640, height: Int = 220) -> String {
        let top = 24, bottom = 28, gap = 6
        let plot = height - top - bottom
        let most = max(1, bars.map(\.value).max() ?? 1)
        let slot = bars.isEmpty ? width : width / bars.count
        var marks = ""
        for (index, bar) in bars.enumerated() {
            let barHeight = bar.value * plot / most
            let x = index * slot + gap / 2, y = top + plot - barHeight
            marks += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(slot - gap)\" height=\"\(barHeight)\" fill=\"#0b4f8a\"/>"
            let number = shown.map { $0[index] } ?? String(bar.value)
            marks += "<text x=\"\(x + (slot - gap) / 2)\" y=\"\(y - 6)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1a1a1a\">\(HTML.escape(number))</text>"
            marks += "<text x=\"\(x + (slot - gap) / 2)\" y=\"\(height - 10)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#4a4a4a\">"
                + HTML.escape(bar.label) + "</text>"
        }
        let description = bars.enumerated().map { index, bar in "\(bar.label): \(shown.map { $0[index] } ?? String(bar.value))" }
            .joined(separator: ", ")
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" class=\"chart\">"
            + "<title>\(HTML.escape(title))</title><desc>\(HTML.escape(description))</desc>"
            + "<line x1=\"0\" y1=\"\(top + plot)\" x2=\"\(width)\" y2=\"\(top + plot)\" stroke=\"#767676\"/>" + marks + "</svg>"
    }
}
