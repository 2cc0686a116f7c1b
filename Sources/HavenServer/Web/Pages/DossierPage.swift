import Foundation
import HavenCore
import HavenReports

/// A dossier laid out for paper (A4, print styles in the stylesheet): who made it and when, a
/// summary, the chronology of the incidents with victims, perpetrators and sources (reliability,
/// credibility, corroboration), and every request made with its answer or non-response. The
/// browser's Print saves it as PDF without anything written on the server.
struct DossierPage {
    var dossier: Dossier
    var generatedAt: Date
    var generatedBy: String
    /// The page's own path, for the language switch.
    var path: String

    func render(_ language: Language, account: PageUser) -> String {
        // The page title names a dossier only: its subject may be protected.
        Layout(language: language, title: language(WebText.dossier), path: path, account: account).render(article(language))
    }

    /// The dossier as a document of its own, its stylesheet inlined, for printing to PDF on the
    /// server (this document never reaches a browser, so the CSP's ban on inline style does not apply).
    func printDocument(_ language: Language) -> String {
        let css = String(buffer: PageController.stylesheet)
        let document = HTML.element("html", ["lang": language.rawValue], [
            .element("head", [:], [.element("meta", ["charset": "utf-8"]), .element("title", [:], [.text(language(WebText.dossier))]),
                                   .trusted("<style>" + css.replacingOccurrences(of: "</", with: "<\\/") + "</style>")]),
            .element("body", [:], [article(language)]),
        ])
        return "<!DOCTYPE html>\n" + document.rendered
    }

    func article(_ language: Language) -> HTML {
        let t = language
        let withheld = t(WebText.withheld)
        let heading: String
        switch dossier.subject {
        case .event: heading = "\(t(WebText.dossier)): \(dossier.name ?? withheld)"
        case .person: heading = "\(t(WebText.dossier)): \(dossier.name ?? withheld)"
        case .party(let name, let from, let to):
            heading = "\(t(WebText.dossier)): \(name)" + ((from != nil || to != nil) ? " (\(from.map { t.date($0) } ?? "…") – \(to.map { t.date($0) } ?? "…"))" : "")
        }
        let unanswered = dossier.interventions.filter { !$0.isAnswered }.count
        let people = dossier.incidents.reduce(0) { $0 + $1.people }
        var content: [HTML] = [
            .element("p", ["class": "confidential"], [.text(t(WebText.confidential))]),
            .element("h1", [:], [.text(heading)]),
            .element("p", ["class": "meta"], [.text("\(t(WebText.generated)) \(t.instant(generatedAt)) · \(generatedBy)")]),
            .element("p", ["class": "hint no-print"], [.text(t(WebText.printHint) + " "),
                                                       .element("a", ["href": pdfPath], [.text(t(WebText.downloadPDF))])]),
            .element("h2", [:], [.text(t(WebText.summary))]),
            .element("ul", [:], [
                .element("li", [:], [.text("\(t(WebText.incidents)): \(dossier.incidents.count)")]),
                .element("li", [:], [.text("\(t(WebText.peopleAffected)): \(people)")]),
                .element("li", [:], [.text("\(t(WebText.interventionsAbout)): \(dossier.interventions.count) (\(t(WebText.unansweredCount)) \(unanswered))")]),
            ]),
            .element("h2", [:], [.text(t(WebText.chronology))]),
        ]
        if dossier.incidents.isEmpty { content.append(.element("p", [:], [.text(t(WebText.none))])) }
        for incident in dossier.incidents {
            let event = incident.event
            var facts = [event.startDate.map { dossier.seesProtected ? t.date($0) : String($0.year) }, event.placeCode.map { RecordsPage.placeName($0, language) },
                         t(event.verification.label)].compactMap { $0 }
            facts.append(t(incident.corroborated ? WebText.corroboratedSources : WebText.singleSource))
            var section: [HTML] = [
                .element("h3", [:], [.text(dossier.seesProtected ? event.title : withheld)]),
                .element("p", ["class": "meta"], [.text(facts.joined(separator: " · "))]),
            ]
            if dossier.seesProtected, let description = event.description { section.append(.element("p", [:], [.text(description)])) }
            section.append(.element("ul", [:], incident.acts.map { act in
                let victim = act.group.map { RecordPage.groupSummary($0, language) } ?? act.victim ?? withheld
                return .element("li", [:], [.text("\(t(act.type.label)): \(victim) — \(t(act.status.label))")])
            }))
            if !incident.actors.isEmpty {
                section.append(.element("p", [:], [.text("\(t(WebText.actors)): " + incident.actors.map { actor in
                    "\(actor.name ?? withheld) (\(t(actor.role.label))\(actor.organisation.map { ", " + t($0.label) } ?? ""))"
                }.joined(separator: "; "))]))
            }
            if !incident.sources.isEmpty {
                section.append(.element("table", ["class": "report"], [
                    .element("thead", [:], [.element("tr", [:], [WebText.sources, WebText.connection, WebText.rating, WebText.whatTheySaid].map {
                        .element("th", ["scope": "col"], [.text(t($0))])
                    })]),
                    .element("tbody", [:], incident.sources.map { source in
                        .element("tr", [:], [
                            .element("td", [:], [.text("\(source.name ?? withheld) (\(t(source.kind.label)))")]),
                            .element("td", [:], [.text(t(source.connection.label))]),
                            .element("td", [:], [.text("\(source.reliability.code)\(source.credibility.code)")]),
                            .element("td", [:], [.text(source.content ?? (dossier.seesProtected ? "—" : withheld))]),
                        ])
                    }),
                ]))
            }
            content.append(.element("section", ["class": "incident"], section))
        }
        content.append(.element("h2", [:], [.text(t(WebText.requestsMade))]))
        if dossier.interventions.isEmpty { content.append(.element("p", [:], [.text(t(WebText.none))])) }
        if !dossier.interventions.isEmpty {
            content.append(.element("table", ["class": "report"], [
                .element("thead", [:], [.element("tr", [:], [WebText.dateSent, WebText.partyName, WebText.whatWasAsked, WebText.deadline, WebText.response].map {
                    .element("th", ["scope": "col"], [.text(t($0))])
                })]),
                .element("tbody", [:], dossier.interventions.map { intervention in
                    let answer = t(intervention.response.label) + (intervention.responseDate.map { " (\(t.date($0)))" } ?? "")
                    return .element("tr", ["class": intervention.isAnswered ? nil : "unanswered"], [
                        .element("td", [:], [.text(intervention.dateSent.map { t.date($0) } ?? "—")]),
                        .element("td", [:], [.text("\(intervention.partyName) (\(t(intervention.channel.label)))")]),
                        .element("td", [:], [.text(dossier.seesProtected ? intervention.request : withheld)]),
                        .element("td", [:], [.text(intervention.deadline.map { t.date($0) } ?? "—")]),
                        .element("td", [:], [.text(answer)]),
                    ])
                }),
            ]))
        }
        return .element("article", ["class": "dossier"], content)
    }

    /// The same dossier as PDF.
    var pdfPath: String { path.contains("?") ? path + "&format=pdf" : path + "?format=pdf" }
}
