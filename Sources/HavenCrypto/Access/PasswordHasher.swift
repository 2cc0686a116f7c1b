import Crypto
import CryptoExtras
public import Foundation

/// A stored password hash: scrypt with its parameters and salt, in a PHC-style string
/// (`$scrypt$ln=17,r=8,p=1$<salt>$<hash>`, base64 without padding) so that parameters can be
/// raised later and old hashes still verify.
public struct PasswordHash: Sendable, Equatable, CustomStringConvertible {
    /// The scrypt parameters and salt.
    public var parameters: ScryptParameters
    /// The derived bytes.
    public var hash: Data

    /// The stored form.
    public var encoded: String {
        "$scrypt$ln=\(parameters.logN),r=\(parameters.r),p=\(parameters.p)$\(Self.b64(parameters.salt))$\(Self.b64(hash))"
    }

    /// Never the hash itself, so that logging an account by mistake leaks nothing crackable.
    public var description: String { "PasswordHash(scrypt ln=\(parameters.logN) r=\(parameters.r) p=\(parameters.p))" }

    /// Reads the stored form; nil when it is not one.
    public init?(encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { return nil }
        var values: [String: Int] = [:]
        for pair in parts[2].split(separator: ",") {
            let kv = pair.split(separator: "=")
            guard kv.count == 2, let value = Int(kv[1]) else { return nil }
            values[String(kv[0])] = value
        }
        guard let logN = values["ln"], let r = values["r"], let p = values["p"], (10...22).contains(logN), (1...32).contains(r),
              (1...16).contains(p), let salt = Self.unb64(parts[3]), let hash = Self.unb64(parts[4]), salt.count >= 16, hash.count >= 32
        else { return nil }
        self.parameters = ScryptParameters(salt: salt, logN: logN, r: r, p: p)
        self.hash = hash
    }

    init(parameters: ScryptParameters, hash: Data) {
        self.parameters = parameters
        self.hash = hash
    }

    private static func b64(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    private static func unb64(_ text: Substring) -> Data? {
        var padded = String(text)
        while padded.count % 4 != 0 { padded += "=" }
        return Data(base64Encoded: padded)
    }
}

/// Hashes and verifies account passwords with scrypt (swift-crypto's `KDF.Scrypt`).
///
/// The whole password counts: scrypt feeds it through PBKDF2-HMAC-SHA256, which has no 72-byte
/// limit and no NUL-byte stop, unlike bcrypt. Passwords are normalised to NFC first, so the same
/// Hangul typed on two keyboards verifies.
public enum PasswordHasher {
    /// Haven's parameters for account passwords: N = 2^17, r = 8, p = 1 (128 MiB per hash),
    /// OWASP's recommendation for scrypt.
    public static func standardParameters() -> ScryptParameters { ScryptParameters.strong() }

    /// Hashes a password with fresh salt.
    public static func hash(_ password: String, parameters: ScryptParameters = standardParameters()) throws(HavenCryptoError) -> PasswordHash {
        PasswordHash(parameters: parameters, hash: try derive(password, parameters))
    }

    /// Whether `password` is the one hashed.
    public static func verify(_ password: String, against stored: PasswordHash) -> Bool {
        guard let derived = try? derive(password, stored.parameters) else { return false }
        return ConstantTime.equal(derived, stored.hash)
    }

    /// Spends the same work as verifying against a real hash of these parameters, for unknown
    /// accounts, so that timing does not tell whether an account exists.
    public static func verifyNothing(parameters: ScryptParameters = standardParameters()) {
        _ = try? derive("haven-no-such-account", parameters)
    }

    private static func derive(_ password: String, _ parameters: ScryptParameters) throws(HavenCryptoError) -> Data {
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: Data(password.precomposedStringWithCanonicalMapping.utf8), salt: parameters.salt, outputByteCount: 32,
                rounds: 1 << parameters.logN, blockSize: parameters.r, parallelism: parameters.p
            )
            return key.withUnsafeBytes { Data($0) }
        } catch {
            throw .invalidKeyMaterial("scrypt failed")
        }
    }
}
