import ArgumentParser
import Foundation
import HavenCore
import HavenCrypto
import HavenStore

/// `haven init`: creates a vault.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a vault.",
        discussion: """
        The master key is derived from a passphrase with scrypt (asked twice on a terminal, or one line
        on standard input), or is a new random key written to --key-file, which must lie outside the
        data directory. Only a key check is stored, never a key.

        Examples:
          haven init --data /srv/haven
          haven init --data /srv/haven --key-file /media/usb/haven.key
          haven init --database postgres://haven@127.0.0.1:5432/haven --key-file ~/haven.key
        """
    )

    @OptionGroup var vault: VaultOptions

    func run() async throws {
        let master: MasterKey
        let scrypt: ScryptParameters?
        if let keyFile = vault.keyFile {
            master = MasterKey.random()
            scrypt = nil
            try KeyFile.create(keyFile, master: master, dataDirectory: vault.data)
        } else {
            let passphrase = try Passphrase.readNew()
            scrypt = ScryptParameters.strong()
            master = try MasterKey.derive(passphrase: passphrase, parameters: scrypt!)
        }
        let store = try await vault.openStore(creatingDirectory: true)
        do {
            try await store.initialise(master: master, scrypt: scrypt, by: .localOperator)
            try await store.close()
        } catch StoreError.alreadyInitialised {
            try? await store.close()
            throw CLIError("a vault already exists there; nothing was changed")
        }
        print("Vault created. Start it with: haven serve \(vault.data.map { "--data \($0)" } ?? "--database …")\(vault.keyFile.map { " --key-file \($0)" } ?? "")")
    }
}
