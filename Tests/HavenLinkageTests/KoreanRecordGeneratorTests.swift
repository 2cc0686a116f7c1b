import HavenLinkage
import Testing
import HavenFixtures

/// The seeded Korean benchmark set: the same seed gives the same records; it carries the
/// variants the benchmark is about (scripts, systems, orders, partial dates); and linking it
/// finds most of its people without joining different ones.
struct KoreanRecordGeneratorTests {
    @Test func theSameSeedWritesTheSameRecords() {
        let a = KoreanRecordGenerator(seed: 3).rows(persons: 300), b = KoreanRecordGenerator(seed: 3).rows(persons: 300)
        #expect(a.map(\.record) == b.map(\.record) && a.map(\.person) == b.map(\.person))
        #expect(a.map(\.record) != KoreanRecordGenerator(seed: 4).rows(persons: 300).map(\.record))
        #expect(Set(a.map(\.record.id)).count == a.count, "ids are unique")
    }

    @Test func theRecordsCarryTheVariantsLinkageMustSee() {
        let rows = KoreanRecordGenerator(seed: 1).rows(persons: 2_000)
        let names = rows.compactMap(\.record.name)
        #expect(names.contains { Hangul.contains($0) } && names.contains { !Hangul.contains($0) }, "Hangul and Latin")
        #expect(names.contains { $0.hasPrefix("리") } && names.contains { $0.hasPrefix("이") }, "Northern and Southern spellings of 이")
        #expect(names.contains { $0.contains("ŏ") } && names.contains { $0.contains("-") }, "McCune–Reischauer with breves and hyphens")
        #expect(names.contains { name in name.split(separator: " ").last.map { $0.count > 1 && $0 == $0.uppercased() } ?? false },
                "passport order: given name first, FAMILY NAME last")
        let dates = rows.map(\.record.birthDate)
        #expect(dates.contains(nil) && dates.contains { $0?.count == 4 } && dates.contains { $0?.count == 7 } && dates.contains { $0?.count == 10 })
        #expect(Set(rows.map(\.person)).count == 2_000 && rows.count > 3_000, "one to four records a person")
    }

    @Test func linkingTheSetFindsMostPeopleAndJoinsAlmostNoStrangers() {
        let rows = KoreanRecordGenerator(seed: 5).rows(persons: 1_500)
        let result = Linker().link(rows.map(\.record))
        var truePairs = 0, predictedPairs = 0, correct = 0
        for i in rows.indices {
            for j in (i + 1)..<rows.count {
                let same = rows[i].person == rows[j].person, linked = result.clusters[i] == result.clusters[j]
                truePairs += same ? 1 : 0
                predictedPairs += linked ? 1 : 0
                correct += same && linked ? 1 : 0
            }
        }
        let precision = Double(correct) / Double(predictedPairs), recall = Double(correct) / Double(truePairs)
        #expect(precision > 0.98, "precision \(precision)")
        #expect(recall > 0.7, "recall \(recall)")
    }
}
