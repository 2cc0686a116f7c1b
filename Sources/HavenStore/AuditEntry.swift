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

/// Recomputes an audit log's Merkle tree, compares every stored tree head with it, and checks
/// the signatures of the heads.
///
/// Why checking every 1,024th signature (and the last) proves the whole log: each signed head
/// commits to every entry before it through the Merkle root. An entry changed in place no longer
/// yields its stored root; an entry changed with every later root rewritten to match yields roots
/// whose signatures cannot be made without the signing key, so the next checkpoint's signature
/// fails, and the 1,024 heads before it are then checked one by one to name the first entry
/// changed. `everySignature` checks all of them, as an audit that wants each head's own
/// signature proved (a damaged signature on an intact entry is found only that way).
public enum AuditVerifier {
    /// How far apart the signatures checked by default are.
    public static let checkpointInterval = 1_024

    /// Checks a whole log, given in stored order. `head` is the latest signed head the store
    /// keeps apart from the entries, which reveals entries removed from the end.
    public static func verify(
        _ entries: [SignedAuditEntry], publicKeyHex: String, latestHead: (size: Int, rootHex: String, signatureHex: String)?,
        everySignature: Bool = false
    ) -> AuditReport {
        // The leaf hashes on every core, then the sequential part: order, and the tree head
        // after every entry, compared with the one stored.
        let leaves = Parallel.pieces(entries.count) { range in range.map { entries[$0].entry.leafHash } }.flatMap { $0 }
        var frontier = MerkleFrontier()
        var heads: [TreeHead] = []
        heads.reserveCapacity(entries.count)
        var orderProblem: (position: Int, reason: String)?
        var rewritten: Int?
        for (position, stored) in entries.enumerated() {
            if stored.entry.seq != position {
                orderProblem = (position, stored.entry.seq > position
                    ? "missing: the log jumps from entry \(position - 1) to \(stored.entry.seq)"
                    : "out of order: entry \(stored.entry.seq) stands at position \(position)")
                break
            }
            frontier.append(leafHash: leaves[position])
            let head = TreeHead(size: frontier.size, root: frontier.root)
            heads.append(head)
            if rewritten == nil && stored.rootHex != head.rootHex { rewritten = position }
        }
        func report(_ position: Int, _ reason: String) -> AuditReport {
            let head = position < heads.count ? heads[position] : TreeHead(size: frontier.size, root: frontier.root)
            return AuditReport(entries: entries.count, head: head, problem: AuditProblem(seq: position, reason: reason))
        }
        let changed = "changed, removed or reordered: the tree head recomputed here differs from the one signed when it was written"
        // Then the signatures, on all cores: most of the time of verifying a large log when all are checked.
        let verifier = TreeHeadVerifier(publicKeyHex: publicKeyHex)
        let checked = rewritten ?? heads.count
        if let position = firstBadSignature(entries, heads: heads, upTo: checked, verifier: verifier, every: everySignature) {
            return report(position, "its signature does not verify: the entry, or its signed head, was changed after it was written")
        }
        if let rewritten { return report(rewritten, changed) }
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

    /// The position of the first of the heads before `end` whose signature does not verify:
    /// every one with `every`, otherwise every ``checkpointInterval``th and the last, and then
    /// each head of the first stretch whose checkpoint fails.
    static func firstBadSignature(_ entries: [SignedAuditEntry], heads: [TreeHead], upTo end: Int, verifier: TreeHeadVerifier?,
                                  every: Bool) -> Int? {
        guard end > 0 else { return nil }
        guard let verifier else { return 0 }
        @Sendable func bad(_ position: Int) -> Bool {
            guard let signature = Data(hex: entries[position].signatureHex) else { return true }
            return !verifier.isValid(signature, for: heads[position])
        }
        func firstBad(_ positions: [Int]) -> Int? {
            Parallel.pieces(positions.count) { range in range.first { bad(positions[$0]) }.map { positions[$0] } }.compactMap { $0 }.min()
        }
        if every { return firstBad(Array(0..<end)) }
        var checkpoints = Array(stride(from: checkpointInterval - 1, to: end, by: checkpointInterval))
        if checkpoints.last != end - 1 { checkpoints.append(end - 1) }
        guard let failed = firstBad(checkpoints) else { return nil }
        let stretchStart = failed / checkpointInterval * checkpointInterval
        return firstBad(Array(stretchStart...failed))
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
