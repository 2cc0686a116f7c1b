import Foundation
import HavenCore
import HavenReports

/// The first page after signing in: who is signed in and, for an account still in its
/// enrolment session, what to do first; for roles that read records, the dashboard.
struct HomePage {
    /// What the dashboard shows, within the reader's compartments.
    struct Dashboard: Equatable {
        var recent: [RecordsPage.Row]
        var rescueByStatus: [RescueCount]
        /// Events per month, oldest first: year, month, count.
        var monthly: [MonthCount]
        /// Interventions past their deadline without an answer, oldest deadline first (the
        /// first few of them).
        var overdue: [Overdue] = []
        /// How many interventions are overdue in all.
        var overdueTotal = 0
        /// Interventions whose deadline comes within the next two weeks, soonest first.
        var dueSoon: [Overdue] = []
        /// Rescue requests received and not yet verified, oldest first (the first few), and how many in all.
        var awaitingVerification: [RecordsPage.Row] = []
        var awaitingTotal = 0
    }

    /// An intervention with a deadline: to whom, by when, how urgent, and what it is about.
    struct Overdue: Equatable {
        var id: UUID; var party: String; var deadline: FuzzyDate; var priority: Priority
        /// The record it concerns, named.
        var about: RecordLabel? = nil
    }

    struct RescueCount: Equatable { var status: RescueStatus; var count: Int }
    struct MonthCount: Equatable { var year: Int; var month: Int; var count: Int }

    var username: String
    var role: Role
    var needsSetup: Bool
    var csrf: String
    var dashboard: Dashboard?
    /// Forms kept when a session ended: id and when.
    var drafts: [(id: UUID, savedAt: Date)] = []

    func render(_ language: Language) -> String {
        let t = language
        var content: [HTML] = [
            .element("h1", [:], [.text("\(t(WebText.welcome)), \(username)")]),
            .element("p", [:], [.text(t(role.label))]),
        ]
        if needsSetup {
            content.append(.element("p", ["class": "notice", "role": "status"], [.text(t(WebText.finishSetup))]))
            content.append(.element("ul", [:], [
                .element("li", [:], [.element("a", ["href": "/account/password"], [.text(t(WebText.changePassword))])]),
                .element("li", [:], [.element("a", ["href": "/account/enrol"], [.text(t(WebText.enrol))])]),
            ]))
        }
        if !drafts.isEmpty {
            content.append(.element("section", ["class": "notice", "aria-labelledby": "drafts"], [
                .element("h2", ["id": "drafts"], [.text(t(WebText.unsavedForms))]),
                .element("ul", [:], drafts.map { draft in
                    .element("li", [:], [.element("a", ["href": "/drafts/\(draft.id.wire)"],
                                                  [.text("\(t(WebText.continueForm)) · \(t.instant(draft.savedAt))")])])
                }),
            ]))
        }
        if let dashboard { content.append(render(dashboard, language)) }
        return Layout(language: language, title: t(WebText.home), path: "/", account: PageUser(username: username, csrf: csrf, role: needsSetup ? nil : role)).render(.group(content))
    }

    private func render(_ dashboard: Dashboard, _ language: Language) -> HTML {
        let t = language
        let recent: HTML = dashboard.recent.isEmpty
            ? .element("p", [:], [.text(t(WebText.none))])
            : .element("ul", ["class": "results"], dashboard.recent.map { row in
                var meta = [t(row.kind.label)]
                if let date = row.date { meta.append(t.date(date)) }
                if let code = row.placeCode { meta.append(RecordsPage.placeName(code, language)) }
                return .element("li", [:], [
                    .element("a", ["href": "/records/\(row.kind.code)/\(row.id.wire)"], [.text(row.title ?? t(WebText.withheld))]),
                    .element("span", ["class": "meta"], [.text(meta.joined(separator: " · "))]),
                ])
            })
        let months = dashboard.monthly.map { month in
            (label: language == .ko ? "\(month.month)월" : Self.shortMonths[month.month - 1], value: month.count)
        }
        let chart = BarChart(counts: months, title: t(WebText.incidentsByMonth))
        return .element("div", ["class": "dashboard"], [
            .element("section", ["aria-labelledby": "recent"], [.element("h2", ["id": "recent"], [.text(t(WebText.recentIncidents))]), recent]),
            .element("section", ["aria-labelledby": "overdue"], [
                .element("h2", ["id": "overdue"], [.text(t(WebText.overdueInterventions)
                    + (dashboard.overdueTotal > dashboard.overdue.count ? " (\(dashboard.overdue.count) / \(dashboard.overdueTotal))" : ""))]),
                deadlines(dashboard.overdue, t),
            ]),
            .element("section", ["aria-labelledby": "due-soon"], [
                .element("h2", ["id": "due-soon"], [.text(t(WebText.dueSoon))]),
                deadlines(dashboard.dueSoon, t),
            ]),
            .element("section", ["aria-labelledby": "to-verify"], [
                .element("h2", ["id": "to-verify"], [.text(t(WebText.awaitingVerification)
                    + (dashboard.awaitingTotal > dashboard.awaitingVerification.count ? " (\(dashboard.awaitingVerification.count) / \(dashboard.awaitingTotal))" : ""))]),
                dashboard.awaitingVerification.isEmpty ? .element("p", [:], [.text(t(WebText.none))]) : .element("ul", ["class": "results"], dashboard.awaitingVerification.map { row in
                    .element("li", [:], [
                        .element("a", ["href": "/records/rescue_request/\(row.id.wire)"],
                                 [.text(t.name(RecordLabel(kind: .rescueRequest, date: row.date, placeCode: row.placeCode)))]),
                    ])
                }),
            ]),
            .element("section", ["aria-labelledby": "rescue"], [
                .element("h2", ["id": "rescue"], [.text(t(WebText.rescueRequestsByStatus))]),
                .element("table", [:], [
                    .element("tbody", [:], dashboard.rescueByStatus.map { row in
                        .element("tr", [:], [.element("th", ["scope": "row"], [.text(t(row.status.label))]),
                                             .element("td", [:], [.text(String(row.count))])])
                    }),
                ]),
            ]),
            .element("section", ["aria-labelledby": "monthly"], [
                .element("h2", ["id": "monthly"], [.text(t(WebText.incidentsByMonth))]),
                .element("figure", [:], [.trusted(chart.svg())]),
            ]),
        ])
    }

    /// Interventions by deadline: to whom, about what, by when, how urgent.
    func deadlines(_ rows: [Overdue], _ t: Language) -> HTML {
        rows.isEmpty ? .element("p", [:], [.text(t(WebText.none))]) : .element("ul", ["class": "results"], rows.map { row in
            .element("li", [:], [
                .element("a", ["href": "/records/intervention/\(row.id.wire)"], [.text(row.party)]),
                .element("span", ["class": "meta"], [.text(([row.about.map { "\(t(WebText.about)): \(t.name($0))" }].compactMap { $0 }
                    + ["\(t(WebText.deadline)): \(t.date(row.deadline))", t(row.priority.label)]).joined(separator: " · "))]),
            ])
        })
    }

    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
