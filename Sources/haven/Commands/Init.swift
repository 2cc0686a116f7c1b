import ArgumentParser
import Foundation
import HavenCore
import HavenCrypto
import HavenStore

/// `haven init`: creates a vault.
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a vault.",
        discussion: """
        The master key is derived from a passphrase with scrypt (asked twice on a terminal, or one line
        on standard input), or is a new random key written to --key-file, which must lie outside the
        data directory. Only a key check is stored, never a key. It also creates the first administrator
        (--admin, default "admin") and prints a one-time password for it.

        Examples:
          haven init --data /srv/haven
          haven init --data /srv/haven --admin kim.admin
          haven init --data /srv/haven --key-file /media/usb/haven.key
          haven init --database postgres://haven@127.0.0.1:5432/haven --key-file ~/haven.key
        """
    )

    @OptionGroup var vault: VaultOptions
    @Option(help: "User name of the first administrator, who gets a one-time password.") var admin = "admin"

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
        if let problem = Account.usernameProblem(admin) { throw ValidationError(problem.en) }
        let store = try await vault.openStore(creatingDirectory: true)
        let password: String
        do {
            try await store.initialise(master: master, scrypt: scrypt, by: .localOperator)
            password = try await UserAdd.create(in: store, username: admin, displayName: nil, role: .administrator, compartments: [])
            try await store.close()
        } catch StoreError.alreadyInitialised {
            try? await store.close()
            throw CLIError("a vault already exists there; nothing was changed")
        } catch {
            try? await store.close()
            throw error
        }
        print("First administrator: \(Account.normaliseUsername(admin)); one-time password / 일회용 비밀번호: \(password)")
        print("Vault created. Start it with: haven serve \(vault.data.map { "--data \($0)" } ?? "--database …")\(vault.keyFile.map { " --key-file \($0)" } ?? "")")
    }
}
