import Foundation
import HavenCore
import HavenReports
import HavenStats

/// How many people an act was done to, documented and estimated, per stratum: a chart of the
/// documented count beside the estimate and its interval, and the table behind it, with each
/// refused stratum's reason. For analysts.
struct EstimatesPage {
    /// One stratum's row.
    struct Row {
        /// The stratum's values, as the query's strata order them (codes: a region, a year, a sex).
        var values: [String]
        var lists: [String]
        var observed: Int
        var estimate: PopulationEstimate?
        /// Why there is no estimate, or what the reader should know about it.
        var note: LocalizedLabel?
    }

    /// The stratifications offered, by the `by` parameter's value.
    static let stratifications: [(value: String, label: LocalizedLabel)] = [
        ("", WebText.stratifyNone), ("year", WebText.stratumYear), ("region", WebText.stratumRegion),
        ("region,year", LocalizedLabel(en: "Region and year", ko: "지역과 연도")), ("sex", WebText.stratumSex),
        ("year,sex", LocalizedLabel(en: "Year and sex", ko: "연도와 성별")),
    ]
    /// The methods offered, by the `method` parameter's value.
    static let methods: [(value: String, label: LocalizedLabel)] = [
        ("dga", WebText.methodDGA), ("lcmcr", WebText.methodLCMCR), ("loglinear", WebText.methodLogLinear),
    ]

    var actType: ActType
    var by: [EstimateStratum]
    var method: String
    var rows: [Row]
    var groupActs: Int
    var outside: Int
    var leftOutSources = 0
    /// Each list's words on the page, by its list name: "Source 1 (NGO)", numbered in the
    /// table's order (its kind said in the reader's language).
    var listLabels: [String: LocalizedLabel] = [:]
    /// A query the reader cannot run (too many sources, too few): said at the top.
    var problem: LocalizedLabel?

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let title = t(WebText.estimates)
        let byValue = by.map(\.rawValue).joined(separator: ",")
        var content: [HTML] = [
            .element("h1", [:], [.text(title)]),
            .element("p", [:], [.text(t(WebText.estimatesIntro))]),
            .element("form", ["method": "get", "action": "/reports/estimates", "class": "filters"], [
                RecordsPage.select("type", t(WebText.actType), selected: actType.code, any: t(WebText.actType),
                                   groups: [("", ActType.allCases.map { ($0.code, t($0.label)) })]),
                Self.choice("by", t(WebText.stratifyBy), selected: byValue, options: Self.stratifications.map { ($0.value, t($0.label)) }),
                Self.choice("method", t(WebText.estimationMethod), selected: method, options: Self.methods.map { ($0.value, t($0.label)) }),
                .element("button", ["type": "submit"], [.text(t(WebText.show))]),
            ]),
        ]
        if let problem {
            content.append(.element("div", ["class": "error", "role": "alert", "id": "problems"], [.element("p", [:], [.text(t(problem))])]))
        }
        var notes: [HTML] = []
        if groupActs > 0 { notes.append(.element("li", [:], [.text(t(WebText.groupsLeftOut(groupActs)))])) }
        if outside > 0 { notes.append(.element("li", [:], [.text(t(WebText.outsideLists(outside)))])) }
        if leftOutSources > 0 { notes.append(.element("li", [:], [.text(t(WebText.sourcesLeftOut(leftOutSources)))])) }
        if !notes.isEmpty { content.append(.element("ul", ["class": "meta"], notes)) }
        if rows.isEmpty, problem == nil { content.append(.element("p", [:], [.text(t(WebText.noEstimates))])) }
        let estimated = rows.compactMap { row in row.estimate.map { (row, $0) } }
        if !estimated.isEmpty {
            let chart = EstimateChart(rows: estimated.map { row, estimate in
                EstimateChart.Row(label: label(row.values, t), observed: row.observed, estimate: estimate.estimate, lower: estimate.lower, upper: estimate.upper)
            }, title: t(WebText.documentedAgainstEstimated), documented: t(WebText.documentedPeople), estimated: t(WebText.estimatedPeople),
                                     unbounded: t(WebText.noUpperBound))
            content.append(.element("figure", [:], [.trusted(chart.svg()), .element("figcaption", [:], [.text(t(WebText.documentedAgainstEstimated))])]))
        }
        if !rows.isEmpty { content.append(table(t)) }
        content.append(.element("p", ["class": "meta"], [.text(t(WebText.estimatesAssumptions))]))
        return Layout(language: language, title: title, path: "/reports/estimates?type=\(actType.code)&by=\(byValue)&method=\(method)", account: account)
            .render(.group(content))
    }

    private func table(_ t: Language) -> HTML {
        let headings = by.map { stratum -> LocalizedLabel in
            switch stratum {
            case .region: WebText.stratumRegion
            case .year: WebText.stratumYear
            case .sex: WebText.stratumSex
            }
        } + [WebText.estimateLists, WebText.documentedPeople, WebText.estimatedPeople, WebText.estimateInterval, WebText.estimateNote]
        return .element("table", ["class": "report", "id": "estimates"], [
            .element("thead", [:], [.element("tr", [:], headings.map { .element("th", ["scope": "col"], [.text(t($0))]) })]),
            .element("tbody", [:], rows.map { row in
                var cells: [HTML] = zip(by, row.values).map { stratum, value in .element("th", ["scope": "row"], [.text(Self.value(value, stratum, t))]) }
                if by.isEmpty { cells = [] }
                cells.append(.element("td", [:], [.text(row.lists.isEmpty ? "—" : row.lists.map { name in listLabels[name].map { t($0) } ?? name }.joined(separator: ", "))]))
                cells.append(.element("td", [:], [.text(String(row.observed))]))
                if let estimate = row.estimate {
                    cells.append(.element("td", [:], [.text(EstimateChart.whole(estimate.estimate))]))
                    cells.append(.element("td", [:], [.text(EstimateChart.whole(estimate.lower) + "–" + (estimate.upper.map(EstimateChart.whole) ?? t(WebText.noUpperBound)))]))
                } else {
                    cells += [.element("td", [:], [.text("—")]), .element("td", [:], [.text("—")])]
                }
                cells.append(.element("td", [:], [.text(row.note.map { t($0) } ?? "")]))
                return .element("tr", [:], cells)
            }),
        ])
    }

    private func label(_ values: [String], _ t: Language) -> String {
        values.isEmpty ? t(WebText.allPeople) : zip(by, values).map { Self.value($1, $0, t) }.joined(separator: " · ")
    }

    /// The labels of the lists, numbered in order.
    static func labels(_ lists: [(id: UUID, name: String, kind: SourceKind)]) -> [String: LocalizedLabel] {
        Dictionary(lists.enumerated().map { index, list in
            (list.name, LocalizedLabel(en: "Source \(index + 1) (\(list.kind.label.en))", ko: "출처 \(index + 1) (\(list.kind.label.ko))"))
        }, uniquingKeysWith: { first, _ in first })
    }

    /// A stratum's value in words: a region by its name, a sex by its label, a year as it is.
    static func value(_ value: String, _ stratum: EstimateStratum, _ t: Language) -> String {
        guard value != "unknown" else { return "—" }
        switch stratum {
        case .region: return Gazetteer.shared.place(code: value).map { RecordsPage.placeName($0.code, t) } ?? value
        case .year: return value
        case .sex: return Sex(rawValue: value).map { t($0.label) } ?? value
        }
    }

    static func choice(_ id: String, _ label: String, selected: String, options: [(String, String)]) -> HTML {
        .element("div", ["class": "field"], [
            .element("label", ["for": id], [.text(label)]),
            .element("select", ["id": id, "name": id], options.map { value, text in
                .element("option", ["value": value, "selected": selected == value ? "" : nil], [.text(text)])
            }),
        ])
    }
}
