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
        /// The record's status in words (verification, rescue status …), when it has one.
        var status: LocalizedLabel? = nil
        /// Whether the title is withheld (rather than absent, as a rescue request has none).
        var withheld = false
    }

    /// The compartments the reader may filter by (a choice is offered when there are several).
    var compartments: [CompartmentOption] = []

    /// What was asked, as typed, to fill the form again.
    var query: [String: String] = [:]
    var rows: [Row] = []
    var total = 0
    var problem: LocalizedLabel?
    var problemDetail: String?
    var searched = false
    /// Whether the reader may record a new incident.
    var canCreate = false

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        var kindOptions: [HTML] = [.element("option", ["value": ""], [.text(t(WebText.mainKinds))])]
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
                Self.select("status", t(WebText.status), selected: query["status"], any: t(WebText.anyStatus), groups: Self.statusGroups(language)),
                Self.select("type", t(WebText.typeFilter), selected: query["type"], any: t(WebText.anyType), groups: Self.typeGroups(language)),
                compartments.count > 1
                    ? Self.select("compartment", t(WebText.compartment), selected: query["compartment"], any: t(WebText.allCompartments),
                                  groups: [("", compartments.map { ($0.code, $0.name) })])
                    : .group([]),
                LoginPage.field(id: "place", label: t(WebText.place), ["type": "text", "id": "place", "name": "place", "value": query["place"] ?? "",
                                                                      "list": "places", "autocomplete": "off"]),
                FormControls.placeList(),
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
            // The next page is posted like the search, so that its text stays out of the URL.
            let offset = Int(query["offset"] ?? "") ?? 0
            if offset + rows.count < total {
                content.append(.element("form", ["method": "post", "action": "/records", "class": "inline"],
                    [.element("input", ["type": "hidden", "name": "_csrf", "value": account.csrf])]
                    + query.filter { $0.key != "offset" }.sorted { $0.key < $1.key }.map { .element("input", ["type": "hidden", "name": $0.key, "value": $0.value]) }
                    + [.element("input", ["type": "hidden", "name": "offset", "value": String(offset + rows.count)]),
                       .element("button", ["type": "submit", "class": "secondary"], [.text(t(WebText.nextPage))])]))
            }
        }
        return Layout(language: language, title: t(WebText.records), path: "/records", account: account).render(.group(content))
    }

    private func row(_ language: Language, _ row: Row) -> HTML {
        let t = language
        var meta: [String] = [t(row.kind.label)]
        if let status = row.status { meta.append(t(status)) }
        if let date = row.date { meta.append(t.date(date)) }
        if let code = row.placeCode { meta.append(Self.placeName(code, language)) }
        return .element("li", [:], [
            .element("a", ["href": "/records/\(row.kind.code)/\(row.id.wire)"],
                     [.text(row.title ?? (row.withheld ? t(WebText.withheld) : t(row.kind.label)))]),
            .element("span", ["class": "meta"], [.text(meta.joined(separator: " · "))]),
        ])
    }

    /// A select with an "any" choice first and options in labelled groups (a group without a
    /// label is listed plainly).
    static func select(_ id: String, _ label: String, selected: String?, any: String, groups: [(String, [(String, String)])]) -> HTML {
        let option = { (value: String, text: String) in HTML.element("option", ["value": value, "selected": selected == value ? "" : nil], [.text(text)]) }
        var options = [option("", any)]
        for (name, choices) in groups {
            options += name.isEmpty ? choices.map(option) : [.element("optgroup", ["label": name], choices.map(option))]
        }
        return .element("div", ["class": "field"], [.element("label", ["for": id], [.text(label)]), .element("select", ["id": id, "name": id], options)])
    }

    /// Statuses by the kind of record they belong to.
    static func statusGroups(_ language: Language) -> [(String, [(String, String)])] {
        func group<V: Vocabulary>(_ kind: RecordKind, _ type: V.Type) -> (String, [(String, String)]) {
            (language(kind.label), V.allCases.map { ($0.code, language($0.label)) })
        }
        return onceEach([group(.event, VerificationStatus.self), group(.rescueRequest, RescueStatus.self), group(.intervention, InterventionStatus.self),
                         group(.act, VictimStatus.self)])
    }

    /// Each code once: the filter matches a code whatever the kind, so a term two kinds share
    /// (missing, ngo, family …) is offered under the first kind that has it, not twice.
    static func onceEach(_ groups: [(String, [(String, String)])]) -> [(String, [(String, String)])] {
        var seen = Set<String>()
        return groups.map { name, choices in (name, choices.filter { seen.insert($0.0).inserted }) }.filter { !$0.1.isEmpty }
    }

    /// Types by the kind of record they belong to.
    static func typeGroups(_ language: Language) -> [(String, [(String, String)])] {
        func group<V: Vocabulary>(_ kind: RecordKind, _ type: V.Type) -> (String, [(String, String)]) {
            (language(kind.label), V.allCases.map { ($0.code, language($0.label)) })
        }
        return onceEach([group(.act, ActType.self), group(.organisation, OrganisationKind.self), group(.source, SourceKind.self),
                         group(.involvement, InvolvementRole.self), group(.rescueRequest, ContactInitiator.self)])
    }

    /// The words of a record's status code, for the kinds whose status is a vocabulary term.
    static func statusLabel(_ kind: RecordKind, _ code: String?) -> LocalizedLabel? {
        guard let code else { return nil }
        switch kind {
        case .event: return VerificationStatus(rawValue: code)?.label
        case .rescueRequest: return RescueStatus(rawValue: code)?.label
        case .intervention: return InterventionStatus(rawValue: code)?.label
        case .act: return VictimStatus(rawValue: code)?.label
        default: return nil
        }
    }

    /// What the list shows when no kind, type or status is chosen: the records an officer works
    /// with, not the parts they are made of (acts, involvements, information …), which a kind,
    /// type or status filter still finds.
    static let mainKinds: Set<RecordKind> = [.event, .person, .rescueRequest, .intervention]

    /// A place in the reader's script: Hangul for Korean, romanised for English.
    static func placeName(_ code: String, _ language: Language) -> String {
        guard let place = Gazetteer.shared.place(code: code) else { return code }
        return language == .ko ? place.nameHangul : place.nameRomanised
    }

    /// The row of a stored record; its title and full date only where protected fields are
    /// visible (an event's date is protected; the year alone is what a list filters by).
    static func row(_ stored: AnyStored, seesProtected: Bool) -> Row {
        let record = stored.record
        // A rescue request has no title of its own (its text is notes): its kind and status name it.
        let hasTitle = !(record is RescueRequest)
        let title = seesProtected && hasTitle ? record.searchText.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) : nil
        let date = seesProtected ? record.facets.from : record.facets.from.flatMap { try? FuzzyDate(parsing: String($0.year)) }
        return Row(kind: stored.kind, id: record.id, title: title, date: date, placeCode: record.facets.placeCode,
                   status: statusLabel(stored.kind, record.facets.status), withheld: hasTitle && !seesProtected)
    }
}
