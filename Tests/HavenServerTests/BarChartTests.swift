import Foundation
import HavenCore
@testable import HavenServer
import HavenStats
import Testing

/// A withheld cell carries no information in a chart: the review read suppressed counts back
/// from the height of their bars.
struct BarChartTests {
    /// The drawn height of each bar, in order; 0 where no bar is drawn.
    func heights(_ svg: String) -> [Int] {
        let labels = svg.matches(of: /<text x="(\d+)" y="\d+" text-anchor="middle" font-size="12" fill="#4a4a4a">/).map { Int($0.1)! }
        let rects = Dictionary(svg.matches(of: /<rect x="(\d+)" y="\d+" width="(\d+)" height="(\d+)"/).map {
            (Int($0.1)! + Int($0.2)! / 2, Int($0.3)!)
        }, uniquingKeysWith: { a, _ in a })
        return labels.map { rects[$0] ?? 0 }
    }

    @Test func aWithheldBarIsNotDrawnAndItsNumberIsNotShown() {
        for hidden in 1...4 {
            let svg = BarChart(bars: [("1월", .count(12)), ("2월", Suppression.cell(hidden, threshold: 5)), ("3월", .count(30))], title: "가상").svg()
            #expect(heights(svg)[1] == 0, "a withheld \(hidden) has no height")
            #expect(!svg.contains(">\(hidden)<"), "a withheld \(hidden) is not written")
            #expect(svg.contains("2월: ·"))
            // Every withheld value draws the same chart.
            #expect(svg == BarChart(bars: [("1월", .count(12)), ("2월", .withheld), ("3월", .count(30))], title: "가상").svg())
        }
        #expect(heights(BarChart(counts: [("a", 10), ("b", 20)], title: "t").svg()).allSatisfy { $0 > 0 })
    }

    @Test func theDocumentedChartShowsAYearOnlyWhenBothOfItsCellsAre() {
        #expect(StatisticsPage.sum(.count(12), .count(3)) == .count(15))
        #expect(StatisticsPage.sum(.count(12), .withheld) == .withheld, "12 + a withheld 2 would read 14 and give the 2 back")
        #expect(StatisticsPage.sum(.withheld, .count(0)) == .withheld)
    }

    @Test func aHugeCountIsScaledWithoutOverflow() {
        let svg = BarChart(counts: [("a", Int.max), ("b", Int.max / 2)], title: "t").svg()
        #expect(heights(svg) == [168, 84])
    }
}
