public import Foundation
public import HavenCrypto

/// What the vault stores about itself in plaintext: how to derive and recognise the master key,
/// and the public half of the audit signing key. Never a key.
public struct VaultHeader: Sendable, Codable, Equatable {
    /// The vault's identity.
    public var vaultID: UUID
    /// When it was created, ISO 8601.
    public var createdAt: String
    /// The scrypt parameters when the vault opens with a passphrase; nil for a key file.
    public var scrypt: ScryptParameters?
    /// The key check: an HMAC that recognises the right master key.
    public var keyCheck: Data
    /// The audit log's Ed25519 public key, hex.
    public var auditPublicKeyHex: String

    /// Creates a header.
    public init(vaultID: UUID, createdAt: String, scrypt: ScryptParameters?, keyCheck: Data, auditPublicKeyHex: String) {
        self.vaultID = vaultID
        self.createdAt = createdAt
        self.scrypt = scrypt
        self.keyCheck = keyCheck
        self.auditPublicKeyHex = auditPublicKeyHex
    }

    /// Whether the vault is opened with a key file rather than a passphrase.
    public var usesKeyFile: Bool { scrypt == nil }
}
