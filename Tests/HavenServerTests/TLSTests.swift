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

/// `haven serve --tls-cert --tls-key`: Haven terminates TLS itself and then sends HSTS; without
/// TLS it never does.
@Suite(.serialized)
struct TLSTests {
    /// A self-signed P-256 certificate for CN=127.0.0.1, valid for a century, and its key: a test
    /// fixture made once with `openssl req -x509 -newkey ec`, so that the test needs no openssl.
    /// It protects nothing.
    static let certificate = """
-----BEGIN CERTIFICATE-----
MIIBfjCCASWgAwIBAgIUcN54dkCjwBwF4Y6eZPPDeCzJ2agwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNDExMDczOFoYDzIxMjYxMDMx
MTEwNzM4WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQfIVIyU8VQ4eNoZd40djBLmG6pUh7M1r1Tjs+KkVB/bo3qEn+YglJL
ifbTG2lE458nY+fsea1eeHfkTPpCdruHo1MwUTAdBgNVHQ4EFgQUKhY20eAECkKJ
8jlGhXJPF07rEwAwHwYDVR0jBBgwFoAUKhY20eAECkKJ8jlGhXJPF07rEwAwDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiAcvimrFIG4NADFS0FikmN6
MPNdyywFOywvulO1/DtrjwIgfVn7470JBeeZvW4YHz7AgBsf/0Q22pbMr80veA1B
hPA=
-----END CERTIFICATE-----
"""
    static let privateKey = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgM5rkOlA2Sn8FVolE
SabQd1Mw+vzQU6ibQSLZyQTBD9KhRANCAAQfIVIyU8VQ4eNoZd40djBLmG6pUh7M
1r1Tjs+KkVB/bo3qEn+YglJLifbTG2lE458nY+fsea1eeHfkTPpCdruH
-----END PRIVATE KEY-----
"""

    /// Writes the fixture into a temporary directory.
    static func makeCertificate(in dir: URL) throws -> TLSFiles {
        let cert = dir.appendingPathComponent("cert.pem").path, key = dir.appendingPathComponent("key.pem").path
        try certificate.write(toFile: cert, atomically: true, encoding: .utf8)
        try privateKey.write(toFile: key, atomically: true, encoding: .utf8)
        return TLSFiles(certificatePath: cert, privateKeyPath: key)
    }

    static func withStore(_ body: (SQLStore, URL) async throws -> Void) async throws {
        let dir = try TemporaryDirectory.make("haven-tls")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try await SQLStore.open(.sqlite(path: dir.appendingPathComponent("haven.sqlite").path))
        try await store.initialise(master: MasterKey.random(), scrypt: nil, by: .system)
        try await body(store, dir)
        try await store.close()
    }

    @Test func overTLSEveryResponseCarriesHSTS() async throws {
        try await Self.withStore { store, dir in
            let tls = try Self.makeCertificate(in: dir)
            let app = try buildApplication(store: store, authenticator: Authenticator(store: store),
                                           configuration: ServerConfiguration(port: 0, tls: tls))
            try await app.test(.ahc(.https)) { client in
                for uri in ["/health", "/api/persons"] {
                    let response = try await client.execute(uri: uri, method: .get)
                    #expect(response.headers[.strictTransportSecurity] == "max-age=63072000; includeSubDomains", "\(uri)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(uri)")
                }
            }
        }
    }

    @Test func withoutTLSThereIsNoHSTSButTheOtherHeadersStay() async throws {
        try await Self.withStore { store, _ in
            let app = try buildApplication(store: store, authenticator: Authenticator(store: store), configuration: ServerConfiguration(port: 0))
            try await app.test(.live) { client in
                let response = try await client.execute(uri: "/api/persons", method: .get)
                #expect(response.status == .unauthorized)
                #expect(response.headers[.strictTransportSecurity] == nil)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test func anUnreadableCertificateOrKeyIsNamed() async throws {
        let missing = TLSFiles(certificatePath: "/nonexistent/cert.pem", privateKeyPath: "/nonexistent/key.pem")
        #expect(throws: TLSSetupError.self) { try missing.configuration() }
        do { _ = try missing.configuration() } catch { #expect("\(error)".contains("/nonexistent/cert.pem")) }
    }
}
