import Crypto
import CryptoExtras
public import Foundation

/// Parameters of the scrypt derivation that turns an operator passphrase into a master key.
public struct ScryptParameters: Sendable, Codable, Equatable {
    /// Random salt, stored with the vault.
    public var salt: Data
    /// log2 of the CPU/memory cost N.
    public var logN: Int
    /// Block size r.
    public var r: Int
    /// Parallelism p.
    public var p: Int

    /// The parameters Haven uses for vault passphrases: N = 2^17, r = 8, p = 1 (128 MiB, about
    /// half a second here), the OWASP recommendation for scrypt.
    public static func strong() -> ScryptParameters {
        ScryptParameters(salt: Data(SymmetricKey(size: .bits256).bytes), logN: 17, r: 8, p: 1)
    }

    /// Cheap parameters for tests only; never used by the command line.
    public static func forTesting() -> ScryptParameters {
        ScryptParameters(salt: Data(SymmetricKey(size: .bits256).bytes), logN: 10, r: 8, p: 1)
    }

    /// Creates parameters.
    public init(salt: Data, logN: Int, r: Int, p: Int) {
        self.salt = salt
        self.logN = logN
        self.r = r
        self.p = p
    }
}

/// The root of the key hierarchy. It wraps every data key and is never stored.
public struct MasterKey: Sendable {
    let key: SymmetricKey

    /// Wraps 32 raw key bytes, e.g. read from a key file or reassembled from shares.
    public init(rawBytes: some ContiguousBytes) throws(HavenCryptoError) {
        let key = SymmetricKey(data: rawBytes)
        guard key.bitCount == 256 else { throw .invalidKeyMaterial("a master key must be 32 bytes") }
        self.key = key
    }

    /// A fresh random master key, for key-file vaults.
    public static func random() -> MasterKey {
        MasterKey(key: SymmetricKey(size: .bits256))
    }

    private init(key: SymmetricKey) {
        self.key = key
    }

    /// Derives the master key from a passphrase with scrypt. The passphrase is normalised to
    /// NFC first, so that the same Hangul typed on two keyboards gives the same key.
    public static func derive(passphrase: String, parameters: ScryptParameters) throws(HavenCryptoError) -> MasterKey {
        let normalised = Data(passphrase.precomposedStringWithCanonicalMapping.utf8)
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: normalised, salt: parameters.salt, outputByteCount: 32,
                rounds: 1 << parameters.logN, blockSize: parameters.r, parallelism: parameters.p
            )
            return MasterKey(key: key)
        } catch {
            throw .invalidKeyMaterial("scrypt failed with the stored parameters")
        }
    }

    /// The raw key bytes, for writing a key file or splitting into shares. Handle with care.
    public var rawBytes: Data { key.withUnsafeBytes { Data($0) } }

    /// A subkey for one purpose, so that no two uses share a key.
    func subkey(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: key, info: Data("haven.v1.\(purpose)".utf8), outputByteCount: 32
        )
    }

    /// The value stored to recognise this key later: an HMAC under a subkey, which reveals
    /// nothing about the key itself.
    public func keyCheck(vaultID: UUID) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(vaultID.uuidString.utf8), using: subkey("key-check")))
    }

    /// Whether `check` was made by this key, compared in constant time.
    public func matches(keyCheck check: Data, vaultID: UUID) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(check, authenticating: Data(vaultID.uuidString.utf8), using: subkey("key-check"))
    }
}

extension SymmetricKey {
    /// The key's bytes.
    var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
}

/// Errors from Haven's cryptography. Messages never contain key material or plaintext.
public enum HavenCryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Key bytes of the wrong size or a failed derivation.
    case invalidKeyMaterial(String)
    /// A sealed value failed authentication: wrong key, tampered bytes, or moved to another place.
    case openFailed
    /// Bytes that are not a sealed value at all.
    case malformed(String)
    /// A signature did not verify.
    case badSignature

    public var description: String {
        switch self {
        case .invalidKeyMaterial(let why): "invalid key material: \(why)"
        case .openFailed: "a sealed value could not be opened (wrong key, altered, or moved from another record or field)"
        case .malformed(let why): "malformed sealed data: \(why)"
        case .badSignature: "a signature did not verify"
        }
    }
}
