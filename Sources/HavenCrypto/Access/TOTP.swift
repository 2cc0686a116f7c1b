import Crypto
public import Foundation

/// Time-based one-time passwords (RFC 6238, on HOTP of RFC 4226).
///
/// Single use is the caller's duty: ``TOTP/match(_:at:window:)`` returns the time step a code
/// belongs to, and an account stores the last step it accepted and refuses any step not after it.
public struct TOTP: Sendable {
    /// The hash behind the HMAC. Authenticator apps default to SHA-1, which is still sound in
    /// HMAC; the others are there for RFC 6238's test vectors and stricter deployments.
    public enum Algorithm: String, Sendable, Codable { case sha1 = "SHA1", sha256 = "SHA256", sha512 = "SHA512" }

    /// The shared secret.
    public let secret: Data
    /// Digits per code, 6 or 8.
    public let digits: Int
    /// Seconds per time step.
    public let period: Int
    /// The HMAC hash.
    public let algorithm: Algorithm

    /// Creates a generator. RFC 4226 asks for a secret of at least 128 bits; Haven makes 160.
    public init(secret: Data, digits: Int = 6, period: Int = 30, algorithm: Algorithm = .sha1) {
        self.secret = secret
        self.digits = digits
        self.period = period
        self.algorithm = algorithm
    }

    /// A new random 160-bit secret.
    public static func randomSecret() -> Data {
        Data(SymmetricKey(size: SymmetricKeySize(bitCount: 160)).withUnsafeBytes { Array($0) })
    }

    /// The time step of an instant.
    public func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(period)).rounded(.down))
    }

    /// The code for a time step, zero-padded.
    public func code(step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let key = SymmetricKey(data: secret)
        let mac: [UInt8] = switch algorithm {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: Array(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
        // RFC 4226 dynamic truncation.
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    /// The code at an instant.
    public func code(at date: Date) -> String { code(step: step(at: date)) }

    /// The time step whose code equals `candidate`, looking `window` steps either side of now to
    /// allow for clock drift; nil when none does. Comparison does not stop at the first
    /// differing digit.
    public func match(_ candidate: String, at date: Date, window: Int = 1) -> Int64? {
        let typed = candidate.filter { !$0.isWhitespace }
        guard typed.count == digits, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) else { return nil }
        let now = step(at: date)
        var found: Int64?
        for delta in -Int64(window)...Int64(window) where ConstantTime.equal(Data(code(step: now + delta).utf8), Data(typed.utf8)) {
            found = now + delta
        }
        return found
    }

    /// The `otpauth://` URI authenticator apps read from a QR code or a link. The label holds
    /// the issuer and account name only, never anything about the records.
    public func provisioningURI(issuer: String, account: String) -> String {
        var components = URLComponents()
        components.scheme = "otpauth"
        components.host = "totp"
        components.path = "/" + issuer + ":" + account
        components.queryItems = [
            URLQueryItem(name: "secret", value: Base32.encode(secret, padding: false)),
            URLQueryItem(name: "issuer", value: issuer),
            URLQueryItem(name: "algorithm", value: algorithm.rawValue),
            URLQueryItem(name: "digits", value: String(digits)),
            URLQueryItem(name: "period", value: String(period)),
        ]
        return components.string ?? ""
    }
}

/// Comparison whose time does not depend on where two byte strings differ.
public enum ConstantTime {
    /// Whether `a` and `b` are equal; the time depends on their lengths only.
    public static func equal(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
