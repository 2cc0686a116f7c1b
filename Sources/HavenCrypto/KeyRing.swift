public import Crypto
public import Foundation

/// A key as stored: wrapped (sealed) by the master key, with what it is for.
public struct WrappedKey: Sendable, Codable, Equatable {
    /// What the key is for: `data`, `blind-index` or `audit-signing`.
    public var purpose: String
    /// The compartment a data key serves; empty for vault-wide keys.
    public var compartment: String
    /// The key's version.
    public var version: Int
    /// The key bytes sealed under the master key's wrapping subkey.
    public var wrapped: Data

    /// Creates a stored key.
    public init(purpose: String, compartment: String, version: Int, wrapped: Data) {
        self.purpose = purpose
        self.compartment = compartment
        self.version = version
        self.wrapped = wrapped
    }

    var associatedData: Data { Data("haven.key.v1|\(purpose)|\(compartment)|\(version)".utf8) }
}

/// Wraps and unwraps keys under the master key. Wrapping binds each key to its purpose,
/// compartment and version, so a stored key cannot be swapped for another.
public struct KeyWrapper: Sendable {
    private let kek: SymmetricKey

    /// Creates a wrapper from the master key.
    public init(master: MasterKey) {
        kek = master.subkey("key-wrapping")
    }

    /// Seals raw key bytes for storage.
    public func wrap(_ raw: SymmetricKey, purpose: String, compartment: String = "", version: Int) throws -> WrappedKey {
        var stored = WrappedKey(purpose: purpose, compartment: compartment, version: version, wrapped: Data())
        let box = try AES.GCM.seal(raw.bytes, using: kek, authenticating: stored.associatedData)
        guard let combined = box.combined else { throw HavenCryptoError.malformed("AES-GCM gave no combined form") }
        stored.wrapped = combined
        return stored
    }

    /// Opens a stored key.
    public func unwrap(_ stored: WrappedKey) throws(HavenCryptoError) -> SymmetricKey {
        do {
            let box = try AES.GCM.SealedBox(combined: stored.wrapped)
            return SymmetricKey(data: try AES.GCM.open(box, using: kek, authenticating: stored.associatedData))
        } catch {
            throw .openFailed
        }
    }

    /// Makes and wraps a new data key for a compartment.
    public func newDataKey(compartment: String, version: Int) throws -> (DataKey, WrappedKey) {
        let key = SymmetricKey(size: .bits256)
        return (DataKey(key: key, version: version), try wrap(key, purpose: "data", compartment: compartment, version: version))
    }

    /// Opens a stored data key.
    public func dataKey(_ stored: WrappedKey) throws(HavenCryptoError) -> DataKey {
        DataKey(key: try unwrap(stored), version: stored.version)
    }

    /// Makes and wraps the vault's blind-index root key.
    public func newBlindIndexKey() throws -> (BlindIndexer, WrappedKey) {
        let key = SymmetricKey(size: .bits256)
        return (BlindIndexer(root: key), try wrap(key, purpose: "blind-index", version: 1))
    }

    /// Opens the stored blind-index root key.
    public func blindIndexer(_ stored: WrappedKey) throws(HavenCryptoError) -> BlindIndexer {
        BlindIndexer(root: try unwrap(stored))
    }

    /// Makes and wraps the vault's audit signing key.
    public func newAuditSigner() throws -> (AuditSigner, WrappedKey) {
        let key = Curve25519.Signing.PrivateKey()
        let wrapped = try wrap(SymmetricKey(data: key.rawRepresentation), purpose: "audit-signing", version: 1)
        return (AuditSigner(privateKey: key), wrapped)
    }

    /// Opens the stored audit signing key.
    public func auditSigner(_ stored: WrappedKey) throws(HavenCryptoError) -> AuditSigner {
        let raw = try unwrap(stored)
        do {
            return AuditSigner(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: raw.bytes))
        } catch {
            throw .invalidKeyMaterial("the stored audit signing key is not an Ed25519 key")
        }
    }
}

/// Computes blind indexes: truncated HMACs that let Haven find a protected value by exact match
/// without storing it.
///
/// Tokens are 8 bytes (64 bits): enough to make accidental collisions rare among millions of
/// values, short enough that a token is not a fingerprint of one value across vaults. A match is
/// always confirmed by opening the record.
public struct BlindIndexer: Sendable {
    private let root: SymmetricKey

    init(root: SymmetricKey) {
        self.root = root
    }

    /// The token for a value of a field of a kind of record. Each kind and field gets its own
    /// subkey, so equal values in different fields give unrelated tokens.
    public func token(kind: String, field: String, value: String) -> String {
        let subkey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: root, info: Data("haven.blind.v1|\(kind)|\(field)".utf8), outputByteCount: 32
        )
        let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: subkey)
        return Data(Data(mac).prefix(8)).hexString
    }
}
