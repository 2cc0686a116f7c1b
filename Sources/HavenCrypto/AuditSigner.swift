import Crypto
public import Foundation

/// Signs audit tree heads with the vault's Ed25519 key.
public struct AuditSigner: Sendable {
    let privateKey: Curve25519.Signing.PrivateKey

    init(privateKey: Curve25519.Signing.PrivateKey) {
        self.privateKey = privateKey
    }

    /// The public key, hex, stored in plaintext with the vault and in every checkpoint.
    public var publicKeyHex: String { privateKey.publicKey.rawRepresentation.hexString }

    /// Signs a tree head.
    public func sign(_ head: TreeHead) throws -> Data {
        try privateKey.signature(for: head.signedBytes)
    }
}

/// The state of the audit tree at one size: what is signed after every entry and in checkpoints.
public struct TreeHead: Sendable, Codable, Equatable {
    /// How many entries the log held.
    public var size: Int
    /// The RFC 6962 root over those entries, hex.
    public var rootHex: String

    /// Creates a tree head.
    public init(size: Int, root: Data) {
        self.size = size
        self.rootHex = root.hexString
    }

    /// The bytes that are signed: a domain label, the size and the root.
    var signedBytes: Data { Data("haven.tree-head.v1|\(size)|\(rootHex)".utf8) }

    /// Whether `signature` over this head verifies under the hex Ed25519 public key.
    public func verify(signature: Data, publicKeyHex: String) -> Bool {
        TreeHeadVerifier(publicKeyHex: publicKeyHex)?.isValid(signature, for: self) ?? false
    }
}

/// Checks tree-head signatures under one public key, parsed once (a log holds one signed head
/// per entry).
public struct TreeHeadVerifier: Sendable {
    private let key: Curve25519.Signing.PublicKey

    /// A verifier for the hex Ed25519 public key, or nil when it is not one.
    public init?(publicKeyHex: String) {
        guard let raw = Data(hex: publicKeyHex), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            return nil
        }
        self.key = key
    }

    /// Whether `signature` is this key's signature over `head`.
    public func isValid(_ signature: Data, for head: TreeHead) -> Bool {
        key.isValidSignature(signature, for: head.signedBytes)
    }
}

/// A signed tree head meant to be kept off the machine (printed, mailed, stored elsewhere).
/// A later log proves it only grew since by a consistency proof to this head.
public struct Checkpoint: Sendable, Codable, Equatable {
    /// Format marker.
    public var format = "haven-audit-checkpoint-v1"
    /// The vault the log belongs to.
    public var vaultID: String
    /// The tree head.
    public var head: TreeHead
    /// When it was made, ISO 8601.
    public var issuedAt: String
    /// The Ed25519 public key that signed it, hex.
    public var publicKeyHex: String
    /// The signature over the tree head, hex.
    public var signatureHex: String

    /// Makes and signs a checkpoint.
    public init(vaultID: String, head: TreeHead, issuedAt: Date, signer: AuditSigner) throws {
        self.vaultID = vaultID
        self.head = head
        self.issuedAt = ISO8601DateFormatter().string(from: issuedAt)
        self.publicKeyHex = signer.publicKeyHex
        self.signatureHex = try signer.sign(head).hexString
    }

    /// Rebuilds a checkpoint from a tree head that was signed when it was written.
    public init(vaultID: String, head: TreeHead, issuedAt: String, publicKeyHex: String, signatureHex: String) {
        self.vaultID = vaultID
        self.head = head
        self.issuedAt = issuedAt
        self.publicKeyHex = publicKeyHex
        self.signatureHex = signatureHex
    }

    /// Whether the checkpoint's own signature verifies.
    public var isSignatureValid: Bool {
        guard let signature = Data(hex: signatureHex) else { return false }
        return head.verify(signature: signature, publicKeyHex: publicKeyHex)
    }
}
