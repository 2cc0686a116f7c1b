import Foundation
import HavenCore
import HavenStore

/// Records found by text and filters: the search form and a list of results, each with its
/// kind, its title (withheld where the role sees protected fields withheld), date and place.
struct RecordsPage {
    /// One result as the page shows it.
    struct Row: Equatable {
        var kind: RecordKind
        var id: UUID
        /// A name or title, or nil when withheld.
        var title: String?
        var date: FuzzyDate?
        var placeCode: String?
    }

    /// What was asked, as typed, to fill the form again.
    var query: [String: String] = [:]
    var rows: [Row] = []
    var total = 0
    var problem: LocalizedLabel?
    var problemDetail: String?
    var searched = false
    /// Whether the reader may record a new incident.
    var canCreate = false

    func render(_ language: Language, account: (username: String, csrf: String)) -> String {
        let t = language
        var kindOptions: [HTML] = [.element("option", ["value": ""], [.text(t(WebText.allKinds))])]
        for kind in RecordKind.allCases {
            kindOptions.append(.element("option", ["value": kind.code, "selected": query["kind"] == kind.code ? "" : nil], [.text(t(kind.label))]))
        }
        var content: [HTML] = [
            .element("h1", [:], [.text(t(WebText.records))]),
            canCreate ? .element("p", [:], [.element("a", ["href": "/records/event/new", "class": "button"], [.text(t(WebText.newIncident))])]) : .group([]),
            .element("form", ["method": "post", "action": "/records", "class": "filters", "role": "search"], [
                .element("input", ["type": "hidden", "name": "_csrf", "value": account.csrf]),
                LoginPage.field(id: "q", label: t(WebText.searchText), [
                    "type": "search", "id": "q", "name": "q", "value": query["q"] ?? "", "minlength": "2", "maxlength": "200",
                ]),
                .element("div", ["class": "field"], [
                    .element("label", ["for": "kind"], [.text(t(WebText.kind))]),
                    .element("select", ["id": "kind", "name": "kind"], kindOptions),
                ]),
                LoginPage.field(id: "place", label: t(WebText.place), ["type": "text", "id": "place", "name": "place", "value": query["place"] ?? ""]),
                LoginPage.field(id: "from", label: t(WebText.from), ["type": "text", "id": "from", "name": "from", "value": query["from"] ?? "",
                                                                    "inputmode": "numeric"]),
                LoginPage.field(id: "to", label: t(WebText.to), ["type": "text", "id": "to", "name": "to", "value": query["to"] ?? "",
                                                                "inputmode": "numeric"]),
                .element("button", ["type": "submit"], [.text(t(WebText.search))]),
            ]),
        ]
        if let problem {
            content.append(.element("p", ["class": "error", "role": "alert"], [.text(t(problem) + (problemDetail.map { ": \($0)" } ?? ""))]))
        } else if searched {
            content.append(.element("h2", ["id": "results"], [.text("\(t(WebText.results)): \(total) \(t(WebText.found))")]))
            if rows.isEmpty {
                content.append(.element("p", [:], [.text(t(WebText.noResults))]))
            } else {
                content.append(.element("ul", ["class": "results", "aria-labelledby": "results"], rows.map { row(language, $0) }))
            }
        }
        return Layout(language: language, title: t(WebText.records), path: "/records", account: account).render(.group(content))
    }

    private func row(_ language: Language, _ row: Row) -> HTML {
        let t = language
        var meta: [String] = [t(row.kind.label)]
        if let date = row.date { meta.append(t.date(date)) }
        if let code = row.placeCode { meta.append(Self.placeName(code, language)) }
        return .element("li", [:], [
            .element("a", ["href": "/records/\(row.kind.code)/\(row.id.uuidString.lowercased())"], [.text(row.title ?? t(WebText.withheld))]),
            .element("span", ["class": "meta"], [.text(meta.joined(separator: " · "))]),
        ])
    }

    /// A place in the reader's script: Hangul for Korean, romanised for English.
    static func placeName(_ code: String, _ language: Language) -> String {
        guard let place = Gazetteer.shared.place(code: code) else { return code }
        return language == .ko ? place.nameHangul : place.nameRomanised
    }

    /// The row of a stored record; its title and full date only where protected fields are
    /// visible (an event's date is protected; the year alone is what a list filters by).
    static func row(_ stored: AnyStored, seesProtected: Bool) -> Row {
        let record = stored.record
        let title = seesProtected ? record.searchText.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) : nil
        let date = seesProtected ? record.facets.from : record.facets.from.flatMap { try? FuzzyDate(parsing: String($0.year)) }
        return Row(kind: stored.kind, id: record.id, title: title, date: date, placeCode: record.facets.placeCode)
    }
}
