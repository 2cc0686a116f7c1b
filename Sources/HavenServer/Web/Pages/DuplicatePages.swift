import Foundation
import HavenCore
import HavenReports
import HavenLinkage

/// The suggested duplicates among person records, most probable first, each with a review link.
struct DuplicatesPage {
    var suggestions: [DuplicateFinder.Suggestion]
    /// How many pairs were suggested in all; the page shows the most probable.
    var total: Int

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let title = t(WebText.duplicates)
        var content: [HTML] = [.element("h1", [:], [.text(title)]), .element("p", ["class": "notice"], [.text(t(WebText.duplicatesIntro))])]
        if suggestions.isEmpty {
            content.append(.element("p", [:], [.text(t(WebText.none))]))
        } else {
            if total > suggestions.count {
                content.append(.element("p", ["class": "meta"], [.text(t(WebText.mostProbableOf(shown: suggestions.count, total: total)))]))
            }
            content.append(.element("table", ["class": "report"], [
                .element("thead", [:], [.element("tr", [:], [WebText.names, WebText.names, WebText.matchProbability, WebText.review].map {
                    .element("th", ["scope": "col"], [.text(t($0))])
                })]),
                .element("tbody", [:], suggestions.map { pair in
                    .element("tr", [:], [
                        .element("td", [:], [.text(DuplicateReviewPage.names(pair.first))]),
                        .element("td", [:], [.text(DuplicateReviewPage.names(pair.second))]),
                        .element("td", [:], [.text(DuplicateReviewPage.percent(pair.probability))]),
                        .element("td", [:], [.element("a", ["href": DuplicateReviewPage.path(pair.first.id, pair.second.id)], [.text(t(WebText.review))])]),
                    ])
                }),
            ]))
        }
        return Layout(language: language, title: title, path: "/duplicates", account: account).render(.group(content))
    }
}

/// Two person records side by side, how linkage weighed each comparison, and the decision:
/// merge (either record kept as the main one) or different people.
struct DuplicateReviewPage {
    var pair: DuplicateFinder.Suggestion
    /// What each record appears in (incidents with its roles, rescue requests, interventions),
    /// first's then second's, to help decide whether they are one person.
    var appearances: [RecordPage.Links] = []
    /// What the organisation calls its compartments.
    var compartments = CompartmentNames()

    static func path(_ a: UUID, _ b: UUID) -> String {
        "/duplicates/review?a=\(a.wire)&b=\(b.wire)"
    }

    static func names(_ person: Person) -> String { person.names.map(\.value).joined(separator: " · ") }

    static func percent(_ probability: Double) -> String { String(format: "%.1f%%", probability * 100) }

    /// A row of the side-by-side table: each record's incidents (with its roles), requests and
    /// interventions, each a link.
    func appearsIn(_ t: Language) -> HTML {
        .element("tr", [:], [.element("th", ["scope": "row"], [.text(t(WebText.appearsIn))])] + appearances.map { links in
            let items = links.sections.filter { $0.id != "same-person" }.flatMap(\.items)
            return .element("td", [:], [items.isEmpty ? .text("—") : .element("ul", ["class": "linked"], items.map { item in
                .element("li", [:], [.element("a", ["href": "/records/\(item.kind.code)/\(item.id.wire)"], [.text(item.name ?? t(item.kind.label))]),
                                     .element("span", ["class": "meta"], [.text(item.details.joined(separator: " · "))])])
            })])
        })
    }

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let title = t(WebText.reviewDuplicate)
        let people = [pair.first, pair.second]
        func row(_ label: LocalizedLabel, _ value: (Person) -> String?) -> HTML {
            .element("tr", [:], [.element("th", ["scope": "row"], [.text(t(label))])] + people.map { .element("td", [:], [.text(value($0) ?? "—")]) })
        }
        // Which record is which: A and B, each by its name, birth year and origin.
        let letter = { (person: Person) in person.id == pair.first.id ? "A" : "B" }
        let named = { (person: Person) in "\(letter(person)) · \(t.name(RecordLabel.of(person, seesProtected: true)))" }
        let link = { (person: Person) in
            HTML.element("a", ["href": "/records/person/\(person.id.wire)"], [.text(named(person))])
        }
        let origin = { (person: Person) -> String? in
            person.originPlaceCode.map { code in Gazetteer.shared.place(code: code).map { t == .ko ? $0.nameHangul : $0.nameRomanised } ?? code }
        }
        let rows: [HTML] = [
            row(WebText.names) { Self.names($0) },
            row(WebText.sex) { t($0.sex.label) },
            row(WebText.birthDate) { $0.birthDate.map { t.date($0) } },
            row(WebText.origin, origin),
            row(WebText.phone) { $0.phone },
            row(WebText.address) { $0.address },
            row(WebText.compartment) { compartments.name($0.compartment, t) },
        ] + (appearances.count == 2 ? [appearsIn(t)] : [])
        let header: [HTML] = [HTML.element("td", [:], [])] + people.map { HTML.element("th", ["scope": "col"], [link($0)]) }
        var content: [HTML] = [
            .element("h1", [:], [.text(title)]),
            .element("p", [:], [.text("\(t(WebText.matchProbability)): \(Self.percent(pair.probability))")]),
            .element("table", ["class": "report side-by-side"], [
                .element("thead", [:], [.element("tr", [:], header)]),
                .element("tbody", [:], rows),
            ]),
        ]
        let linked = people.map(DuplicateFinder.linkRecord)
        if !pair.parts.isEmpty, linked.count == 2 {
            content.append(.element("h2", ["id": "why"], [.text(t(WebText.comparison))]))
            content.append(.element("table", ["class": "report", "aria-labelledby": "why"], [
                .element("thead", [:], [.element("tr", [:], [WebText.comparison, WebText.agreement, WebText.evidenceWeight].map { .element("th", ["scope": "col"], [.text(t($0))]) })]),
                .element("tbody", [:], pair.parts.map { part in
                    .element("tr", [:], [.element("th", ["scope": "row"], [.text(t(LinkageText.label(part.comparison)))]),
                                         .element("td", [:], [.text(t(LinkageText.meaning(part, linked[0], linked[1])))]),
                                         .element("td", [:], [.text(String(format: "%+.1f", part.weight))])])
                }),
            ]))
        }
        let decide = { (record: Person, into: Person) in
            FormControls.action("/duplicates/merge", csrf: account.csrf,
                                values: ["record": record.id.wire, "into": into.id.wire],
                                button: "\(t(WebText.keepAsMain)): \(named(into))")
        }
        content.append(.element("div", ["class": "actions"], [
            decide(pair.second, pair.first),
            decide(pair.first, pair.second),
            FormControls.action("/duplicates/distinct", csrf: account.csrf,
                                values: ["a": pair.first.id.wire, "b": pair.second.id.wire],
                                button: t(WebText.differentPeople), buttonClass: "secondary"),
        ]))
        return Layout(language: language, title: title, path: "/duplicates", account: account).render(.group(content))
    }
}
