import Foundation
import HavenCore
import HavenFixtures
@testable import HavenReports
import HavenStats
import HavenStore
import Testing

/// The demo's history makes every report meaningful at first sight: it loads through the same
/// validation as any import, and the reports find in it what it was built to hold.
@Suite(.serialized)
struct DemoHistoryTests {
    @Test func theStandardHistoryLoadsAndEveryReportFindsWhatItHolds() async throws {
        try await TestServer.with { server in
            let store = server.store
            let today = server.clock.now
            let records = DemoDataset.records() + DemoHistory.records(incidents: 900, today: today)
            _ = try await store.importRecords(records, by: .system)
            #expect(records.count > 5_000, "\(records.count) records")
            #expect(records.compactMap { $0 as? Event }.count > 900)
            let analyst = ActingIdentity.account(UUID(), compartments: [Compartment.default])

            // Three years up to last month, none of it in the future.
            let dates = records.compactMap { ($0 as? Event)?.startDate?.earliest }
            let thisMonth = String(Day.string(today).prefix(7))
            #expect(dates.allSatisfy { String($0.prefix(7)) < thisMonth } && dates.contains { $0.hasPrefix(String(Int(thisMonth.prefix(4))! - 3)) })
            // A request to a government is sent after the arrest it is about, never before.
            let started = Dictionary(uniqueKeysWithValues: records.compactMap { $0 as? Event }.map { ($0.id, $0.startDate?.earliest ?? "") })
            #expect(records.compactMap { $0 as? Intervention }.allSatisfy { intervention in
                intervention.subjectIDs.allSatisfy { (intervention.dateSent?.earliest ?? "") >= (started[$0] ?? "") }
            })

            // The Dandong area's surge, four months before this one, is found; its months before
            // are not surges of a region whose records begin there.
            let trends = try await TrendsReader.trends(try TrendsQuery(today: today), detector: SurgeDetector(), repository: store, actor: analyst)
            let surgeMonth = Month(thisMonth)!.adding(-4)
            #expect(trends.surges.contains { $0.region == "CN-LN" && $0.month == surgeMonth }, "\(trends.surges)")
            #expect(trends.months.dropLast().allSatisfy { (trends.byMonth[$0] ?? 0) > 0 }, "every month up to last month has acts")

            // Brokers: the three risky ones flagged, the others mostly not.
            let brokers = try await Reports.brokers(repository: store, actor: analyst, thresholds: RiskThresholds())
            let flagged = brokers.filter { !$0.record.flags.isEmpty }
            #expect(brokers.count >= 40 && flagged.count >= 3 && flagged.count < brokers.count / 2,
                    "\(flagged.count) of \(brokers.count) flagged: \(flagged.map { $0.record.flags.map(\.kind.code) })")

            // Parties: answered and ignored past the deadline both.
            let parties = try await Reports.parties(repository: store, actor: analyst).parties
            #expect(parties.contains { $0.answered > 0 } && parties.contains { $0.noResponse > 0 }, "\(parties)")

            // People recorded twice in two spellings are suggested for review.
            let suggestions = try await DuplicateFinder.suggestions(repository: store, actor: analyst)
            #expect(suggestions.total >= 10, "\(suggestions.total) suggestions")

            // Statistics count people in every year of the history.
            let year = Int(thisMonth.prefix(4))!
            let statistics = try await StatisticsReader.statistics(firstYear: year - 3, lastYear: year, store: store, actor: analyst)
            #expect((year - 2...year - 1).allSatisfy { statistics.documented($0, [.arrest, .detention]) > 0 })
        }
    }

    @Test func theSameSeedAndMonthGiveTheSameHistory() {
        let today = Date(timeIntervalSince1970: 1_800_000_000)
        func shape(_ records: [any Record]) -> [String] {
            records.map { record in
                switch record {
                case let event as Event: "event \(event.title) \(event.startDate?.description ?? "") \(event.placeCode ?? "")"
                case let person as Person: "person \(person.names.first?.value ?? "")"
                default: "\(type(of: record).kind.code)"
                }
            }
        }
        let a = DemoHistory.records(incidents: 50, today: today), b = DemoHistory.records(incidents: 50, today: today)
        #expect(shape(a) == shape(b))
        #expect(shape(a) != shape(DemoHistory.records(incidents: 50, today: today, seed: 7)))
    }
}
