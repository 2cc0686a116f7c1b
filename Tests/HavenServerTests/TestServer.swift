import Foundation
import HavenCore
import HavenCrypto
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import HavenTestSupport

/// A Haven server over a fresh SQLite store, driven through the router, with helpers to make
/// accounts and sign them in the way a client does (password, TOTP code, cookie, CSRF token).
struct TestServer: Sendable {
    let store: SQLStore
    let client: any TestClientProtocol
    let clock: ManualClock
    static let password = "a long test pass phrase"

    /// Errors only: a line per request would drown the test output.
    static var quietLogger: Logger {
        var logger = Logger(label: "haven-test")
        logger.logLevel = .error
        return logger
    }

    static func with(logger: Logger = TestServer.quietLogger, configuration: ServerConfiguration = .init(), _ body: @escaping @Sendable (TestServer) async throws -> Void) async throws {
        let dir = try TemporaryDirectory.make("haven-api")
        defer { try? FileManager.default.removeItem(at: dir) }
        // One clock for the store and the server, as `haven serve` has.
        let clock = ManualClock()
        let store = try await SQLStore.open(.sqlite(path: dir.appendingPathComponent("haven.sqlite").path), logger: logger, clock: { clock.now })
        try await store.initialise(master: MasterKey.random(), scrypt: nil, by: .system)
        let authenticator = Authenticator(store: store, hashParameters: .forTesting(), clock: { clock.now })
        let app = Application(router: buildRouter(store: store, authenticator: authenticator, configuration: configuration),
                              logger: logger)
        try await app.test(.router) { client in
            try await body(TestServer(store: store, client: client, clock: clock))
        }
        try await store.close()
    }

    /// Creates an account with a second factor and returns its TOTP secret.
    @discardableResult
    func makeAccount(_ username: String, role: Role, compartments: Set<String>, enrolled: Bool = true,
                     disabled: Bool = false, protectedFieldsGranted: Bool = false) async throws -> (account: Account, secret: Data) {
        let secret = TOTP.randomSecret()
        var credentials = AccountCredentials(passwordHash: try PasswordHasher.hash(Self.password, parameters: .forTesting()).encoded,
                                             mustChangePassword: false)
        if enrolled { credentials.totpSecret = secret }
        let account = Account(username: username, role: role, compartments: compartments,
                              protectedFieldsGranted: protectedFieldsGranted, disabled: disabled)
        _ = try await store.createAccount(account, credentials: credentials, by: .localOperator)
        return (account, secret)
    }

    /// Signs in through POST /api/session and returns a client that sends the cookie and CSRF token.
    func signIn(_ username: String, secret: Data?) async throws -> SignedInClient {
        // Each sign-in uses a fresh time step, as a person would.
        clock.advance(31)
        let code = secret.map { TOTP(secret: $0).code(at: clock.now) }
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": Self.password, "code": code ?? ""])
        let response = try await client.execute(uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                                                body: ByteBuffer(bytes: body))
        #expect(response.status == .ok, "sign-in of \(username) failed: \(String(buffer: response.body))")
        let setCookie = try #require(response.headers[.setCookie])
        let cookie = String(setCookie.split(separator: ";")[0])
        let json = try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        return SignedInClient(client: client, cookie: cookie, csrf: try #require(json["csrfToken"] as? String))
    }

    /// Makes an account and signs it in.
    func signIn(role: Role, compartments: Set<String>, username: String? = nil) async throws -> SignedInClient {
        let name = username ?? "test-\(role.code)"
        let (_, secret) = try await makeAccount(name, role: role, compartments: compartments)
        return try await signIn(name, secret: secret)
    }
}

/// A test client that carries a session cookie and its CSRF token on every request.
struct SignedInClient: Sendable {
    let client: any TestClientProtocol
    let cookie: String
    let csrf: String
    var sendsCSRF = true

    func execute(uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> TestResponse {
        var headers = headers
        headers[.cookie] = cookie
        if sendsCSRF { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body)
    }
}

extension SignedInClient {
    /// Posts a form as a browser does: url-encoded, with the session's CSRF token in `_csrf`.
    func postForm(_ path: String, _ fields: [String: String]) async throws -> TestResponse {
        let body = (["_csrf": csrf].merging(fields) { kept, _ in kept }).sorted { $0.key < $1.key }.map {
            "\(Self.formEncoded($0.key))=\(Self.formEncoded($0.value))"
        }.joined(separator: "&")
        return try await execute(uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: body))
    }

    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// A page's body as text.
    func page(_ path: String) async throws -> String {
        String(buffer: try await execute(uri: path, method: .get).body)
    }
}

/// A response's body as a JSON object, or the test fails naming what came instead.
func jsonObject(_ response: TestResponse) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any], "\(response.status): \(String(buffer: response.body).prefix(300))")
}
