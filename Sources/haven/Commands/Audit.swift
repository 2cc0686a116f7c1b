import ArgumentParser
import Foundation
import HavenCore
import HavenCrypto
import HavenStore

/// `haven audit`: checks and checkpoints of the tamper-evident audit log.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify the audit log, print a signed checkpoint of it, or query the access log.",
        subcommands: [Verify.self, Checkpoint.self, Log.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recompute the audit log's Merkle tree and check its signed tree heads.",
            discussion: """
            Names the first entry that was changed, removed or reordered. Every tree head is compared
            with the tree recomputed here; the signatures of every 1,024th head and the last are
            checked, which proves every entry before them (each signed head commits to all earlier
            entries), and --every-signature checks each head's own signature too. With --key-file or key shares,
            also checks the seal of the latest head, which catches a log whose last entries were deleted
            and whose head was copied from the last entry left. With --checkpoint, also proves with an
            RFC 6962 consistency proof that the log extends a checkpoint kept elsewhere, which catches a
            database rolled back whole to an older copy. Without a key it needs no passphrase: the public
            key is stored with the vault. Exits 1 when anything is wrong.

            Examples:
              haven audit verify --data /srv/haven
              haven audit verify --data /srv/haven --key-file /secure/haven.key
              haven audit verify --data /srv/haven --checkpoint /media/usb/haven-2024-08.checkpoint.json
            """
        )

        @OptionGroup var vault: VaultOptions
        @Option(help: "A checkpoint file from `haven audit checkpoint`.") var checkpoint: String?
        @Flag(name: .customLong("every-signature"), help: "Check the signature of every tree head, not every 1,024th and the last.")
        var everySignature = false

        func run() async throws {
            try await vault.withLockedStore { store in
                guard let header = await store.header else { throw CLIError("no vault here yet") }
                let keyed = vault.keyFile != nil || vault.readShares || !vault.shareFiles.isEmpty
                let report: AuditReport
                do {
                    report = try await store.verifyAudit(master: keyed ? try vault.masterKey(for: header) : nil, everySignature: everySignature)
                } catch StoreError.wrongKey {
                    throw CLIError("that key does not open this vault")
                }
                if let problem = report.problem {
                    print("FAILED: \(problem)")
                    throw ExitCode(1)
                }
                print("OK: \(report.entries) audit entries, every tree head matches the tree and "
                      + (everySignature ? "every signature verifies" : "the signed checkpoints verify")
                      + (keyed ? ", and the latest head carries the vault key's seal" : "") + ". Root \(report.head.rootHex)")
                guard let checkpoint else { return }
                guard let data = FileManager.default.contents(atPath: checkpoint),
                      let saved = try? JSONDecoder().decode(HavenCrypto.Checkpoint.self, from: data) else {
                    throw CLIError("\(checkpoint) is not a Haven checkpoint")
                }
                guard saved.publicKeyHex == header.auditPublicKeyHex, saved.vaultID == header.vaultID.wire else {
                    print("FAILED: the checkpoint belongs to another vault or signing key")
                    throw ExitCode(1)
                }
                let result = AuditVerifier.verify(try await store.auditLog(), extends: saved)
                print((result.ok ? "OK: " : "FAILED: ") + result.reason)
                if !result.ok { throw ExitCode(1) }
            }
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract: "Print a signed (Ed25519) tree head of the audit log to keep off this machine.",
            discussion: """
            Keep the output somewhere an attacker on this machine cannot reach (print it, mail it). Later,
            `haven audit verify --checkpoint FILE` proves the log only grew since.

            Example:
              haven audit checkpoint --data /srv/haven > /media/usb/haven-2024-08.checkpoint.json
            """
        )

        @OptionGroup var vault: VaultOptions

        func run() async throws {
            let checkpoint = try await vault.withLockedStore { try await $0.checkpoint() }
            print(String(decoding: try HavenJSON.encoder(pretty: true).encode(checkpoint), as: UTF8.self))
        }
    }
}
