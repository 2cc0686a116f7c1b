import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import SQLKit
import HavenTestSupport
import Testing

/// Forms kept when a session ended: sealed on disk, for their account only, taken once, gone
/// after a week, and carried through a key rotation.
@Suite(.tags(.postgres))
struct DraftStoreTests {
    static let canary = "초안카나리아 draft-canary-7731"

    @Test(arguments: Engine.available)
    func aDraftIsSealedKeptForItsAccountAndTakenOnce(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let owner = UUID(), other = UUID()
        let saved = Date(timeIntervalSince1970: 1_790_000_000)
        let id = try await store.saveDraft(accountID: owner, path: "/records/event/new",
                                           fields: ["title": Self.canary, "victims[0].name": "가상 이름"], at: saved)
        if engine == .sqlite {
            try await store.close()
            #expect(!(try fixture.diskBytes()).contains(Self.canary), "a draft's fields are sealed on disk")
        }
        let reopened = engine == .sqlite ? try await fixture.reopened() : store
        let listed = try await reopened.drafts(accountID: owner, at: saved.addingTimeInterval(60))
        #expect(listed.map(\.id) == [id] && listed[0].path == "/records/event/new" && listed[0].fields == nil)
        #expect(try await reopened.drafts(accountID: other, at: saved).isEmpty)
        #expect(try await reopened.takeDraft(id: id, accountID: other) == nil, "another account cannot take it")
        let taken = try #require(try await reopened.takeDraft(id: id, accountID: owner))
        #expect(taken.fields == ["title": Self.canary, "victims[0].name": "가상 이름"])
        #expect(try await reopened.takeDraft(id: id, accountID: owner) == nil, "it is taken once")
        let actions = try await reopened.auditLog().map(\.entry)
        #expect(actions.contains { $0.action == "draft.save" && !$0.detail.contains(Self.canary) })
        #expect(actions.contains { $0.action == "draft.restore" })

        // A week later a draft is no longer offered, and the next save removes it.
        let old = try await reopened.saveDraft(accountID: owner, path: "/records/intervention/new", fields: ["partyName": "가상"], at: saved)
        let later = saved.addingTimeInterval(SQLStore.draftLifetime + 60)
        #expect(try await reopened.drafts(accountID: owner, at: later).isEmpty)
        _ = try await reopened.saveDraft(accountID: owner, path: "/records/event/new", fields: [:], at: later)
        #expect(try await reopened.takeDraft(id: old, accountID: owner) == nil)
        try await reopened.close()
    }

    @Test func aDraftSurvivesAKeyRotation() async throws {
        let fixture = try await StoreFixture(.sqlite)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let owner = UUID()
        let id = try await store.saveDraft(accountID: owner, path: "/records/event/new", fields: ["title": "회전 초안"])
        let rotation = try await store.rotateDataKeys(by: .localOperator)
        #expect(rotation.finished && rotation.resealed == 1)
        try await store.close()
        let reopened = try await fixture.reopened()
        #expect(try await reopened.takeDraft(id: id, accountID: owner)?.fields == ["title": "회전 초안"])
        try await reopened.close()
    }
}
