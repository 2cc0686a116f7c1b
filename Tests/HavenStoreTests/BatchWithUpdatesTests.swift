import Foundation
import HavenCore
@testable import HavenStore
import Testing

/// New records and new versions of kept ones in one transaction: an incident recorded from a
/// rescue request, and the request pointing to it, are written both or neither (they were two
/// transactions, so a server stopped between them kept an incident its request did not name).
struct BatchWithUpdatesTests {
    @Test(arguments: Engine.available)
    func anIncidentAndItsRequestsLinkAreWrittenTogether(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let me = ActingIdentity.localOperator
        let rescue = try await store.create(RescueRequest(compartment: "alpha"), by: me)
        let event = Event(compartment: "alpha", title: "가상 구출 요청에서 온 사건")
        var linked = rescue.record
        linked.eventID = event.id
        let written = try await store.createAll([event, Act(compartment: "alpha", eventID: event.id, actType: .arrest)],
                                                updating: [RecordUpdate(linked, expectedVersion: 1)], by: me)
        #expect(written == 2, "the records created")
        let now = try await store.get(RescueRequest.self, id: rescue.record.id, by: me)
        #expect(now.version == 2 && now.record.eventID == event.id)
        #expect(try await store.get(Event.self, id: event.id, by: me).version == 1)
        #expect(try await store.auditLog().contains { $0.entry.action == AuditAction.update.rawValue && $0.entry.recordID == rescue.record.id.wire })
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func aRequestChangedMeanwhileLeavesNothingWritten(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let me = ActingIdentity.localOperator
        let rescue = try await store.create(RescueRequest(compartment: "alpha"), by: me)
        var someoneElse = rescue.record
        someoneElse.notes = "가상 다른 사람의 수정"
        _ = try await store.update(someoneElse, expectedVersion: 1, by: me)
        let event = Event(compartment: "alpha", title: "가상 사건")
        var linked = rescue.record
        linked.eventID = event.id
        await #expect(throws: StoreError.self) {
            _ = try await store.createAll([event], updating: [RecordUpdate(linked, expectedVersion: 1)], by: me)
        }
        await #expect(throws: StoreError.self, "the incident was not written either") {
            _ = try await store.get(Event.self, id: event.id, by: me)
        }
        #expect(try await store.get(RescueRequest.self, id: rescue.record.id, by: me).record.eventID == nil)
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func aRequestOutOfReachIsNotFoundAndNothingIsWritten(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let beta = try await store.create(RescueRequest(compartment: "beta"), by: .localOperator)
        let alpha = ActingIdentity.account(UUID(), compartments: ["alpha"])
        let event = Event(compartment: "alpha", title: "가상 사건")
        var linked = beta.record
        linked.eventID = event.id
        let refusal = await #expect(throws: StoreError.self) {
            _ = try await store.createAll([event], updating: [RecordUpdate(linked, expectedVersion: 1)], by: alpha)
        }
        guard case .notFound = refusal else {
            Issue.record("expected not found, got \(String(describing: refusal))")
            return
        }
        #expect(try await store.count(RecordQuery(kinds: [.event]), by: .localOperator) == 0)
        try await store.close()
    }
}
