import Foundation
import HavenCore
import HavenFixtures
import HavenReports
import HavenCrypto
import HavenServer
import HavenStore

/// Times what `/duplicates` does on each visit: read every person within reach (each search of
/// 500 one access-log entry) and link them. Prints the figures; judges none.
enum DuplicateTiming {
    static func measure(persons count: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("haven-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLStore.open(.sqlite(path: directory.appendingPathComponent("haven.sqlite").path))
        try await store.initialise(master: MasterKey.random(), scrypt: nil, by: .system)
        // One person in ten recorded a second time by another source, in McCune–Reischauer only.
        var persons: [any Record] = []
        for case let person as Person in SyntheticBulk.records(count: count) {
            persons.append(person)
            if persons.count % 11 == 10 {
                persons.append(Person(names: [person.names[person.names.count - 1]], sex: person.sex, birthDate: person.birthDate,
                                      originPlaceCode: person.originPlaceCode))
            }
        }
        var loaded = 0
        while loaded < persons.count {
            loaded += try await store.importRecords(Array(persons[loaded..<min(loaded + 1_000, persons.count)]), by: .system)
        }
        progress("Loaded \(loaded) synthetic persons (one in eleven a second record of the one before); timing the duplicate suggestions (two visits) …")
        for visit in 1...2 {
            let entries = await store.auditLogSize
            let start = ContinuousClock.now
            let suggestions = try await DuplicateFinder.suggestions(repository: store, actor: .system).pairs
            let seconds = (ContinuousClock.now - start).seconds
            let logged = await store.auditLogSize - entries
            progress("  visit \(visit): \(format(seconds)) s, \(suggestions.count) suggestions, \(logged) access-log entries")
        }
        try await store.close()
        print("Peak resident memory of this process: \(HavenBench.peakResidentMiB()) MiB")
    }
}
