import Foundation
import HavenCore
import HavenCrypto
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The authorization matrix: every route the router serves, for every role, a user of another
/// compartment, a disabled user and an anonymous client.
@Suite
struct AuthorizationTests {
    struct Route: CustomStringConvertible {
        let method: HTTPRequest.Method
        let pattern: String
        /// What the route table says the route requires.
        let requirement: Requirement?
        var uri: String { pattern.replacingOccurrences(of: "{id}", with: UUID().uuidString.lowercased()) }
        var description: String { "\(method.rawValue) \(pattern)" }
    }

    /// Every route of a freshly built router, as the router itself lists them: a route added
    /// later is in this list by itself, with what the route table says it requires.
    func routes(_ store: SQLStore) -> [Route] {
        let authenticator = Authenticator(store: store)
        let table = RouteTable(havenRoutes(store: store, authenticator: authenticator, configuration: ServerConfiguration()))
        return buildRouter(store: store, authenticator: authenticator, configuration: ServerConfiguration())
            .routes.map { Route(method: $0.method, pattern: $0.path.description, requirement: table.requirement(method: $0.method.rawValue, path: $0.path.description)) }
            .sorted { $0.description < $1.description }
    }

    static let emptyJSON = ByteBuffer(string: "{}")
    static let signInRoutes: Set<String> = ["POST /login", "POST /api/session"]
    static let json: HTTPFields = [.contentType: "application/json"]

    @Test func everyRouteTheRouterServesIsInTheRouteTable() async throws {
        try await TestServer.with { server in
            let routes = routes(server.store)
            #expect(routes.count > 70)
            for route in routes { #expect(route.requirement != nil, "\(route) has no access policy") }
        }
    }

    @Test func anAnonymousClientReachesOnlyThePublicRoutes() async throws {
        try await TestServer.with { server in
            for route in routes(server.store) {
                let response = try await server.client.execute(uri: route.uri, method: route.method, headers: Self.json, body: Self.emptyJSON)
                if route.requirement == .anyone {
                    // A sign-in form refuses the empty credentials with 401; that is the refusal of
                    // a sign-in, not of access, which would name the missing session.
                    #expect(response.status != .unauthorized || Self.signInRoutes.contains(route.description), "\(route)")
                    #expect(!String(buffer: response.body).contains("sign in at POST /api/session first"), "\(route)")
                } else if route.pattern.hasPrefix("/api/") {
                    #expect(response.status == .unauthorized, "\(route) answered \(response.status) without a session")
                } else {
                    // A page sends the browser to sign in.
                    #expect(response.status == .seeOther && response.headers[.location] == "/login", "\(route) answered \(response.status)")
                }
                // Refusals carry the security headers as much as answers do.
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(route)")
                #expect(response.headers[.cacheControl] == "no-store", "\(route)")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(route)")
            }
        }
    }

    @Test func anAddressOrMethodNoRouteHasIsNotFound() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            for uri in ["/records/nonsense", "/api/nonsense", "/reports/nonsense/deeper"] {
                let missing = try await client.execute(uri: uri, method: .get)
                #expect(missing.status == .notFound, "\(uri) answered \(missing.status)")
                #expect(!String(buffer: missing.body).contains("no access policy"), "\(uri)")
            }
            #expect(try await server.client.execute(uri: "/records/nonsense", method: .get).status == .notFound,
                    "an address that does not exist is not there for anyone, signed in or not")
            // A method no route of the address takes reaches no handler either.
            #expect(try await client.execute(uri: "/api/persons", method: .delete).status == .notFound)
        }
    }

    @Test func eachRoleReachesExactlyWhatItsPermissionsAllow() async throws {
        try await TestServer.with { server in
            let routes = routes(server.store)
            for role in Role.allCases {
                let client = try await server.signIn(role: role, compartments: [Compartment.default])
                // Signing out last, so that the session lives through the matrix.
                for route in routes where !(route.method == .delete && route.pattern == "/api/session") && route.pattern != "/logout"
                    && !Self.signInRoutes.contains(route.description) {
                    let response = try await client.execute(uri: route.uri, method: route.method, headers: Self.json, body: Self.emptyJSON)
                    switch route.requirement {
                    case .permission(let permission) where !role.allows(permission):
                        #expect(response.status == .forbidden, "\(role.code) \(route) answered \(response.status)")
                    default:
                        #expect(response.status != .forbidden && response.status != .unauthorized,
                                "\(role.code) \(route) answered \(response.status): \(String(buffer: response.body))")
                    }
                }
                let out = try await client.execute(uri: "/api/session", method: .delete)
                #expect(out.status == .noContent)
                #expect(try await client.execute(uri: "/api/session", method: .get).status == .unauthorized)
            }
        }
    }

    @Test func aRecordOfAnotherCompartmentCannotBeReachedBySearchOrByURL() async throws {
        try await TestServer.with { server in
            let person = Person(compartment: "seoul", names: [PersonName("한서울", script: .hangul, system: .southKorean)])
            _ = try await server.store.create(person, by: .localOperator)
            let seoul = try await server.signIn(role: .documenter, compartments: ["seoul"], username: "seoul-doc")
            let busan = try await server.signIn(role: .documenter, compartments: ["busan"], username: "busan-doc")
            let uri = "/api/persons/\(person.id.uuidString.lowercased())"
            #expect(try await seoul.execute(uri: uri, method: .get).status == .ok)
            let hidden = try await busan.execute(uri: uri, method: .get)
            let missing = try await busan.execute(uri: "/api/persons/\(UUID().uuidString.lowercased())", method: .get)
            #expect(hidden.status == .notFound)
            #expect(hidden.status == missing.status)
            let search = "/api/search?q=%ED%95%9C%EC%84%9C"  // 한서
            #expect(String(buffer: try await seoul.execute(uri: search, method: .get).body).lowercased().contains(person.id.uuidString.lowercased()))
            let found = try JSONSerialization.jsonObject(with: Data(buffer: try await busan.execute(uri: search, method: .get).body)) as? [String: Any]
            #expect(found?["total"] as? Int == 0)
            // Nor can it be written into.
            let write = try await busan.execute(uri: "/api/persons", method: .post, headers: Self.json, body: ByteBuffer(string: """
                {"compartment":"seoul","names":[{"value":"박","script":"hangul","system":"south_korean"}]}
                """))
            #expect(write.status == .unprocessableContent)
        }
    }

    @Test func aDisabledAccountsSessionStopsAtOnce() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .analyst, compartments: [Compartment.default], username: "soon-gone")
            #expect(try await client.execute(uri: "/api/events", method: .get).status == .ok)
            var stored = try #require(try await server.store.account(username: "soon-gone"))
            stored.account.disabled = true
            try await server.store.saveAccount(stored, action: .accountDisable, by: .localOperator)
            #expect(try await client.execute(uri: "/api/events", method: .get).status == .unauthorized)
        }
    }

    @Test func stateChangingRequestsNeedTheCSRFToken() async throws {
        try await TestServer.with { server in
            var client = try await server.signIn(role: .documenter, compartments: [Compartment.default])
            let body = ByteBuffer(string: #"{"title":"CSRF check"}"#)
            client.sendsCSRF = false
            let refused = try await client.execute(uri: "/api/events", method: .post, headers: Self.json, body: body)
            #expect(refused.status == .forbidden)
            #expect(String(buffer: refused.body).contains("CSRF"))
            #expect(try await client.execute(uri: "/api/events", method: .get).status == .ok)  // reads need none
            client.sendsCSRF = true
            #expect(try await client.execute(uri: "/api/events", method: .post, headers: Self.json, body: body).status == .created)
        }
    }

    @Test func beforeEnrollingASecondFactorOnlyOwnAccountRoutesAreOpen() async throws {
        try await TestServer.with { server in
            try await server.makeAccount("new-person", role: .analyst, compartments: [Compartment.default], enrolled: false)
            let client = try await server.signIn("new-person", secret: nil)
            let me = try await client.execute(uri: "/api/session", method: .get)
            #expect(me.status == .ok)
            #expect(String(buffer: me.body).contains(#""scope":"enrolment""#))
            let records = try await client.execute(uri: "/api/persons", method: .get)
            #expect(records.status == .forbidden)
            #expect(String(buffer: records.body).contains("가입"))
        }
    }

    @Test func anUnknownAccountAndAWrongPasswordGetTheSameAnswer() async throws {
        try await TestServer.with { server in
            try await server.makeAccount("real-person", role: .reviewer, compartments: [])
            func attempt(_ username: String) async throws -> TestResponse {
                try await server.client.execute(uri: "/api/session", method: .post, headers: Self.json, body: ByteBuffer(string: """
                    {"username":"\(username)","password":"not the right password","code":"123456"}
                    """))
            }
            let unknown = try await attempt("nobody-here")
            let wrong = try await attempt("real-person")
            #expect(unknown.status == .unauthorized)
            #expect(unknown.status == wrong.status)
            #expect(String(buffer: unknown.body) == String(buffer: wrong.body))
            #expect(unknown.headers[.setCookie] == nil && wrong.headers[.setCookie] == nil)
        }
    }

    @Test func theSessionCookieIsHostOnlySecureHttpOnlyAndStrict() async throws {
        try await TestServer.with { server in
            let (_, secret) = try await server.makeAccount("cookie-check", role: .reviewer, compartments: [])
            server.clock.advance(31)
            let body = try JSONSerialization.data(withJSONObject: ["username": "cookie-check", "password": TestServer.password,
                                                                   "code": TOTP(secret: secret).code(at: server.clock.now)])
            let response = try await server.client.execute(uri: "/api/session", method: .post, headers: Self.json, body: ByteBuffer(bytes: body))
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.hasPrefix("__Host-haven-session="))
            for attribute in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] { #expect(cookie.contains(attribute), "\(attribute)") }
            #expect(!cookie.contains("Domain"))
            #expect(!String(buffer: response.body).contains(String(cookie.split(separator: ";")[0].dropFirst("__Host-haven-session=".count))))
        }
    }
}
