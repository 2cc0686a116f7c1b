import Foundation
import HavenCore
import HavenReports

/// The brokers and facilitating organisations within reach, those with risk flags first.
struct BrokerListPage {
    struct Row: Equatable {
        var subject: RecordRef
        /// The name, or nil when withheld.
        var name: String?
        var requests: Int
        var arrests: Int
        var flags: [RiskFlagKind]
    }

    var rows: [Row]

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let title = t(WebText.brokerRecords)
        var content: [HTML] = [.element("h1", [:], [.text(title)]), .element("p", ["class": "notice"], [.text(t(WebText.flagNotVerdict))])]
        if rows.isEmpty {
            content.append(.element("p", [:], [.text(t(WebText.none))]))
        } else {
            content.append(.element("table", ["class": "report"], [
                .element("thead", [:], [.element("tr", [:], [WebText.brokerName, WebText.rescueRequests, WebText.linkedArrestIncidents, WebText.riskFlags].map {
                    .element("th", ["scope": "col"], [.text(t($0))])
                })]),
                .element("tbody", [:], rows.map { row in
                    .element("tr", [:], [
                        .element("th", ["scope": "row"], [.element("a", ["href": "/reports/brokers/\(row.subject.kind.code)/\(row.subject.id.wire)"],
                                                                   [.text(row.name ?? t(WebText.withheld))])]),
                        .element("td", [:], [.text(String(row.requests))]),
                        .element("td", [:], [.text(String(row.arrests))]),
                        .element("td", [:], [.text(row.flags.isEmpty ? "—" : row.flags.map { t($0.label) }.joined(separator: ", "))]),
                    ])
                }),
            ]))
        }
        return Layout(language: language, title: title, path: "/reports/brokers", account: account).render(.group(content))
    }
}

/// One broker's or facilitating organisation's track record: requests and outcomes, arrests
/// linked, group sizes, fees over time, allegations weighed by their sources, and risk flags,
/// each leading to its records.
struct TrackRecordPage {
    var record: TrackRecord
    /// The name, or nil when withheld.
    var name: String?
    /// How each linked record is named.
    var labels: [UUID: RecordLabel] = [:]

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let title = t(WebText.trackRecord)
        let link = { (ref: RecordRef) in
            HTML.element("a", ["href": "/records/\(ref.kind.code)/\(ref.id.wire)"], [.text(t.name(labels[ref.id] ?? RecordLabel(kind: ref.kind)))])
        }
        var content: [HTML] = [
            .element("p", ["class": "kind"], [.text(t(record.subject.kind.label)), .text(" · "), link(record.subject)]),
            .element("h1", [:], [.text(name ?? t(WebText.withheld))]),
            .element("p", ["class": "notice"], [.text(t(WebText.flagNotVerdict))]),
            .element("h2", ["id": "flags"], [.text(t(WebText.riskFlags))]),
        ]
        content.append(record.flags.isEmpty ? .element("p", [:], [.text(t(WebText.noFlags))]) :
            .element("ul", ["class": "indicators", "aria-labelledby": "flags"], record.flags.map { flag in
                .element("li", [:], [.element("strong", [:], [.text(t(flag.kind.label))]), .element("span", [:], [.text(t(flag.explanation))]),
                                     .element("span", ["class": "meta"], flag.records.map(link))])
            }))
        content.append(.element("h2", ["id": "outcomes"], [.text("\(t(WebText.rescueRequests)): \(record.requestsHandled)")]))
        content.append(.element("table", ["class": "report", "aria-labelledby": "outcomes"], [.element("tbody", [:],
            RescueStatus.allCases.filter { record.outcomes[$0] != nil }.map { status in
                .element("tr", [:], [.element("th", ["scope": "row"], [.text(t(status.label))]), .element("td", [:], [.text(String(record.outcomes[status] ?? 0))])])
            })]))
        let incidents = record.arrestIncidents
        let people = incidents.reduce(0) { $0 + $1.people }
        content.append(.element("h2", ["id": "arrests"], [.text("\(t(WebText.linkedArrests)): \(t(WebText.incidentCount(incidents.count))) · \(t(WebText.peopleCount(people)))")]))
        content.append(.element("ul", ["class": "linked"], incidents.map { arrest in
            .element("li", [:], [link(RecordRef(.event, arrest.event)),
                                 .element("span", ["class": "meta"], [.text([arrest.date.map { t.date($0) }, t(WebText.peopleCount(arrest.people))].compactMap { $0 }.joined(separator: " · "))])])
        }))
        content.append(.element("h2", [:], [.text(t(WebText.groupSizes))]))
        content.append(.element("p", [:], [.text(record.groupSizes.isEmpty ? "—" : record.groupSizes.map(String.init).joined(separator: ", "))]))
        content.append(.element("h2", ["id": "fees"], [.text(t(WebText.feesOverTime))]))
        content.append(.element("table", ["class": "report", "aria-labelledby": "fees"], [.element("tbody", [:], record.fees.map { entry in
            .element("tr", [:], [.element("th", ["scope": "row"], [.text(entry.date.map { t.date($0) } ?? "—")]),
                                 .element("td", [:], [.text("\(RescueRequestForm.amount(entry.fee.amount)) \(entry.fee.currency)")]),
                                 .element("td", [:], [link(RecordRef(.rescueRequest, entry.request))])])
        })]))
        content.append(.element("h2", ["id": "allegations"], [.text(t(WebText.allegations))]))
        content.append(.element("table", ["class": "report", "aria-labelledby": "allegations"], [
            .element("thead", [:], [.element("tr", [:], [WebText.what, WebText.sources, WebText.corroborated, WebText.weight].map {
                .element("th", ["scope": "col"], [.text(t($0))])
            })]),
            .element("tbody", [:], record.allegations.map { allegation in
                .element("tr", [:], [
                    .element("th", ["scope": "row"], [.text(t(allegation.type.label) + " "), link(RecordRef(.event, allegation.event))]),
                    .element("td", [:], [.text(allegation.bestRating ?? "—")]),
                    .element("td", [:], [.text(t(allegation.corroborated ? WebText.yes : WebText.no))]),
                    .element("td", [:], [.text(String(format: "%.2f", allegation.weight))]),
                ])
            }),
        ]))
        return Layout(language: language, title: title, path: "/reports/brokers/\(record.subject.kind.code)/\(record.subject.id.wire)",
                      account: account).render(.group(content))
    }
}

/// How each party answered the requests sent to it: sent, answered, unanswered (and how many
/// of those passed their deadline), and the median days to an answer; each party's requests one
/// click away.
struct PartyResponsesPage {
    /// How many of a party's requests the page lists, the latest first; the rest are in the
    /// party's dossier, one click away.
    static let shownPerParty = 20

    var parties: [PartyResponses]
    /// How each intervention listed is named.
    var labels: [UUID: RecordLabel] = [:]

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let title = t(WebText.partyResponses)
        var content: [HTML] = [.element("h1", [:], [.text(title)]), .element("p", ["class": "hint"], [.text(t(WebText.partyResponsesIntro))])]
        if parties.isEmpty { content.append(.element("p", [:], [.text(t(WebText.none))])) }
        if !parties.isEmpty {
            content.append(.element("table", ["class": "report"], [
                .element("thead", [:], [.element("tr", [:], [WebText.partyName, WebText.sentCount, WebText.answeredCount, WebText.unansweredCount,
                                                             WebText.medianDays].map { .element("th", ["scope": "col"], [.text(t($0))]) })]),
                .element("tbody", [:], parties.map { party in
                    .element("tr", [:], [
                        .element("th", ["scope": "row"], [.element("details", [:], [
                            .element("summary", [:], [.text(party.party)]),
                            .element("p", [:], [.element("a", ["href": "/dossiers/party?name=\(party.party.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"],
                                                         [.text(t(WebText.makeDossier))])]),
                            .element("ul", [:], party.interventions.prefix(Self.shownPerParty).map { id in
                                .element("li", [:], [.element("a", ["href": "/records/intervention/\(id.wire)"],
                                                              [.text(t.name(RecordLabel(kind: .intervention, date: labels[id]?.date)))])])
                            }),
                            party.interventions.count > Self.shownPerParty
                                ? .element("p", ["class": "meta"], [.text(t(WebText.latestRequests(shown: Self.shownPerParty, of: party.interventions.count)))])
                                : .group([]),
                        ])]),
                        .element("td", [:], [.text(String(party.sent))]),
                        .element("td", [:], [.text(String(party.answered))]),
                        .element("td", [:], [.text("\(party.unanswered) (\(t(InterventionResponse.noResponse.label)) \(party.noResponse))")]),
                        .element("td", [:], [.text(party.medianDaysToAnswer.map { String(format: "%.0f", $0) } ?? "—")]),
                    ])
                }),
            ]))
        }
        return Layout(language: language, title: title, path: "/reports/parties", account: account).render(.group(content))
    }
}
