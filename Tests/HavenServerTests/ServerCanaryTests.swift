import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import HavenTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// Protected values sent through the API, read, searched, looked up, sent malformed and typed
/// at sign-in never reach the access log, the server's own log (at trace level) or an error
/// message.
@Suite
struct ServerCanaryTests {
    static let hangul = "서버카나리아목소리"
    static let latin = "SRV-CANARY-Pangolin-Quince-73"
    static let json: HTTPFields = [.contentType: "application/json"]

    static func forms(_ canary: String) -> [String] {
        [canary, canary.decomposedStringWithCanonicalMapping,
         canary.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? canary]
    }

    @Test func canariesNeverReachTheAccessLogTheServerLogOrAnErrorMessage() async throws {
        let logs = LogCapture()
        var logger = Logger(label: "haven-canary") { _ in logs }
        logger.logLevel = .trace
        try await TestServer.with(logger: logger) { server in
            let documenter = try await server.signIn(role: .documenter, compartments: [Compartment.default])
            let created = try await documenter.execute(uri: "/api/persons", method: .post, headers: Self.json, body: ByteBuffer(string: """
                {"names":[{"value":"\(Self.hangul)","script":"hangul","system":"south_korean"},{"value":"\(Self.latin)","script":"latin","system":"passport"}],"phone":"+82 10 7777 0123","notes":"\(Self.latin)"}
                """))
            #expect(created.status == .created)
            let location = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            var answers: [String] = []
            // Reads, search (the value in a URL) and lookup (in a body).
            #expect(try await documenter.execute(uri: location + "/history", method: .get).status == .ok)
            let q = try #require(String(Self.hangul.prefix(3)).addingPercentEncoding(withAllowedCharacters: .alphanumerics))
            #expect(try await documenter.execute(uri: "/api/search?q=\(q)", method: .get).status == .ok)
            #expect(try await documenter.execute(uri: "/api/lookup", method: .post, headers: Self.json,
                                                 body: ByteBuffer(string: #"{"kind":"person","field":"name","value":"\#(Self.latin)"}"#)).status == .ok)
            // Bad input carrying the canary: malformed JSON, a wrong type, an impossible birth date.
            for body in [#"{"names":[{"value":"\#(Self.hangul)""#, #"{"names":"\#(Self.latin)"}"#,
                         #"{"names":[{"value":"\#(Self.hangul)","script":"hangul","system":"south_korean"}],"birthDate":"\#(Self.latin)"}"#,
                         #"{"names":[{"value":"x","script":"hangul","system":"south_korean"}],"birthDate":"1985-02-30"}"#] {
                let refused = try await documenter.execute(uri: "/api/persons", method: .post, headers: Self.json, body: ByteBuffer(string: body))
                #expect((400..<500).contains(refused.status.code))
                answers.append(String(buffer: refused.body))
            }
            #expect(!answers.last!.contains("1985"), "an error message repeats part of a birth date")
            // The canary typed as a user name and as a password.
            for (username, password) in [(Self.hangul, "not the password at all"), ("test-documenter", Self.latin)] {
                let refused = try await server.client.execute(uri: "/api/session", method: .post, headers: Self.json,
                                                              body: ByteBuffer(string: #"{"username":"\#(username)","password":"\#(password)","code":"000000"}"#))
                #expect(refused.status == .unauthorized)
                answers.append(String(buffer: refused.body))
            }
            let admin = try await server.signIn(role: .administrator, compartments: [])
            answers.append(String(buffer: try await admin.execute(uri: "/api/audit?limit=500", method: .get).body))

            let entries = try await server.store.auditLog().map(\.entry)
            #expect(entries.count > 10)
            let accessLog = entries.map { "\($0.actor) \($0.action) \($0.kind) \($0.recordID) \($0.detail)" }.joined(separator: "\n")
            #expect(accessLog.contains("login.failure") && accessLog.contains("lookup") && accessLog.contains("search"))
            let serverLog = logs.text
            // One line per request, naming routes by pattern; so the check below has something to search.
            #expect(serverLog.contains("/api/search") && serverLog.contains("/api/persons/{id}/history"))
            for canary in [Self.hangul, Self.latin, "7777 0123"] {
                for form in Self.forms(canary) {
                    #expect(!accessLog.contains(form), "a canary is in the access log")
                    #expect(!serverLog.contains(form), "a canary is in the server log")
                    #expect(!answers.contains { $0.contains(form) }, "a canary is in an error message or the access log's answer")
                }
            }
        }
    }
}
