import ArgumentParser
import Foundation
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
            abstract: "Recompute the audit log's Merkle tree and check every signed tree head.",
            discussion: """
            Names the first entry that was changed, removed or reordered. With --checkpoint, also proves
            with an RFC 6962 consistency proof that the log extends a checkpoint kept elsewhere. Needs no
            passphrase: the public key is stored with the vault. Exits 1 when anything is wrong.

            Examples:
              haven audit verify --data /srv/haven
              haven audit verify --data /srv/haven --checkpoint /media/usb/haven-2024-08.checkpoint.json
            """
        )

        @OptionGroup var vault: VaultOptions
        @Option(help: "A checkpoint file from `haven audit checkpoint`.") var checkpoint: String?

        func run() async throws {
            try await vault.withLockedStore { store in
                guard let header = await store.header else { throw CLIError("no vault here yet") }
                let report = try await store.verifyAudit()
                if let problem = report.problem {
                    print("FAILED: \(problem)")
                    throw ExitCode(1)
                }
                print("OK: \(report.entries) audit entries, every tree head and signature verifies. Root \(report.head.rootHex)")
                guard let checkpoint else { return }
                guard let data = FileManager.default.contents(atPath: checkpoint),
                      let saved = try? JSONDecoder().decode(HavenCrypto.Checkpoint.self, from: data) else {
                    throw CLIError("\(checkpoint) is not a Haven checkpoint")
                }
                guard saved.publicKeyHex == header.auditPublicKeyHex, saved.vaultID == header.vaultID.uuidString.lowercased() else {
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
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(checkpoint), as: UTF8.self))
        }
    }
}
