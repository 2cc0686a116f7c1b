import ArgumentParser
import Foundation
import HavenCore
import HavenCrypto
import HavenStore

/// `haven export`: every current record as JSON, sealed unless asked otherwise.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every current record as JSON, sealed by default.",
        discussion: """
        A sealed export opens only with this vault's passphrase or key file (use it for backups and
        transfers). --plaintext writes decrypted JSON: it needs the flag, is written readable by the
        owner only, and is recorded in the audit log. Never leave a plaintext export on a shared disk.

        Examples:
          haven export --data /srv/haven --output backup.haven.json
          haven export --data /srv/haven --output review.json --plaintext
        """
    )

    @OptionGroup var vault: VaultOptions
    @Option(name: .shortAndLong, help: "The file to write (never overwritten).") var output: String
    @Flag(help: "Write decrypted JSON instead of a sealed file (audited).") var plaintext = false

    func run() async throws {
        try await vault.withUnlocked(as: .localOperator) { store, master in
            guard let header = await store.header else { throw CLIError("no vault here") }
            let records = try await store.exportRecords(plaintext: plaintext, by: .localOperator)
            let document = try HavenJSON.encoder(pretty: true).encode(try ExportCoding.document(records, at: Date()))
            if plaintext {
                try ExportCoding.write(document, to: output)
                print("Wrote \(records.count) records DECRYPTED to \(output). This export is in the audit log; delete it when done.")
            } else {
                let salt = ExportSealer.randomSalt()
                let sealed = SealedExport(vaultID: header.vaultID, scrypt: header.scrypt, keyCheck: header.keyCheck, salt: salt,
                                          ciphertext: try ExportSealer.seal(document, master: master, salt: salt, vaultID: header.vaultID))
                try ExportCoding.write(try HavenJSON.encoder(pretty: true).encode(sealed), to: output)
                print("Wrote \(records.count) records, sealed, to \(output).")
            }
        }
    }
}
