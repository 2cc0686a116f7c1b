import Foundation
import HavenCrypto
import HTTPTypes
import Hummingbird

/// The session cookie and the CSRF token bound to it.
///
/// `__Host-` makes browsers insist on Secure, Path=/ and no Domain; HttpOnly keeps it from
/// scripts; SameSite=Strict keeps it off cross-site requests. The CSRF token is an HMAC of the
/// session token, so the server stores nothing for it and it dies with the session.
enum SessionCookie {
    static let name = "__Host-haven-session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    static func set(_ token: String) -> Cookie {
        Cookie(name: name, value: token, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    static func clear() -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    static func csrfToken(for sessionToken: String) -> String {
        KeyedHash.hmacSHA256(Data("haven.csrf.v1".utf8), key: Data(sessionToken.utf8)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func csrfMatches(_ presented: String?, sessionToken: String) -> Bool {
        guard let presented else { return false }
        return ConstantTime.equal(Data(presented.utf8), Data(csrfToken(for: sessionToken).utf8))
    }
}
