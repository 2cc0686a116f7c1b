import Foundation
import HavenCore
import HavenCrypto
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import HavenTestSupport

/// The client's address behind a reverse proxy: believed from `X-Forwarded-For` only when the
/// connection comes from a configured proxy, so that behind one, people are told apart, and
/// without one, nobody can name their own address.
@Suite(.serialized)
struct ClientAddressTests {
    @Test func theClientIsTheRightmostAddressThatIsNotATrustedProxy() {
        let proxies: Set<String> = ["10.0.0.2", "10.0.0.3"]
        #expect(ClientAddressMiddleware.client(forwardedFor: "203.0.113.9", trusted: proxies) == "203.0.113.9")
        #expect(ClientAddressMiddleware.client(forwardedFor: "1.2.3.4, 203.0.113.9, 10.0.0.3", trusted: proxies) == "203.0.113.9",
                "what the client wrote on the left is not believed")
        #expect(ClientAddressMiddleware.client(forwardedFor: "2001:db8::1", trusted: proxies) == "2001:db8::1")
        #expect(ClientAddressMiddleware.client(forwardedFor: "not-an-address", trusted: proxies) == nil)
        #expect(ClientAddressMiddleware.client(forwardedFor: "10.0.0.2, 10.0.0.3", trusted: proxies) == nil)
        #expect(ClientAddressMiddleware.client(forwardedFor: "<script>", trusted: proxies) == nil)
    }

    /// A real connection on 127.0.0.1, which is the proxy in one run and an ordinary client in the other.
    @Test(arguments: [true, false])
    func aForwardedAddressIsBelievedOnlyFromATrustedProxy(trusted: Bool) async throws {
        let dir = try TemporaryDirectory.make("haven-proxy")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try await SQLStore.open(.sqlite(path: dir.appendingPathComponent("haven.sqlite").path), logger: TestServer.quietLogger)
        try await store.initialise(master: MasterKey.random(), scrypt: nil, by: .system)
        let authenticator = Authenticator(store: store, hashParameters: .forTesting())
        let configuration = ServerConfiguration(trustedProxies: trusted ? ["127.0.0.1", "::1"] : [])
        let app = Application(router: buildRouter(store: store, authenticator: authenticator, configuration: configuration),
                              logger: TestServer.quietLogger)
        try await app.test(.live) { client in
            let response = try await client.execute(uri: "/api/session", method: .post,
                                                    headers: [.contentType: "application/json", HTTPField.Name("X-Forwarded-For")!: "203.0.113.77"],
                                                    body: ByteBuffer(string: #"{"username":"nobody","password":"wrong"}"#))
            #expect(response.status == .unauthorized)
        }
        let failure = try #require(try await store.auditLog().last { $0.entry.action == "login.failure" })
        #expect(failure.entry.detail.contains("from=203.0.113.77") == trusted, "\(failure.entry.detail)")
        try await store.close()
    }
}
