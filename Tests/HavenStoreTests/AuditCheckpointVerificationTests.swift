import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import Testing

/// Verification checks every tree head against the recomputed tree and the signatures of every
/// 1,024th head and the last: a log of several thousand entries, changed the ways an attacker
/// without the signing key could change it, is caught at the first entry changed.
@Suite
struct AuditCheckpointVerificationTests {
    /// A signed log of `count` entries, as the store writes it.
    static func log(_ count: Int) throws -> (entries: [SignedAuditEntry], publicKeyHex: String, signer: AuditSigner) {
        let (signer, _) = try KeyWrapper(master: MasterKey.random()).newAuditSigner()
        var frontier = MerkleFrontier()
        var entries: [SignedAuditEntry] = []
        for seq in 0..<count {
            let entry = AuditEntry(seq: seq, at: "2026-12-06T00:00:00.000Z", actor: "account:a", action: "read", kind: "person",
                                   recordID: UUID().wire, version: 1)
            frontier.append(leafHash: entry.leafHash)
            let head = TreeHead(size: frontier.size, root: frontier.root)
            entries.append(SignedAuditEntry(entry: entry, rootHex: head.rootHex, signatureHex: try signer.sign(head).hexString))
        }
        return (entries, signer.publicKeyHex, signer)
    }

    static func verify(_ entries: [SignedAuditEntry], _ key: String, every: Bool = false) -> AuditReport {
        AuditVerifier.verify(entries, publicKeyHex: key, latestHead: nil, everySignature: every)
    }

    /// Every root from `position` on recomputed to match the entries as they now are, as a
    /// forger without the key would, keeping the old signatures.
    static func rewritingRoots(_ entries: [SignedAuditEntry], from position: Int) -> [SignedAuditEntry] {
        var frontier = MerkleFrontier()
        var rewritten = entries
        for i in entries.indices {
            frontier.append(leafHash: entries[i].entry.leafHash)
            if i >= position { rewritten[i].rootHex = TreeHead(size: frontier.size, root: frontier.root).rootHex }
        }
        return rewritten
    }

    @Test func anIntactLogOfSeveralCheckpointsVerifiesEitherWay() throws {
        let (entries, key, _) = try Self.log(3_000)
        #expect(Self.verify(entries, key).isIntact)
        #expect(Self.verify(entries, key, every: true).isIntact)
    }

    @Test(arguments: [0, 1, 1_023, 1_024, 1_500, 2_047, 2_999])
    func anEntryChangedWithEveryLaterRootRewrittenIsFoundAtThatEntry(position: Int) throws {
        var (entries, key, _) = try Self.log(3_000)
        entries[position].entry.detail = "rewritten"
        let forged = Self.rewritingRoots(entries, from: position)
        #expect(Self.verify(forged, key).problem?.seq == position)
        #expect(Self.verify(forged, key, every: true).problem?.seq == position)
        // Left with its old root, the change is found by the root alone.
        #expect(Self.verify(entries, key).problem?.seq == position)
    }

    @Test func aDamagedSignatureOnAnIntactEntryIsFoundByCheckingEverySignature() throws {
        var (entries, key, signer) = try Self.log(3_000)
        entries[10].signatureHex = try signer.sign(TreeHead(size: 99, root: Data(repeating: 7, count: 32))).hexString
        #expect(Self.verify(entries, key).isIntact, "between checkpoints, an intact entry's own signature is not read")
        #expect(Self.verify(entries, key, every: true).problem?.seq == 10)
        // At a checkpoint (or the last head), it is found either way.
        entries[1_023].signatureHex = entries[10].signatureHex
        #expect(Self.verify(entries, key).problem?.seq == 10, "the stretch before a failed checkpoint is checked head by head")
    }
}
