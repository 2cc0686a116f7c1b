import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import SQLKit
import HavenTestSupport
import Testing
import HavenFixtures

/// The shared store suite: every test runs against SQLite and, in CI, a real PostgreSQL.
@Suite(.tags(.postgres))
struct StoreSuiteTests {
    let me = ActingIdentity.localOperator

    @Test(arguments: Engine.available)
    func createReadUpdateKeepsHistoryAndDeleteHidesTheRecord(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        var person = Person(names: [PersonName("리영희", script: .hangul, system: .northKorean)], sex: .female, originPlaceCode: "KP-09-ONSONG")
        let created = try await store.create(person, by: me)
        #expect(created.version == 1)
        person.names.append(PersonName("Ri Yong-hui", script: .latin, system: .northKoreanOfficial))
        let updated = try await store.update(person, expectedVersion: 1, by: me)
        #expect(updated.version == 2)
        await #expect(throws: StoreError.versionConflict(expected: 1, actual: 2)) {
            try await store.update(person, expectedVersion: 1, by: me)
        }
        let read = try await store.get(Person.self, id: person.id, by: me)
        #expect(read.record == person)
        let history = try await store.history(Person.self, id: person.id, by: me)
        #expect(history.map(\.version) == [1, 2])
        #expect(history[0].record.names.count == 1)
        try await store.delete(Person.self, id: person.id, by: me)
        await #expect(throws: StoreError.notFound(.person, person.id)) { try await store.get(Person.self, id: person.id, by: me) }
        #expect(try await store.search(RecordQuery(text: "리영"), by: me).total == 0)
        #expect(try await store.history(Person.self, id: person.id, by: me).last?.deleted == true)
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func searchFindsTwoCharacterHangulAndLatinSubstringsWithFilters(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let kim = Person(names: [PersonName("김정미", script: .hangul, system: .southKorean), PersonName("Kim Jeongmi", script: .latin, system: .revisedRomanization)],
                         originPlaceCode: "KP-10-HYESAN")
        let other = Person(names: [PersonName("박철수", script: .hangul, system: .southKorean)], originPlaceCode: "KP-09-MUSAN")
        let event = Event(title: "김정 관련 체포", startDate: try FuzzyDate(parsing: "2024-03-14"), placeCode: "CN-YN-KUNMING", verification: .verified)
        _ = try await store.importRecords([kim, other, event], by: me)
        let hangul = try await store.search(RecordQuery(text: "김정"), by: me)
        #expect(Set(hangul.items.map(\.record.id)) == [kim.id, event.id])
        #expect(try await store.search(RecordQuery(text: "jeongM"), by: me).items.map(\.record.id) == [kim.id])
        #expect(try await store.search(RecordQuery(text: "김정", kinds: [.person]), by: me).items.map(\.record.id) == [kim.id])
        // A province finds records at its cities.
        #expect(try await store.search(RecordQuery(placeCode: "KP-10"), by: me).items.map(\.record.id) == [kim.id])
        #expect(try await store.search(RecordQuery(from: "2024-03-01", to: "2024-03-31"), by: me).items.map(\.record.id) == [event.id])
        #expect(try await store.search(RecordQuery(from: "2024-04-01"), by: me).total == 0)
        #expect(try await store.search(RecordQuery(status: "verified"), by: me).items.map(\.record.id) == [event.id])
        #expect(try await store.search(RecordQuery(text: "없는이름"), by: me).total == 0)
        #expect(try await store.lookup(kind: .person, field: "name", value: "  kim   JEONGMI ", by: me) == [kim.id])
        #expect(try await store.lookup(kind: .person, field: "name", value: "Kim Jeong", by: me) == [])
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func aNameTypedInOneSpellingFindsTheRecordsThatWriteItInAnother(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        func person(_ name: String) -> Person { Person(names: [PersonName(name, script: NameScript.of(name), system: .unknown)]) }
        let hangul = person("김정숙"), mr = person("Kim Chŏng-suk"), passport = person("KIM JONG SUK")
        let other = person("박정숙"), given = person("김영희")
        let event = Event(title: "Kim Jong-suk and others arrested")
        _ = try await store.importRecords([hangul, mr, passport, other, given, event], by: me)
        func found(_ text: String) async throws -> Set<UUID> {
            Set(try await store.search(RecordQuery(text: text), by: me).items.map(\.record.id))
        }
        // Romanised in the South's system, found in Hangul, McCune–Reischauer and a passport's capitals.
        #expect(try await found("Kim Jeong-suk") == [hangul.id, mr.id, passport.id])
        // Hangul finds the romanised records, and the event that writes the name as it is typed there.
        #expect(try await found("김정숙") == [hangul.id, mr.id, passport.id])
        #expect(try await found("Kim Jong-suk") == [hangul.id, mr.id, passport.id, event.id])
        // Family name last, as many lists write it.
        #expect(try await found("Jeongsuk Kim") == [hangul.id, mr.id, passport.id])
        // Another surname or given name is another person; words that are no name find only themselves.
        #expect(try await found("Park Jeong-suk") == [other.id])
        #expect(try await found("arrested") == [event.id])
        // A reader's search is still audited as naming what it returned.
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func queriesByKindAndByParentFindTheCurrentRecordsNewestFirstAfterUpdatesAndDeletes(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let first = Event(title: "첫 사건"), second = Event(title: "둘째 사건")
        var acts = (0..<6).map { i in Act(eventID: i < 3 ? first.id : second.id, actType: .arrest) }
        _ = try await store.importRecords([first, second] + acts, by: me)
        // One act moves to the other incident, one is deleted: their old postings must not count.
        acts[0].eventID = second.id
        _ = try await store.update(acts[0], expectedVersion: 1, by: me)
        try await store.delete(Act.self, id: acts[1].id, by: me)
        func ids(_ query: RecordQuery) async throws -> [UUID] { try await store.search(query, by: me).items.map(\.record.id) }
        #expect(try await ids(RecordQuery(parentID: first.id)) == [acts[2].id])
        #expect(try await ids(RecordQuery(kinds: [.act], parentID: second.id)) == [acts[0].id, acts[5].id, acts[4].id, acts[3].id],
                "newest first: the act just moved, then the others in reverse order of writing")
        #expect(try await store.search(RecordQuery(kinds: [.act]), by: me).total == 5)
        #expect(try await ids(RecordQuery(kinds: [.event, .act], limit: 3)) == [acts[0].id, acts[5].id, acts[4].id])
        #expect(try await store.search(RecordQuery(kinds: [.event, .act]), by: me).total == 7)
        #expect(try await ids(RecordQuery(kinds: [.event])) == [second.id, first.id])
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func knownRecordsAreReadTogetherInOneAuditedList(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let people = (0..<4).map { Person(names: [PersonName("김정미\($0)", script: .hangul, system: .southKorean)]) }
        let elsewhere = Person(compartment: "northeast", names: [PersonName("박철수", script: .hangul, system: .southKorean)])
        _ = try await store.importRecords(people + [elsewhere], by: me)
        let before = try await store.auditLog().count
        let wanted: Set<UUID> = [people[0].id, people[2].id, elsewhere.id, UUID()]
        let page = try await store.list(Person.self, query: RecordQuery(compartments: [Compartment.default], ids: wanted, limit: 10), by: me)
        #expect(Set(page.items.map(\.record.id)) == [people[0].id, people[2].id], "only the ids asked for, in the compartment asked for")
        let log = try await store.auditLog()
        #expect(log.count == before + 1, "one entry for the read, not one a record")
        let detail = try #require(log.last?.entry.detail)
        #expect(log.last?.entry.action == "list" && detail.contains(people[0].id.wire) && detail.contains(people[2].id.wire))
        #expect(!detail.contains(people[1].id.wire) && !detail.contains(elsewhere.id.wire), "the entry names what was returned")
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func restartedStoreHasEverythingAndFindsIt(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let records = DemoDataset.records()
        _ = try await store.importRecords(records, by: me)
        try await store.close()

        let reopened = try await fixture.reopened()
        #expect(await reopened.indexedRecordCount == records.count)
        #expect(try await reopened.search(RecordQuery(text: "혜산"), by: me).total >= 1)
        let sample = try #require(records.compactMap { $0 as? Person }.first)
        #expect(try await reopened.get(Person.self, id: sample.id, by: me).record == sample)
        try await reopened.close()
    }

    @Test(arguments: Engine.available)
    func wrongKeyIsRefusedAndChangesNothing(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        try await store.close()
        let locked = try await SQLStore.open(fixture.location)
        let before = try await locked.auditLog().count
        await #expect(throws: StoreError.wrongKey) { try await locked.unlock(master: MasterKey.random(), by: me) }
        #expect(try await locked.auditLog().count == before)
        await #expect(throws: StoreError.locked) { try await locked.search(RecordQuery(), by: me) }
        try await locked.close()
    }

    @Test(arguments: Engine.available)
    func aHalfValidImportWritesNothingAndNamesTheRecord(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let good = Event(title: "ok")
        let bad = Event(title: "", placeCode: "XX-NOWHERE")
        do {
            _ = try await store.importRecords([good, bad], by: me)
            Issue.record("the import should have failed")
        } catch StoreError.invalidInBatch(let index, let error) {
            #expect(index == 1)
            #expect(Set(error.problems.map(\.field)) == ["title", "placeCode"])
        }
        #expect(try await store.search(RecordQuery(), by: me).total == 0)
        try await store.close()
        let reopened = try await fixture.reopened()
        #expect(await reopened.indexedRecordCount == 0)
        try await reopened.close()
    }

    @Test(arguments: Engine.available)
    func sealedValueCopiedToAnotherRecordOrFieldFailsToOpen(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let a = Person(names: [PersonName("갑", script: .hangul, system: .southKorean)], notes: "note A")
        let b = Person(names: [PersonName("을", script: .hangul, system: .southKorean)], notes: "note B")
        _ = try await store.importRecords([a, b], by: me)
        struct Row: Decodable { let sealed: String }
        let db = store.db
        let sealedA = try #require(try await db.select().column("sealed").from("records").where("id", .equal, a.id.uuidString.lowercased()).first(decoding: Row.self)).sealed
        let sealedB = try #require(try await db.select().column("sealed").from("records").where("id", .equal, b.id.uuidString.lowercased()).first(decoding: Row.self)).sealed
        // Reads are served from what was opened at unlock, so a row changed behind the store's
        // back is found when the vault is next unlocked: unlocking refuses it.
        func unlockRefused() async throws {
            let reopened = try await SQLStore.open(fixture.location)
            var refused = false
            do { try await reopened.unlock(master: fixture.master, by: me) } catch is StoreError { refused = true }
            #expect(refused, "unlock opened a row whose sealed value was moved")
            try await reopened.close()
        }
        // Another record: b's row gets a's sealed fields.
        try await db.update("records").set("sealed", to: sealedA).where("id", .equal, b.id.uuidString.lowercased()).run()
        try await unlockRefused()
        try await db.update("records").set("sealed", to: sealedB).where("id", .equal, b.id.uuidString.lowercased()).run()
        // Another field: a's notes ciphertext placed under names.
        var fields = try JSONDecoder().decode([String: String].self, from: Data(sealedA.utf8))
        fields["names"] = fields["notes"]
        let swapped = String(decoding: try JSONEncoder().encode(fields), as: UTF8.self)
        try await db.update("records").set("sealed", to: swapped).where("id", .equal, a.id.uuidString.lowercased()).run()
        try await unlockRefused()
        // The store that was open meanwhile still shows what it opened, never the swapped value.
        #expect(try await store.get(Person.self, id: a.id, by: me).record.notes == "note A")
        try await store.close()
    }

    @Test func sqliteRunsWithSynchronousFull() async throws {
        let fixture = try await StoreFixture(.sqlite)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        #expect(try await store.sqliteSynchronous() == 2)
        try await store.close()
    }
}
