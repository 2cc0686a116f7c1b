public import Foundation
import HavenCore
import HavenCrypto

/// One entry of the audit log: who did what to which record, when. Never a protected value.
public struct AuditEntry: Sendable, Equatable, Codable {
    /// Position in the log, from 0.
    public var seq: Int
    /// When, ISO 8601 with milliseconds.
    public var at: String
    /// The acting identity's id.
    public var actor: String
    /// What was done: `create`, `update`, `delete`, `read`, `list`, `search`, `lookup`, `import`,
    /// `export`, `vault.init`, `unlock`.
    public var action: String
    /// The record kind, when the action concerns a record.
    public var kind: String
    /// The record id, when the action concerns one record.
    public var recordID: String
    /// The record version written or read.
    public var version: Int
    /// SHA-256 of the stored row written, binding the log to the data.
    public var contentHash: String
    /// Non-protected detail: counts, ids of records returned, flags.
    public var detail: String

    /// Creates an entry.
    public init(
        seq: Int, at: String, actor: String, action: String, kind: String = "", recordID: String = "",
        version: Int = 0, contentHash: String = "", detail: String = ""
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.kind = kind
        self.recordID = recordID
        self.version = version
        self.contentHash = contentHash
        self.detail = detail
    }

    /// The bytes that become the Merkle leaf: every field, length-prefixed, in a fixed order.
    public var leafData: Data {
        var data = Data("haven.audit.v1".utf8)
        for part in [String(seq), at, actor, action, kind, recordID, String(version), contentHash, detail] {
            let bytes = Data(part.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { data.append(contentsOf: $0) }
            data.append(bytes)
        }
        return data
    }

    /// The RFC 6962 leaf hash of the entry.
    public var leafHash: Data { MerkleTree.leafHash(leafData) }
}

/// An audit entry as stored, with the signed tree head after it.
public struct SignedAuditEntry: Sendable, Equatable {
    /// The entry.
    public var entry: AuditEntry
    /// The tree root after appending the entry, hex.
    public var rootHex: String
    /// The Ed25519 signature over the tree head (size = seq + 1, root), hex.
    public var signatureHex: String
    /// The seal of the tree head under the master key (``AuditHeadSealer``), when the entry was
    /// just made: kept for the latest head only, not with every entry.
    public var headSealHex: String?

    /// Creates a stored entry.
    public init(entry: AuditEntry, rootHex: String, signatureHex: String, headSealHex: String? = nil) {
        self.entry = entry
        self.rootHex = rootHex
        self.signatureHex = signatureHex
        self.headSealHex = headSealHex
    }
}

/// The outcome of checking an audit log.
public struct AuditReport: Sendable, Equatable {
    /// How many entries were checked.
    public var entries: Int
    /// The recomputed tree head.
    public var head: TreeHead
    /// The first problem found, or nil when the log is intact.
    public var problem: AuditProblem?

    /// Whether the log is intact.
    public var isIntact: Bool { problem == nil }
}

/// The first thing wrong with an audit log.
public struct AuditProblem: Sendable, Equatable, CustomStringConvertible {
    /// The position of the first entry that was changed, removed or reordered.
    public var seq: Int
    /// What was found there.
    public var reason: String

    public var description: String { "audit entry \(seq): \(reason)" }
}

/// Recomputes an audit log's Merkle tree and checks every stored tree head and signature.
public enum AuditVerifier {
    /// Checks a whole log, given in stored order. `head` is the latest signed head the store
    /// keeps apart from the entries, which reveals entries removed from the end.
    public static func verify(
        _ entries: [SignedAuditEntry], publicKeyHex: String, latestHead: (size: Int, rootHex: String, signatureHex: String)?
    ) -> AuditReport {
        // First the cheap sequential part: order, and the tree head after every entry.
        var frontier = MerkleFrontier()
        var heads: [TreeHead] = []
        heads.reserveCapacity(entries.count)
        var orderProblem: (position: Int, reason: String)?
        for (position, stored) in entries.enumerated() {
            if stored.entry.seq != position {
                orderProblem = (position, stored.entry.seq > position
                    ? "missing: the log jumps from entry \(position - 1) to \(stored.entry.seq)"
                    : "out of order: entry \(stored.entry.seq) stands at position \(position)")
                break
            }
            frontier.append(leafHash: stored.entry.leafHash)
            heads.append(TreeHead(size: frontier.size, root: frontier.root))
        }
        func report(_ position: Int, _ reason: String) -> AuditReport {
            let head = position < heads.count ? heads[position] : TreeHead(size: frontier.size, root: frontier.root)
            return AuditReport(entries: entries.count, head: head, problem: AuditProblem(seq: position, reason: reason))
        }
        // Then every signature, on all cores: most of the time of verifying a large log.
        let verifier = TreeHeadVerifier(publicKeyHex: publicKeyHex)
        if let position = firstBadSignature(entries, heads: heads, verifier: verifier) {
            return report(position, entries[position].rootHex == heads[position].rootHex
                ? "its signature does not verify"
                : "changed, removed or reordered: the tree head recomputed here differs from the one signed when it was written")
        }
        if let orderProblem { return report(orderProblem.position, orderProblem.reason) }
        let head = TreeHead(size: frontier.size, root: frontier.root)
        if let latest = latestHead {
            let signed = TreeHead(size: latest.size, root: Data(hex: latest.rootHex) ?? Data())
            let signatureOK = Data(hex: latest.signatureHex).map { signed.verify(signature: $0, publicKeyHex: publicKeyHex) } ?? false
            if !signatureOK {
                return report(min(latest.size, entries.count), "the latest signed tree head does not verify")
            }
            if latest.size > entries.count {
                return report(entries.count, "missing: the signed head covers \(latest.size) entries but only \(entries.count) remain")
            }
            if latest.size == entries.count && latest.rootHex != head.rootHex {
                return report(max(entries.count - 1, 0), "the log does not match the latest signed tree head")
            }
        }
        return AuditReport(entries: entries.count, head: head, problem: nil)
    }

    /// The position of the first entry whose signed head does not verify against the head
    /// recomputed for it, checking chunks of the log in parallel.
    static func firstBadSignature(_ entries: [SignedAuditEntry], heads: [TreeHead], verifier: TreeHeadVerifier?) -> Int? {
        guard !heads.isEmpty else { return nil }
        guard let verifier else { return 0 }
        let firstInEachPiece = Parallel.pieces(heads.count) { range in
            range.first { position in
                guard let signature = Data(hex: entries[position].signatureHex) else { return true }
                return !verifier.isValid(signature, for: heads[position])
            }
        }
        return firstInEachPiece.compactMap { $0 }.min()
    }

    /// Checks that the log extends a checkpoint kept elsewhere, with an RFC 6962 consistency proof.
    public static func verify(_ entries: [SignedAuditEntry], extends checkpoint: Checkpoint) -> (ok: Bool, reason: String) {
        guard checkpoint.isSignatureValid else { return (false, "the checkpoint's signature does not verify") }
        let leaves = entries.map(\.entry.leafHash)
        let oldSize = checkpoint.head.size
        guard oldSize <= leaves.count else {
            return (false, "the checkpoint covers \(oldSize) entries but the log has only \(leaves.count): entries were removed")
        }
        guard let oldRoot = Data(hex: checkpoint.head.rootHex) else { return (false, "the checkpoint's root is not hex") }
        let newRoot = MerkleTree.root(leaves)
        let proof = MerkleTree.consistencyProof(oldSize: oldSize, leaves: leaves)
        let ok = MerkleTree.verifyConsistency(oldSize: oldSize, newSize: leaves.count, oldRoot: oldRoot, newRoot: newRoot, proof: proof)
        return ok
            ? (true, "the log of \(leaves.count) entries extends the checkpoint of \(oldSize) entries (consistency proof of \(proof.count) hashes)")
            : (false, "the log is not an extension of the checkpoint: entries before \(oldSize) were changed")
    }
}
