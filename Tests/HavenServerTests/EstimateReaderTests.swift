import Foundation
import HavenCore
@testable import HavenReports
@testable import HavenServer
import HavenStats
import HavenStore
import HavenTestSupport
import Testing

/// Capture histories from the vault: a person is on a source's list when the source reported
/// the act, its incident or the person; merged records count once; unnamed groups, other act
/// types and small strata stay out, each said so.
struct EstimateReaderTests {
    struct Vault {
        let sources: [Source]
        let expected2024: [Int: Int]
    }

    /// Three sources; 50 people arrested in Jilin in 2024, person i reported by the NGO through
    /// the incident when i is even, by the press through the act when i is a multiple of three,
    /// by a relative through the person when a multiple of five (people on none: documented by
    /// no source); one person recorded twice (merged) whom two sources reported; one whose second
    /// record, a victim of nothing, another source reported; 5 arrests in
    /// 2023; one arrest of an unnamed group; one detention.
    static func fill(_ store: SQLStore) async throws -> Vault {
        let ngo = Source(name: "가상 활동가", sourceKind: .ngo), press = Source(name: "가상 신문", sourceKind: .media)
        let family = Source(name: "가상 가족", sourceKind: .family)
        var records: [any Record] = [ngo, press, family]
        var expected: [Int: Int] = [:]
        let date2024 = try FuzzyDate(parsing: "2024-05-02"), date2023 = try FuzzyDate(parsing: "2023-07")
        func arrest(_ i: Int, date: FuzzyDate, type: ActType = .arrest, group: Bool = false) -> (Event, Act, Person) {
            let person = Person(names: [PersonName("김가상\(i)", script: .hangul, system: .southKorean)], sex: i % 2 == 0 ? .female : .male)
            let event = Event(title: "가상 사건 \(i)", startDate: date, placeCode: "CN-JL-YANJI")
            let act = group
                ? Act(eventID: event.id, actType: type, victimGroupID: UUID(), date: date, placeCode: "CN-JL-YANJI")
                : Act(eventID: event.id, actType: type, victimID: person.id, date: date, placeCode: "CN-JL-YANJI")
            return (event, act, person)
        }
        for i in 0..<50 {
            let (event, act, person) = arrest(i, date: date2024)
            records += [person, event, act]
            var history = 0
            if i % 2 == 0 { records.append(Information(sourceID: ngo.id, subjectID: event.id)); history |= 1 }
            if i % 3 == 0 { records.append(Information(sourceID: press.id, subjectID: act.id)); history |= 2 }
            if i % 5 == 0 { records.append(Information(sourceID: family.id, subjectID: person.id)); history |= 4 }
            if history != 0 { expected[history, default: 0] += 1 }
        }
        // One person, two records: the NGO reported one arrest, the press the other.
        let (firstEvent, firstAct, first) = arrest(100, date: date2024)
        var (secondEvent, secondAct, second) = arrest(101, date: date2024)
        second.sameAs = first.id
        secondAct.victimID = second.id
        records += [first, firstEvent, firstAct, second, secondEvent, secondAct,
                    Information(sourceID: ngo.id, subjectID: firstEvent.id), Information(sourceID: press.id, subjectID: secondAct.id)]
        expected[0b011, default: 0] += 1
        // One person arrested, whose second record (merged into the first, a victim of nothing)
        // a relative reported: the relative's list holds the person too.
        let (mainEvent, mainAct, main) = arrest(102, date: date2024)
        var duplicate = Person(names: [PersonName("Kim Ka-sang", script: .latin, system: .mccuneReischauer)], sex: main.sex)
        duplicate.sameAs = main.id
        records += [main, mainEvent, mainAct, duplicate,
                    Information(sourceID: ngo.id, subjectID: mainEvent.id), Information(sourceID: family.id, subjectID: duplicate.id)]
        expected[0b101, default: 0] += 1
        for i in 200..<205 {
            let (event, act, person) = arrest(i, date: date2023)
            records += [person, event, act, Information(sourceID: ngo.id, subjectID: event.id), Information(sourceID: press.id, subjectID: event.id)]
        }
        let (groupEvent, groupAct, _) = arrest(300, date: date2024, group: true)
        let (detentionEvent, detention, detained) = arrest(301, date: date2024, type: .detention)
        records += [groupEvent, groupAct, detentionEvent, detention, detained, Information(sourceID: family.id, subjectID: detentionEvent.id)]
        _ = try await store.createAll(records, by: .localOperator)
        return Vault(sources: [ngo, press, family], expected2024: expected)
    }

    @Test func historiesFollowTheSourcesAndCountMergedPeopleOnce() async throws {
        try await TestServer.with { server in
            let vault = try await Self.fill(server.store)
            let before = try await server.store.auditLog().count
            let table = try await EstimateReader.histories(EstimateQuery(actType: .arrest, by: [.year], minimumObserved: 10),
                                                           repository: server.store, actor: .localOperator)
            let after = try await server.store.auditLog().count
            #expect(after == before + 1, "one access-log entry for a report of counts")
            #expect(table.groupActs == 1)
            #expect(table.outsideLists == (0..<50).filter { $0 % 2 != 0 && $0 % 3 != 0 && $0 % 5 != 0 }.count)
            #expect(Set(table.lists.map(\.id)) == Set(vault.sources.map(\.id)))
            #expect(table.lists.allSatisfy { list in !vault.sources.contains { $0.name == list.name } }, "list names never carry a source's name")
            #expect(table.strata.map(\.values) == [["2023"], ["2024"]])
            let y2023 = table.strata[0], y2024 = table.strata[1]
            #expect(y2023.histories == nil && y2023.observed == 5 && y2023.refusal == .tooFew(observed: 5, minimum: 10))
            // Map the table's list order back to the scenario's bits (NGO 1, press 2, family 4).
            let scenarioBit = Dictionary(uniqueKeysWithValues: vault.sources.enumerated().map { ($0.element.id, 1 << $0.offset) })
            var counts: [Int: Int] = [:]
            for (history, count) in y2024.counts {
                let scenario = table.lists.enumerated().reduce(0) { $0 | (history & (1 << $1.offset) != 0 ? scenarioBit[$1.element.id]! : 0) }
                counts[scenario, default: 0] += count
            }
            #expect(counts == vault.expected2024)
            #expect(y2024.observed == vault.expected2024.values.reduce(0, +))
            let histories = try #require(y2024.histories)
            #expect(histories.observed == y2024.observed && histories.lists.count == 3)
        }
    }

    @Test func aMergedPersonIsInOneStratumWhateverEachRecordSays() async throws {
        try await TestServer.with { server in
            let vault = try await Self.fill(server.store)
            // The merged pair's records say female and male; the person counts once, as the
            // main record has it.
            let table = try await EstimateReader.histories(EstimateQuery(actType: .arrest, by: [.sex], minimumObserved: 1),
                                                           repository: server.store, actor: .localOperator)
            let counted: Int = table.strata.map(\.observed).reduce(0, +)
            let people: Int = vault.expected2024.values.reduce(0, +) + 5
            #expect(counted == people)
        }
    }

    @Test func chosenSourcesAreTheListsAndTheirNumberIsChecked() async throws {
        try await TestServer.with { server in
            let vault = try await Self.fill(server.store)
            let two = EstimateQuery(actType: .arrest, sources: Set(vault.sources.prefix(2).map(\.id)), minimumObserved: 1)
            let table = try await EstimateReader.histories(two, repository: server.store, actor: .localOperator)
            #expect(table.lists.count == 2)
            let one = EstimateQuery(actType: .arrest, sources: [vault.sources[0].id, UUID()])
            await #expect(throws: ReportQueryError.self) { try await EstimateReader.histories(one, repository: server.store, actor: .localOperator) }
            // Twelve sources documenting arrests are more lists than an estimate takes: the ten
            // that documented the most people are the lists, and the rest are counted as left out.
            var more: [any Record] = []
            let (event, act) = (Event(title: "가상", startDate: try FuzzyDate(parsing: "2024-01")), UUID())
            let person = Person(names: [PersonName("가상", script: .hangul, system: .southKorean)])
            more += [event, person, Act(id: act, eventID: event.id, actType: .arrest, victimID: person.id)]
            for i in 0..<9 {
                let source = Source(name: "가상 \(i)", sourceKind: .witness)
                more += [source, Information(sourceID: source.id, subjectID: event.id)]
            }
            _ = try await server.store.createAll(more, by: .localOperator)
            let ten = try await EstimateReader.histories(EstimateQuery(actType: .arrest), repository: server.store, actor: .localOperator)
            #expect(ten.lists.count == 10 && ten.leftOutSources == 2)
            #expect(Set(vault.sources.map(\.id)).isSubset(of: Set(ten.lists.map(\.id))), "the three that documented most are among them")
            let documenting = try await EstimateReader.documentingSources(actType: .arrest, repository: server.store, actor: .localOperator)
            #expect(documenting.count == 12 && documenting.first?.id == vault.sources[0].id, "the NGO documented the most people")
        }
    }

    @Test func anEstimateFromTheVaultRunsEveryMethod() async throws {
        try await TestServer.with { server in
            let vault = try await Self.fill(server.store)
            let table = try await EstimateReader.histories(EstimateQuery(actType: .arrest, minimumObserved: 10), repository: server.store, actor: .localOperator)
            let histories = try #require(table.strata.first?.histories)
            let observed = vault.expected2024.values.reduce(0, +) + 5
            #expect(histories.observed == observed, "both years, no strata")
            for estimate in [try LogLinearEstimator().estimate(histories), try GraphAveragingEstimator().estimate(histories)] {
                #expect(estimate.estimate >= Double(observed) && estimate.lower >= Double(observed))
            }
        }
    }
}
