import Foundation
import HavenCore
@testable import HavenStore
import Testing

/// A record outside the caller's compartments is indistinguishable from one that does not exist.
struct CompartmentTests {
    /// The review read a record's alpha-era versions from a beta-only account after the record
    /// moved to beta.
    @Test(arguments: Engine.available)
    func aRecordMovedIntoReachShowsOnlyTheVersionsKeptWithinReach(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        var person = Person(compartment: "alpha", names: [PersonName("알파시절이름", script: .hangul, system: .southKorean)])
        _ = try await store.create(person, by: .localOperator)
        person.compartment = "beta"
        person.names = [PersonName("베타이름", script: .hangul, system: .southKorean)]
        _ = try await store.update(person, expectedVersion: 1, by: .localOperator)
        let beta = ActingIdentity.account(UUID(), compartments: ["beta"])
        let versions = try await store.history(Person.self, id: person.id, by: beta)
        #expect(versions.map(\.version) == [2])
        #expect(!versions.contains { $0.record.names.contains { $0.value == "알파시절이름" } })
        let both = ActingIdentity.account(UUID(), compartments: ["alpha", "beta"])
        #expect(try await store.history(Person.self, id: person.id, by: both).map(\.version) == [1, 2])
        try await store.close()
    }

    /// The review's alpha account created an act on a beta event and an intervention about a beta
    /// person. A reference is refused exactly as one to a record that does not exist.
    @Test(arguments: Engine.available)
    func aWriterCannotReferToRecordsOutsideItsReach(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let betaEvent = try await store.create(Event(compartment: "beta", title: "베타 사건"), by: .localOperator).record
        let betaPerson = try await store.create(Person(compartment: "beta", names: [PersonName("베타", script: .hangul, system: .southKorean)]),
                                                by: .localOperator).record
        let alphaEvent = try await store.create(Event(compartment: "alpha", title: "알파 사건"), by: .localOperator).record
        let alpha = ActingIdentity.account(UUID(), compartments: ["alpha"])
        let intoBeta = await #expect(throws: StoreError.self) {
            _ = try await store.create(Act(compartment: "alpha", eventID: betaEvent.id, actType: .arrest), by: alpha)
        }
        let intoNothing = await #expect(throws: StoreError.self) {
            _ = try await store.create(Act(compartment: "alpha", eventID: UUID(), actType: .arrest), by: alpha)
        }
        #expect(intoBeta.map { "\($0)" } == intoNothing.map { "\($0)" }, "out of reach reads as does not exist")
        await #expect(throws: StoreError.self) {
            _ = try await store.create(Intervention(compartment: "alpha", subjectIDs: [betaPerson.id], partyName: "가상 부처", channel: .letter,
                                                    request: "가상 요청", status: .draft), by: alpha)
        }
        await #expect(throws: StoreError.self) {
            _ = try await store.createAll([Act(compartment: "alpha", eventID: betaEvent.id, actType: .arrest)], by: alpha)
        }
        // Within reach, and within one batch, references are fine.
        _ = try await store.create(Act(compartment: "alpha", eventID: alphaEvent.id, actType: .arrest), by: alpha)
        let event = Event(compartment: "alpha", title: "함께 쓰는 사건")
        #expect(try await store.createAll([event, Act(compartment: "alpha", eventID: event.id, actType: .detention)], by: alpha) == 2)
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func recordsOutsideTheCallersCompartmentsLookAbsent(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let seoulPerson = Person(compartment: "seoul", names: [PersonName("김서울", script: .hangul, system: .southKorean)], phone: "010-1111-2222")
        let busanPerson = Person(compartment: "busan", names: [PersonName("김부산", script: .hangul, system: .southKorean)], phone: "010-3333-4444")
        _ = try await store.create(seoulPerson, by: .localOperator)
        _ = try await store.create(busanPerson, by: .localOperator)
        let seoul = ActingIdentity.account(UUID(), compartments: ["seoul"])

        // Reads: the busan record is "not found", exactly like an id that was never used.
        _ = try await store.get(Person.self, id: seoulPerson.id, by: seoul)
        let hidden = await #expect(throws: StoreError.self) { _ = try await store.get(Person.self, id: busanPerson.id, by: seoul) }
        let missingID = UUID()
        let missing = await #expect(throws: StoreError.self) { _ = try await store.get(Person.self, id: missingID, by: seoul) }
        #expect(hidden.map { "\($0)".replacingOccurrences(of: busanPerson.id.uuidString.lowercased(), with: "ID") }
                == missing.map { "\($0)".replacingOccurrences(of: missingID.uuidString.lowercased(), with: "ID") })
        await #expect(throws: StoreError.notFound(.person, busanPerson.id)) {
            _ = try await store.history(Person.self, id: busanPerson.id, by: seoul)
        }

        // Search, list totals and exact lookup see only seoul.
        let found = try await store.search(RecordQuery(text: "김"), by: seoul)
        #expect(found.total == 1)
        #expect(found.items.map(\.record.id) == [seoulPerson.id])
        let asked = try await store.search(RecordQuery(text: "김", compartments: ["busan"]), by: seoul)
        #expect(asked.total == 0)
        #expect(try await store.lookup(kind: .person, field: "phone", value: "010-3333-4444", by: seoul).isEmpty)
        #expect(try await store.lookup(kind: .person, field: "phone", value: "010-3333-4444", by: .localOperator) == [busanPerson.id])

        // Writes: the busan record cannot be changed or deleted, and nothing can be put there.
        var edited = busanPerson
        edited.notes = "changed"
        await #expect(throws: StoreError.notFound(.person, busanPerson.id)) {
            _ = try await store.update(edited, expectedVersion: nil, by: seoul)
        }
        await #expect(throws: StoreError.notFound(.person, busanPerson.id)) {
            try await store.delete(Person.self, id: busanPerson.id, by: seoul)
        }
        await #expect(throws: StoreError.self) {
            _ = try await store.create(Person(compartment: "busan", names: [PersonName("박", script: .hangul, system: .southKorean)]), by: seoul)
        }
        var moved = seoulPerson
        moved.compartment = "busan"
        await #expect(throws: StoreError.self) { _ = try await store.update(moved, expectedVersion: nil, by: seoul) }

        // Export carries only what the caller reaches.
        #expect(try await store.exportRecords(plaintext: false, by: seoul).map(\.id) == [seoulPerson.id])
        #expect(try await store.get(Person.self, id: busanPerson.id, by: .localOperator).version == 1)
        try await store.close()
    }
}
