import Foundation
import HavenCore
import HavenReports
import HavenStats

/// Documented persons affected by act type, sex and age group, and per year beside the official
/// arrival figures (charted on the server), with the CSV behind them; the import of official
/// figures for analysts. Small cells withheld below analyst.
struct StatisticsPage {
    var statistics: Statistics
    var suppressBelow: Int
    var canImport: Bool
    /// What was typed into the import form, and why it was refused.
    var importSource = ""
    var importCSV = ""
    var importProblem: String?
    var imported = false
    /// A span of years that could not be read: the default span is shown, with the form as typed.
    var problem: FilterProblem?

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let title = t(WebText.statistics)
        let span = "from=\(statistics.firstYear)&to=\(statistics.lastYear)"
        var content: [HTML] = [
            .element("h1", [:], [.text(title)]),
            problem.map { $0.summary(language) } ?? .group([]),
            .element("form", ["method": "get", "action": "/reports/statistics", "class": "filters"], [
                LoginPage.field(id: "from", label: t(WebText.fromYear), ["type": "text", "id": "from", "name": "from",
                                                                        "value": FilterProblem.value(problem, "from", else: String(statistics.firstYear)),
                                                                        "inputmode": "numeric", "aria-invalid": FilterProblem.invalid(problem, "from")]),
                LoginPage.field(id: "to", label: t(WebText.toYear), ["type": "text", "id": "to", "name": "to",
                                                                    "value": FilterProblem.value(problem, "to", else: String(statistics.lastYear)),
                                                                    "inputmode": "numeric", "aria-invalid": FilterProblem.invalid(problem, "to")]),
                .element("button", ["type": "submit"], [.text(t(WebText.show))]),
            ]),
        ]
        if suppressBelow > 1 { content.append(.element("p", ["class": "notice"], [.text(t(WebText.suppressed(suppressBelow)))])) }
        content.append(.element("p", [:], [.element("a", ["href": "/reports/statistics.csv?\(span)"], [.text(t(WebText.downloadCSV))])]
            + (suppressBelow > 1 ? [] : [.text(" · "), .element("a", ["href": "/reports/statistics.csv?\(span)&shared=1"], [.text(t(WebText.downloadShared))])])))
        content.append(table(id: "by-sex", t(WebText.affectedBySex), columns: Sex.allCases.map { ($0.code, t($0.label)) },
                             rows: statistics.affected.table { $0.sex.code }, t))
        content.append(table(id: "by-age", t(WebText.affectedByAge), columns: AgeGroup.allCases.map { ($0.code, t($0.label)) },
                             rows: statistics.affected.table { $0.age.code }, t))
        // Official arrivals beside documented arrests and repatriations, year by year.
        let years = Array(statistics.firstYear...statistics.lastYear)
        let arrivals = Dictionary(uniqueKeysWithValues: statistics.arrivals.figures.map { ($0.year, $0) })
        let arrests = years.map { statistics.documented($0, [.arrest, .detention]) }
        let repatriations = years.map { statistics.documented($0, [.forcedRepatriation]) }
        let cell = { (n: Int) in Suppression.cell(n, threshold: suppressBelow).description }
        var comparison: [HTML] = [.element("h2", ["id": "arrivals"], [.text(t(WebText.arrivalsBeside))])]
        if let source = statistics.arrivals.source {
            comparison.append(.element("p", ["class": "meta"], [.text("\(t(WebText.officialSource)): \(source)"
                + (statistics.arrivals.importedAt.map { " · \(t(WebText.importedOn)) \(t.instant($0))" } ?? ""))]))
        } else {
            comparison.append(.element("p", [:], [.text(t(WebText.noArrivals))]))
        }
        let short = { (year: Int) in "’" + String(String(year).suffix(2)) }
        comparison.append(.element("div", ["class": "charts"], [
            .element("figure", [:], [.trusted(BarChart(counts: years.map { (short($0), arrivals[$0]?.total ?? 0) }, title: t(WebText.officialArrivals)).svg(width: 480)),
                                     .element("figcaption", [:], [.text(t(WebText.officialArrivals))])]),
            // A year's bar is the sum of the table's two cells, shown only when both are: a sum
            // beside one withheld cell would give that cell back.
            .element("figure", [:], [.trusted(BarChart(bars: zip(years, zip(arrests, repatriations)).map { year, counts in
                (short(year), Self.sum(Suppression.cell(counts.0, threshold: suppressBelow), Suppression.cell(counts.1, threshold: suppressBelow)))
            }, title: t(WebText.documentedArrests)).svg(width: 480)),
                                     .element("figcaption", [:], [.text(t(WebText.documentedArrests))])]),
        ]))
        comparison.append(.element("table", ["class": "report", "aria-labelledby": "arrivals"], [
            .element("thead", [:], [.element("tr", [:], [WebText.year, WebText.arrivalsWomen, WebText.arrivalsMen, WebText.arrivalsTotal,
                                                         WebText.documentedArrestsShort, WebText.documentedRepatriations].map {
                .element("th", ["scope": "col"], [.text(t($0))])
            })]),
            .element("tbody", [:], years.enumerated().map { index, year in
                let figure = arrivals[year]
                return .element("tr", [:], [
                    .element("th", ["scope": "row"], [.text(String(year))]),
                    .element("td", [:], [.text(figure.map { String($0.women) } ?? "—")]),
                    .element("td", [:], [.text(figure.map { String($0.men) } ?? "—")]),
                    .element("td", [:], [.text(figure.map { String($0.total) } ?? "—")]),
                    .element("td", [:], [.text(cell(arrests[index]))]),
                    .element("td", [:], [.text(cell(repatriations[index]))]),
                ])
            }),
        ]))
        content.append(.element("section", ["aria-labelledby": "arrivals"], comparison))
        if canImport {
            var form: [HTML] = [FormControls.csrf(account.csrf)]
            if imported { form.append(.element("p", ["class": "notice", "role": "status"], [.text(t(WebText.arrivalsImported))])) }
            if let importProblem { form.append(.element("p", ["class": "error", "role": "alert", "id": "csv-error"], [.text(importProblem)])) }
            form += [
                LoginPage.field(id: "source", label: t(WebText.officialSource), ["type": "text", "id": "source", "name": "source", "value": importSource,
                                                                                "required": "", "maxlength": "500"]),
                .element("div", ["class": "field"], [
                    .element("label", ["for": "csv"], [.text(t(WebText.arrivalsCSV))]),
                    .element("textarea", ["id": "csv", "name": "csv", "rows": "8", "aria-describedby": importProblem == nil ? "csv-hint" : "csv-hint csv-error"],
                             [.text(importCSV)]),
                    .element("p", ["class": "hint", "id": "csv-hint"], [.text(t(WebText.arrivalsCSVHint))]),
                ]),
                .element("button", ["type": "submit"], [.text(t(WebText.importArrivals))]),
            ]
            content.append(.element("h2", ["id": "import"], [.text(t(WebText.importArrivals))]))
            content.append(.element("form", ["method": "post", "action": "/reports/statistics/arrivals", "class": "stack"], form))
        }
        return Layout(language: language, title: title, path: "/reports/statistics?\(span)", account: account).render(.group(content))
    }

    private func table(id: String, _ heading: String, columns: [(code: String, label: String)], rows: [ActType: [String: Int]], _ t: Language) -> HTML {
        let types = ActType.allCases.filter { rows[$0] != nil }
        return .element("section", ["aria-labelledby": id], [
            .element("h2", ["id": id], [.text(heading)]),
            types.isEmpty ? .element("p", [:], [.text(t(WebText.none))]) : .element("table", ["class": "report"], [
                .element("thead", [:], [.element("tr", [:], [.element("th", ["scope": "col"], [.text(t(WebText.actType))])]
                    + columns.map { .element("th", ["scope": "col"], [.text($0.label)]) })]),
                .element("tbody", [:], types.map { type in
                    let cells = Suppression.row(columns.map { rows[type]?[$0.code] ?? 0 }, threshold: suppressBelow)
                    return .element("tr", [:], [.element("th", ["scope": "row"], [.text(t(type.label))])] + cells.map { .element("td", [:], [.text($0.description)]) })
                }),
            ]),
        ])
    }

    /// Two cells added: a count only when both are counts.
    static func sum(_ a: Suppression.Cell, _ b: Suppression.Cell) -> Suppression.Cell {
        guard case .count(let x) = a, case .count(let y) = b else { return .withheld }
        return .count(x + y)
    }
}
