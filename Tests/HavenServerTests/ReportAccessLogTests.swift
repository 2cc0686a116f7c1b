import Foundation
import HavenCore
@testable import HavenReports
@testable import HavenServer
import HavenStats
import HavenStore
import Testing

/// The access log records what a report showed, not every record it counted: a report of
/// figures is one entry (which report, its parameters, how many records it read); a report that
/// shows records names those, so that "who saw this person" still finds it.
@Suite
struct ReportAccessLogTests {
    /// An incident with a named victim, a broker who handled a request, and an intervention.
    struct Vault {
        let victim: Person, broker: Person, bystander: Person, event: Event, request: RescueRequest, intervention: Intervention
    }

    func vault(_ store: SQLStore) async throws -> Vault {
        func person(_ name: String) -> Person { Person(compartment: "alpha", names: [PersonName(name, script: .hangul, system: .unknown)]) }
        let victim = person("가상 피해자 문"), broker = person("가상 브로커 남"), bystander = person("가상 무관 인물")
        let event = Event(compartment: "alpha", title: "가상 체포", startDate: try FuzzyDate(parsing: "2025-03-02"), placeCode: "CN-JL")
        let act = Act(compartment: "alpha", eventID: event.id, actType: .arrest, victimID: victim.id, date: try FuzzyDate(parsing: "2025-03-02"),
                      placeCode: "CN-JL")
        let request = RescueRequest(compartment: "alpha", contactInitiatedBy: .broker, brokerID: broker.id, groupSize: 3,
                                    timeline: [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2025-02-01"))])
        let intervention = Intervention(compartment: "alpha", subjectIDs: [event.id], partyName: "가상 외교부", channel: .letter,
                                        dateSent: try FuzzyDate(parsing: "2025-03-10"), request: "가상 요청", status: .sent)
        _ = try await store.createAll([victim, broker, bystander, event, act, request, intervention], by: .localOperator)
        return Vault(victim: victim, broker: broker, bystander: bystander, event: event, request: request, intervention: intervention)
    }

    /// The entries `actor` caused after `seq`.
    func entries(_ store: SQLStore, by actor: ActingIdentity, after seq: Int) async throws -> [AuditEntry] {
        try await store.auditLog().map(\.entry).filter { $0.actor == actor.id && $0.seq > seq }
    }

    func field(_ entry: AuditEntry, _ key: String) -> String? {
        entry.detail.split(separator: " ").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }

    @Test func aReportOfFiguresIsOneEntrySayingWhatItReadAndNamingNoRecord() async throws {
        try await TestServer.with { server in
            let store = server.store
            let made = try await vault(store)
            let analyst = ActingIdentity.account(UUID(), compartments: ["alpha"])
            let query = try TrendsQuery(first: Month("2025-01")!, last: Month("2025-06")!, today: Date())
            for run in 0..<2 {
                let before = try await store.auditLog().count - 1
                switch run {
                case 0: _ = try await TrendsReader.trends(query, detector: SurgeDetector(), repository: store, actor: analyst)
                default: _ = try await StatisticsReader.statistics(firstYear: 2025, lastYear: 2025, store: store, actor: analyst)
                }
                let written = try await entries(store, by: analyst, after: before)
                #expect(written.count == 1, "run \(run): \(written.map(\.action))")
                let entry = try #require(written.first)
                #expect(entry.action == AuditAction.report.rawValue)
                #expect(field(entry, "report") == ["trends", "statistics"][run])
                #expect((Int(field(entry, "read") ?? "") ?? 0) >= 1, "says how many records it read: \(entry.detail)")
                #expect(field(entry, "shown") == "0")
                #expect(!entry.detail.contains(made.victim.id.wire) && !entry.detail.contains(made.event.id.wire), "names no record")
            }
            let trends = try #require(try await entries(store, by: analyst, after: -1).first { field($0, "report") == "trends" })
            #expect(field(trends, "from") == query.first.description && field(trends, "to") == query.last.description,
                    "the trends entry carries the query's parameters")
            // Who saw the victim: no figure report, since none showed them.
            let seen = try await store.auditEntries(AuditQuery(recordID: made.victim.id), by: .localOperator)
            #expect(!seen.items.contains { $0.actor == analyst.id })
        }
    }

    @Test func reportsThatShowRecordsNameThoseTheyShowAndNotThoseTheyCounted() async throws {
        try await TestServer.with { server in
            let store = server.store
            let made = try await vault(store)
            let analyst = ActingIdentity.account(UUID(), compartments: ["alpha"])
            func whoSaw(_ id: UUID) async throws -> Set<String> {
                Set(try await store.auditEntries(AuditQuery(recordID: id, limit: 1_000), by: .localOperator).items.filter { $0.actor == analyst.id }.map(\.action))
            }

            // The parties' figures list each party's interventions by their date: those are shown.
            _ = try await Reports.parties(repository: store, actor: analyst)
            #expect(try await whoSaw(made.intervention.id) == ["list"], "the parties report names the interventions it lists")
            #expect(try await whoSaw(made.event.id).isEmpty, "and not the incident they concern")

            let brokers = try await Reports.brokers(repository: store, actor: analyst, thresholds: RiskThresholds())
            #expect(brokers.map(\.subject.id) == [made.broker.id])
            #expect(try await whoSaw(made.broker.id) == ["list"], "the broker list names the broker it lists")
            #expect(try await whoSaw(made.request.id).isEmpty, "but not the request it counted")
            let report = try #require(try await store.auditLog().map(\.entry).last { $0.action == "report" })
            #expect(field(report, "report") == "brokers" && field(report, "shown") == "1")

            _ = try await Reports.trackRecord(of: RecordRef(.person, made.broker.id), repository: store, actor: analyst, thresholds: RiskThresholds())
            #expect(try await whoSaw(made.request.id) == ["list"], "a broker's own track record shows its requests")

            _ = try await DossierReader.dossier(.event(made.event.id), repository: store, actor: analyst)
            #expect(try await whoSaw(made.victim.id) == ["list"], "the dossier names the victim it shows")
            #expect(try await whoSaw(made.bystander.id).isEmpty, "and nobody it does not show")
        }
    }

    @Test func aReportThatFailsIsStillOnTheRecord() async throws {
        try await TestServer.with { server in
            let store = server.store
            let analyst = ActingIdentity.account(UUID(), compartments: ["alpha"])
            let missing = UUID()
            await #expect(throws: StoreError.self) {
                _ = try await DossierReader.dossier(.person(missing), repository: store, actor: analyst)
            }
            let entry = try #require(try await entries(store, by: analyst, after: -1).max { $0.seq < $1.seq })
            #expect(entry.action == "report" && entry.detail.contains("failed") && field(entry, "report") == "dossier")
        }
    }

    @Test func theRecordPagesTrailSaysInWordsThatAReportShowedTheRecord() async throws {
        #expect(AuditActionText.label(action: "list", detail: "shown-by=report returned=1 total=1 offset=0 ids=person:x").ko == "보고서·문서에 표시")
        #expect(AuditActionText.label(action: "read", detail: "").ko == "열람")
        // Every action has Korean words, none of them its code.
        for action in AuditAction.allCases {
            let label = AuditActionText.label(action)
            #expect(label.ko != action.rawValue && label.ko.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) }, "\(action)")
        }
    }
}
