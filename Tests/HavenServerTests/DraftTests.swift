import Foundation
import HavenCore
import HavenCrypto
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A session that ends while a form is being typed loses nothing: the post is kept sealed for
/// its account, the sign-in page says so, signing in again leads back to the form with what was
/// typed, and saving it records the incident. Nobody else gets it.
@Suite
struct DraftTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    func encoded(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.sorted { $0.key < $1.key }.map { "\(SignedInClient.formEncoded($0.key))=\(SignedInClient.formEncoded($0.value))" }
            .joined(separator: "&"))
    }

    /// Signs in through the sign-in page, as a browser does; returns the cookie and where it was sent.
    func pageSignIn(_ server: TestServer, _ username: String, _ secret: Data) async throws -> (cookie: String, location: String) {
        server.clock.advance(31)
        let response = try await server.client.execute(uri: "/login", method: .post, headers: Self.form, body: encoded([
            "username": username, "password": TestServer.password, "code": TOTP(secret: secret).code(at: server.clock.now),
        ]))
        #expect(response.status == .seeOther)
        return (String(try #require(response.headers[.setCookie]).split(separator: ";")[0]), try #require(response.headers[.location]?.split(separator: "?").first.map(String.init)))
    }

    @Test func aFormPostedAfterTheSessionEndedIsKeptAndFinishedAfterSigningInAgain() async throws {
        try await TestServer.with { server in
            let (_, secret) = try await server.makeAccount("draft.doc", role: .documenter, compartments: ["alpha"])
            let (cookie, _) = try await pageSignIn(server, "draft.doc", secret)
            let page = String(buffer: try await server.client.execute(uri: "/records/event/new", method: .get, headers: [.cookie: cookie]).body)
            let csrf = String(try #require(page.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1)
            // The documenter types for longer than the idle timeout, then saves.
            server.clock.advance(16 * 60)
            var headers = Self.form
            headers[.cookie] = cookie
            var fields = IncidentFormTests.complete
            fields["_csrf"] = csrf
            let late = try await server.client.execute(uri: "/records/event/new", method: .post, headers: headers, body: encoded(fields))
            #expect(late.status == .seeOther && late.headers[.location] == "/login?kept=1")
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).isEmpty, "nothing was saved yet")
            let login = String(buffer: try await server.client.execute(uri: "/login?kept=1", method: .get).body)
            #expect(login.contains("입력하던 내용은 암호화해 보관했습니다") && !login.contains("김가상"))

            // Another account signing in on that browser is not offered it.
            let (_, otherSecret) = try await server.makeAccount("other.doc", role: .documenter, compartments: ["alpha"])
            let other = try await pageSignIn(server, "other.doc", otherSecret)
            #expect(other.location == "/")
            #expect(!String(buffer: try await server.client.execute(uri: "/", method: .get, headers: [.cookie: other.cookie]).body).contains("/drafts/"))

            // Signing in again leads to the form, with everything typed and a new CSRF token.
            let (again, location) = try await pageSignIn(server, "draft.doc", secret)
            #expect(location.hasPrefix("/drafts/"))
            #expect(try await server.client.execute(uri: location, method: .get, headers: [.cookie: other.cookie]).status == .notFound,
                    "another account cannot open it by its address")
            let restored = String(buffer: try await server.client.execute(uri: location, method: .get, headers: [.cookie: again]).body)
            #expect(restored.contains("입력한 내용을 되살렸습니다") && restored.contains("value=\"김가상\"") && restored.contains("value=\"가상 브로커\""))
            #expect(restored.contains("<option value=\"B\" selected>") && restored.contains("name=\"rows.victims\" value=\"2\""))
            let newCSRF = String(try #require(restored.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1)
            #expect(newCSRF != csrf)
            #expect(restored.contains("name=\"_draft\" value=\"\(location.split(separator: "/").last!)\""), "the form carries its draft")
            // Until the form is saved, the draft stays: a closed tab or a crash loses nothing.
            #expect(try await server.client.execute(uri: location, method: .get, headers: [.cookie: again]).status == .ok)
            #expect(String(buffer: try await server.client.execute(uri: "/", method: .get, headers: [.cookie: again]).body).contains(location))
            headers[.cookie] = again
            fields["_csrf"] = newCSRF
            fields["_draft"] = String(location.split(separator: "/").last!)
            let saved = try await server.client.execute(uri: "/records/event/new", method: .post, headers: headers, body: encoded(fields))
            #expect(saved.status == .seeOther && saved.headers[.location]?.hasPrefix("/records/event/") == true)
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).filter { $0 is Person }.count == 3)
            // Saved, the draft is forgotten.
            #expect(try await server.client.execute(uri: location, method: .get, headers: [.cookie: again]).status == .notFound)
            #expect(!String(buffer: try await server.client.execute(uri: "/", method: .get, headers: [.cookie: again]).body).contains("/drafts/"))
            #expect(try await server.store.auditLog().contains { $0.entry.action == "draft.done" })
        }
    }

    /// A form another site makes the browser post, with the stale cookie and without the
    /// session's CSRF token, is not kept as a draft.
    @Test(arguments: [nil, "forged-token"] as [String?])
    func aFormWithoutTheSessionsCSRFTokenIsNotKeptAfterTheSessionEnded(forged: String?) async throws {
        try await TestServer.with { server in
            let (_, secret) = try await server.makeAccount("draft.doc", role: .documenter, compartments: ["alpha"])
            let (cookie, _) = try await pageSignIn(server, "draft.doc", secret)
            server.clock.advance(16 * 60)
            var headers = Self.form
            headers[.cookie] = cookie
            var fields = IncidentFormTests.complete
            fields["_csrf"] = forged
            let refused = try await server.client.execute(uri: "/records/event/new", method: .post, headers: headers, body: encoded(fields))
            #expect(refused.status == .seeOther && refused.headers[.location] == "/login")
            #expect(try await server.store.auditLog().allSatisfy { $0.entry.action != "draft.save" })
        }
    }

    @Test func anEditKeptAsADraftStillMeetsAChangeMadeMeanwhile() async throws {
        try await TestServer.with { server in
            let event = try await server.store.create(Event(compartment: "alpha", title: "가상 원래 제목"), by: .localOperator).record
            let (_, secret) = try await server.makeAccount("edit.doc", role: .documenter, compartments: ["alpha"])
            let (cookie, _) = try await pageSignIn(server, "edit.doc", secret)
            let path = "/records/event/\(event.id.uuidString.lowercased())/edit"
            let page = String(buffer: try await server.client.execute(uri: path, method: .get, headers: [.cookie: cookie]).body)
            let staleCSRF = String(try #require(page.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1)
            server.clock.advance(16 * 60)
            let late = try await server.client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                                       body: encoded(["_csrf": staleCSRF, "version": "1", "title": "가상 늦은 제목", "verification": "unverified"]))
            #expect(late.headers[.location] == "/login?kept=1")
            var changed = event
            changed.title = "가상 다른 사람의 제목"
            _ = try await server.store.update(changed, expectedVersion: 1, by: .localOperator)
            let (again, location) = try await pageSignIn(server, "edit.doc", secret)
            let restored = String(buffer: try await server.client.execute(uri: location, method: .get, headers: [.cookie: again]).body)
            #expect(restored.contains("value=\"가상 늦은 제목\"") && restored.contains("name=\"version\" value=\"1\""))
            let csrf = String(try #require(restored.firstMatch(of: /name="_csrf" value="([^"]+)"/)).1)
            let stale = try await server.client.execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: again],
                                                        body: encoded(["_csrf": csrf, "version": "1", "title": "가상 늦은 제목", "verification": "unverified"]))
            #expect(stale.status == .conflict, "the kept edit overwrites nothing")
            #expect(try await server.store.get(Event.self, id: event.id, by: .localOperator).record.title == "가상 다른 사람의 제목")
        }
    }
}
