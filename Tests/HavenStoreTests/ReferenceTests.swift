import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import HavenTestSupport
import Testing

/// "What points to this record" follows coded links only, stays within the reader's
/// compartments, follows updates and deletions, survives a restart, and is audited.
@Suite(.tags(.postgres))
struct ReferenceTests {
    @Test(arguments: Engine.available)
    func referencesFollowCodedLinksWithinCompartments(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let broker = Person(compartment: "alpha", names: [PersonName("가상 브로커", script: .hangul, system: .unknown)])
        let event = Event(compartment: "alpha", title: "가상 사건")
        let act = Act(compartment: "alpha", eventID: event.id, actType: .arrest)
        let involvement = Involvement(compartment: "alpha", actID: act.id, personID: broker.id, role: .facilitator)
        let request = RescueRequest(compartment: "alpha", brokerID: broker.id)
        // A source's person is protected: it is not a followed link.
        let source = Source(compartment: "alpha", name: "가상 제보자", sourceKind: .family, personID: broker.id)
        let elsewhere = RescueRequest(compartment: "beta", brokerID: broker.id)
        _ = try await store.importRecords([broker, event, act, involvement, request, source, elsewhere], by: .localOperator)

        let alpha = ActingIdentity.account(UUID(), compartments: ["alpha"])
        #expect(Set(try await store.referencing(broker.id, by: alpha).map(\.record.id)) == [involvement.id, request.id])
        #expect(Set(try await store.referencing(broker.id, by: .localOperator).map(\.record.id)) == [involvement.id, request.id, elsewhere.id])
        #expect(try await store.referencing(act.id, by: alpha).map(\.record.id) == [involvement.id])
        #expect(try await store.referencing(event.id, by: ActingIdentity.account(UUID(), compartments: ["beta"])).isEmpty)

        // An update that drops the link drops it here; a deletion too.
        var moved = request
        moved.brokerID = nil
        _ = try await store.update(moved, expectedVersion: 1, by: .localOperator)
        try await store.delete(Involvement.self, id: involvement.id, by: .localOperator)
        #expect(try await store.referencing(broker.id, by: alpha).isEmpty)
        _ = try await store.update(request, expectedVersion: 2, by: .localOperator)
        try await store.close()

        // After a restart the index is built again from the sealed rows.
        let reopened = try await fixture.reopened()
        #expect(try await reopened.referencing(broker.id, by: alpha).map(\.record.id) == [request.id])
        #expect(try await reopened.auditLog().contains { $0.entry.action == "list" && $0.entry.detail.hasPrefix("referencing=\(broker.id.uuidString.lowercased())") })
        try await reopened.close()
    }
}
