import Foundation
import HavenCore
import HavenReports
import HavenStats

/// Trends: acts by month for a type and region, as a chart drawn on the server with its CSV;
/// the region-months that surged above their own baseline, each leading to its incidents; and
/// counts by region, act type and perpetrator. Small counts are withheld below analyst.
struct TrendsPage {
    var trends: Trends
    /// Counts from 1 to this − 1 are withheld (1 shows everything).
    var suppressBelow: Int
    var detector: SurgeDetector
    /// A filter that could not be read: the default view is shown, with the form as typed.
    var problem: FilterProblem?

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let title = t(WebText.trends)
        let query = trends.query
        let count = { (n: Int) in Suppression.cell(n, threshold: suppressBelow).description }
        let month = { (m: Month) in language == .ko ? "\(m.year)년 \(m.month)월" : "\(HomePage.shortMonths[m.month - 1]) \(m.year)" }
        let regionName = { (code: String) in Gazetteer.shared.place(code: code).map { RecordsPage.placeName($0.code, language) } ?? code }
        let regions = Gazetteer.shared.places.filter { $0.placeKind == .province }.map { ($0.code, RecordsPage.placeName($0.code, language)) }
        var content: [HTML] = [
            .element("h1", [:], [.text(title)]),
            problem.map { $0.summary(language) } ?? .group([]),
            .element("form", ["method": "get", "action": "/reports/trends", "class": "filters"], [
                RecordsPage.select("type", t(WebText.actType), selected: query.actType?.code, any: t(WebText.anyType),
                                   groups: [("", ActType.allCases.map { ($0.code, t($0.label)) })]),
                RecordsPage.select("region", t(WebText.region), selected: query.region, any: t(WebText.allRegions), groups: [("", regions)]),
                LoginPage.field(id: "from", label: t(WebText.fromMonth), ["type": "text", "id": "from", "name": "from",
                                                                         "value": FilterProblem.value(problem, "from", else: query.first.description),
                                                                         "inputmode": "numeric", "aria-invalid": FilterProblem.invalid(problem, "from")]),
                LoginPage.field(id: "to", label: t(WebText.toMonth), ["type": "text", "id": "to", "name": "to",
                                                                     "value": FilterProblem.value(problem, "to", else: query.last.description),
                                                                     "inputmode": "numeric", "aria-invalid": FilterProblem.invalid(problem, "to")]),
                .element("button", ["type": "submit"], [.text(t(WebText.show))]),
            ]),
        ]
        if suppressBelow > 1 { content.append(.element("p", ["class": "notice"], [.text(t(WebText.suppressed(suppressBelow)))])) }
        let bars = trends.months.map { (label: language == .ko ? "\($0.month)월" : HomePage.shortMonths[$0.month - 1], value: trends.byMonth[$0] ?? 0) }
        let chartTitle = "\(query.actType.map { t($0.label) } ?? t(WebText.allActs)) · \(query.region.map(regionName) ?? t(WebText.allRegions))"
        // The months are one row: their total is on the page (the region's and the act type's
        // rows), so a lone withheld month takes the next smallest with it.
        let chart = BarChart(bars: Array(zip(bars.map(\.label), Suppression.row(bars.map(\.value), threshold: suppressBelow))), title: chartTitle)
        content += [
            .element("h2", ["id": "monthly"], [.text("\(t(WebText.byMonth)): \(chartTitle)")]),
            .element("figure", [:], [.trusted(chart.svg(width: max(640, trends.months.count * 28))),
                                     .element("figcaption", [:], [.text("\(month(query.first)) – \(month(query.last)) · "),
                                                                  .element("a", ["href": "/reports/trends.csv?\(query.parameters)"], [.text(t(WebText.downloadCSV))])])]),
            .element("h2", ["id": "surges"], [.text(t(WebText.surges))]),
            .element("p", ["class": "hint"], [.text(t(WebText.surgeTest(detector)))]),
            .element("details", ["class": "hint"], [.element("summary", [:], [.text(t(WebText.figures))]),
                                                     .element("p", [:], [.text(t(WebText.surgeMethod(detector)))])]),
        ]
        if !trends.notEnoughHistory.isEmpty {
            let regions = trends.notEnoughHistory.sorted { $0.key < $1.key }
                .map { "\(regionName($0.key)) (\(language == .ko ? "검정 시작" : "tested from") \(month($0.value)))" }.joined(separator: ", ")
            content.append(.element("p", ["class": "meta"], [.text(t(WebText.notEnoughHistory(regions)))]))
        }
        content.append(trends.surges.isEmpty ? .element("p", [:], [.text(t(WebText.noSurges))]) :
            .element("ul", ["class": "indicators", "aria-labelledby": "surges"], trends.surges.map { surge in
                let link = "/reports/trends/events?region=\(surge.region)&month=\(surge.month)" + (query.actType.map { "&type=\($0.code)" } ?? "")
                return .element("li", [:], [
                    .element("strong", [:], [.text("\(regionName(surge.region)) · \(month(surge.month))")]),
                    .element("span", [:], [.text(t(WebText.surgeLine(count: count(surge.count), baseline: surge.baseline, p: surge.probability)))]),
                    .element("details", [:], [.element("summary", [:], [.text(t(WebText.figures))]),
                                              .element("span", ["class": "meta"], [.text(t(WebText.surgeFigures(baseline: surge.baseline, p: surge.probability)))])]),
                    .element("span", ["class": "meta"], [.element("a", ["href": link], [.text(t(WebText.incidentsBehind))])]),
                ])
            }))
        var totals: [(region: String, total: Int)] = []
        for (region, months) in trends.byRegion where query.region == nil || query.region == region {
            let total = trends.months.reduce(0) { sum, month in sum + (months[month] ?? 0) }
            if total > 0 { totals.append((region, total)) }
        }
        totals.sort { $0.total > $1.total }
        content.append(table(id: "regions", t(WebText.byRegion), rows: totals.map { (regionName($0.region), count($0.total)) }, t))
        content.append(table(id: "types", t(WebText.byActType),
                             rows: trends.byType.sorted { $0.value > $1.value }.map { (t($0.key.label), count($0.value)) }, t))
        content.append(table(id: "perpetrators", t(WebText.byPerpetrator),
                             rows: trends.byPerpetrator.sorted { $0.value > $1.value }.map { ($0.key.map { t($0.label) } ?? t(WebText.individual), count($0.value)) }, t))
        return Layout(language: language, title: title, path: "/reports/trends?\(query.parameters)", account: account).render(.group(content))
    }

    private func table(id: String, _ heading: String, rows: [(String, String)], _ t: Language) -> HTML {
        .element("section", ["aria-labelledby": id], [
            .element("h2", ["id": id], [.text(heading)]),
            rows.isEmpty ? .element("p", [:], [.text(t(WebText.none))]) : .element("table", ["class": "report"], [.element("tbody", [:], rows.map { row in
                .element("tr", [:], [.element("th", ["scope": "row"], [.text(row.0)]), .element("td", [:], [.text(row.1)])])
            })]),
        ])
    }
}

/// The incidents behind one region-month of the trends.
struct SurgeEventsPage {
    var region: String
    var month: Month
    var rows: [RecordsPage.Row]

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let place = RecordsPage.placeName(region, language)
        let when = language == .ko ? "\(month.year)년 \(month.month)월" : "\(HomePage.shortMonths[month.month - 1]) \(month.year)"
        let title = "\(t(WebText.incidentsBehind)) · \(place) · \(when)"
        let list: HTML = rows.isEmpty ? .element("p", [:], [.text(t(WebText.none))]) : .element("ul", ["class": "results"], rows.map { row in
            .element("li", [:], [
                .element("a", ["href": "/records/\(row.kind.code)/\(row.id.wire)"], [.text(row.title ?? t(WebText.withheld))]),
                .element("span", ["class": "meta"], [.text([row.date.map { t.date($0) }, row.placeCode.map { RecordsPage.placeName($0, language) }]
                    .compactMap { $0 }.joined(separator: " · "))]),
            ])
        })
        return Layout(language: language, title: t(WebText.trends), path: "/reports/trends/events?region=\(region)&month=\(month)", account: account)
            .render(.group([.element("h1", [:], [.text(title)]), list]))
    }
}
