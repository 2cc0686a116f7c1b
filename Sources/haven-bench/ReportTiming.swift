import Foundation
import HavenCore
import HavenCrypto
import HavenFixtures
import HavenReports
import HavenStats
import HavenStore

/// Times the reports over the demo's history at the size of a real organisation: the vault is
/// filled with ``DemoHistory`` (about eight records an incident), closed, unlocked afresh, and
/// each report run twice as an analyst would open it, with the access-log entries it added.
/// Prints the figures; judges none.
enum ReportTiming {
    static func measure(incidents: Int, location: StoreLocation, engine: String) async throws {
        let master = MasterKey.random()
        var store = try await SQLStore.open(location)
        try await store.initialise(master: master, scrypt: nil, by: .system)
        let today = Date()
        let records = DemoDataset.records() + DemoHistory.records(incidents: incidents, today: today)
        var start = ContinuousClock.now
        for first in stride(from: 0, to: records.count, by: 5_000) {
            _ = try await store.importRecords(Array(records[first..<min(first + 5_000, records.count)]), by: .system)
        }
        let load = (ContinuousClock.now - start).seconds
        progress("\(engine): loaded \(records.count) records (\(incidents) incidents of history) in \(format(load)) s "
                 + "(\(Int(Double(records.count) / load)) records/s)")

        try await store.close()
        start = ContinuousClock.now
        store = try await SQLStore.open(location)
        try await store.unlock(master: master, by: .system)
        let unlock = (ContinuousClock.now - start).seconds
        progress("  unlock: \(await store.indexedRecordCount) records in \(format(unlock)) s, peak memory \(HavenBench.peakResidentMiB()) MiB")

        let analyst = ActingIdentity.account(UUID(), compartments: [Compartment.default])
        let year = Int(Day.string(today).prefix(4))!
        let brokers = try await Reports.brokers(repository: store, actor: analyst, thresholds: RiskThresholds())
        let busiest = brokers.max { $0.record.requestsHandled < $1.record.requestsHandled }!.subject
        let victim = records.lazy.compactMap { $0 as? Act }.first { $0.victimID != nil }!.victimID!
        let party = "가상 외교부 (Fictional Ministry of Foreign Affairs)"
        let reports: [(String, () async throws -> Void)] = [
            ("trends (last 24 months)", { _ = try await TrendsReader.trends(try TrendsQuery(today: today), detector: SurgeDetector(), repository: store, actor: analyst) }),
            ("statistics (4 years)", { _ = try await StatisticsReader.statistics(firstYear: year - 3, lastYear: year, store: store, actor: analyst) }),
            ("parties", { _ = try await Reports.parties(repository: store, actor: analyst) }),
            ("broker list", { _ = try await Reports.brokers(repository: store, actor: analyst, thresholds: RiskThresholds()) }),
            ("busiest broker's track record", { _ = try await Reports.trackRecord(of: busiest, repository: store, actor: analyst, thresholds: RiskThresholds()) }),
            ("a party's dossier", { _ = try await DossierReader.dossier(.party(name: party, from: nil, to: nil), repository: store, actor: analyst) }),
            ("a person's dossier", { _ = try await DossierReader.dossier(.person(victim), repository: store, actor: analyst) }),
            ("duplicate suggestions", { _ = try await DuplicateFinder.suggestions(repository: store, actor: analyst) }),
        ]
        print("| report (\(engine), \(records.count) records) | first run (s) | second run (s) | access-log entries |")
        print("|---|---:|---:|---:|")
        for (name, run) in reports {
            var seconds: [Double] = []
            var entries = 0
            for _ in 0..<2 {
                // The log's size as this store knows it (the benchmark is its only writer): reading
                // the whole log to count it cost more than the reports at a million entries.
                let before = await store.auditLogSize
                let started = ContinuousClock.now
                try await run()
                seconds.append((ContinuousClock.now - started).seconds)
                entries = await store.auditLogSize - before
            }
            print("| \(name) | \(format(seconds[0])) | \(format(seconds[1])) | \(entries) |")
        }
        start = ContinuousClock.now
        let verified = try await store.verifyAudit()
        print("| audit verify (\(verified.entries) entries) | \(format((ContinuousClock.now - start).seconds)) | | |")
        print("Peak resident memory of this process: \(HavenBench.peakResidentMiB()) MiB")
        try await store.close()
    }
}
