import Foundation
import HavenCore
import HavenCrypto
import HavenQR
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Enrolling an authenticator app over the API: secret as text, `otpauth://` URI and a QR code
/// of that URI as SVG; confirming with a code gives ten recovery codes and a full sign-in next.
@Suite
struct EnrolmentTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    @Test func aNewAccountEnrolsByQRCodeOrTextAndThenSignsInFully() async throws {
        try await TestServer.with { server in
            try await server.makeAccount("new.officer", role: .documenter, compartments: [Compartment.default], enrolled: false)
            let client = try await server.signIn("new.officer", secret: nil)
            let enrol = try await client.execute(uri: "/api/session/mfa/enrol", method: .post)
            #expect(enrol.status == .ok)
            let body = try #require(JSONSerialization.jsonObject(with: Data(buffer: enrol.body)) as? [String: String])
            let secretText = try #require(body["secret"]), uri = try #require(body["uri"]), svg = try #require(body["qrCodeSVG"])
            #expect(uri.hasPrefix("otpauth://totp/") && uri.contains("secret=\(secretText)"))
            #expect(svg.hasPrefix("<svg") && svg.contains("<path d=\"M"))
            // The SVG is the URI's QR code, module for module.
            let expected = try QRCode(text: uri).svg(title: "Authenticator enrolment / 인증 앱 등록")
            #expect(svg == expected)

            let secret = try #require(Base32.decode(secretText))
            server.clock.advance(31)
            let confirm = try await client.execute(uri: "/api/session/mfa/confirm", method: .post, headers: Self.json,
                                                   body: ByteBuffer(string: #"{"code":"\#(TOTP(secret: secret).code(at: server.clock.now))"}"#))
            #expect(confirm.status == .ok)
            let codes = try #require((JSONSerialization.jsonObject(with: Data(buffer: confirm.body)) as? [String: Any])?["recoveryCodes"] as? [String])
            #expect(codes.count == 10 && Set(codes).count == 10)

            let full = try await server.signIn("new.officer", secret: secret)
            #expect(try await full.execute(uri: "/api/persons", method: .get).status == .ok)
        }
    }

    /// The review replaced a second factor from a signed-in session alone: a session left open
    /// (or stolen) must not be enough to take the account over.
    @Test func replacingASecondFactorNeedsTheCurrentPassword() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: [Compartment.default])
            let bare = try await client.execute(uri: "/api/session/mfa/enrol", method: .post)
            #expect(bare.status == .unprocessableContent && String(buffer: bare.body).contains("password"))
            let wrong = try await client.execute(uri: "/api/session/mfa/enrol", method: .post, headers: Self.json,
                                                 body: ByteBuffer(string: #"{"password":"not the password"}"#))
            #expect(wrong.status == .unprocessableContent)
            let unknown = try await client.execute(uri: "/api/session/mfa/enrol", method: .post, headers: Self.json,
                                                   body: ByteBuffer(string: #"{"pasword":"a long test pass phrase"}"#))
            #expect(unknown.status == .unprocessableContent && String(buffer: unknown.body).contains("pasword"))
            let log = try await server.store.auditLog().map(\.entry.action)
            #expect(!log.contains("mfa.enrol-begin") && log.contains("mfa.enrol-refused"))
            let right = try await client.execute(uri: "/api/session/mfa/enrol", method: .post, headers: Self.json,
                                                 body: ByteBuffer(string: #"{"password":"\#(TestServer.password)"}"#))
            #expect(right.status == .ok)

            // The page asks for it too.
            let page = try await client.page("/account/enrol")
            #expect(page.contains("name=\"password\""))
            let refused = try await client.postForm("/account/enrol", [:])
            #expect(refused.status == .unprocessableContent)
            #expect(try await client.postForm("/account/enrol", ["password": TestServer.password]).status == .ok)
        }
    }
}
