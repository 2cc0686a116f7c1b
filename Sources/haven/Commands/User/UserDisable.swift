import ArgumentParser
import HavenCore
import HavenReports
import HavenStore

/// `haven user disable`: stops an account at once.
struct UserDisable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable an account: it cannot sign in and its sessions and tokens stop working.",
        discussion: """
        The account and its history stay; nothing is deleted.

        Example:
          haven user disable --data /srv/haven minjung
        """
    )

    @OptionGroup var vault: VaultOptions
    @OptionGroup var name: AccountName

    func run() async throws {
        try await vault.withUnlocked(as: .localOperator) { store, _ in
            var stored = try await AccountEdit.find(name.username, in: store)
            stored.account.disabled = true
            try await store.saveAccount(stored, action: .accountDisable, by: .localOperator)
            try await store.endSessions(accountID: stored.account.id, reason: .revoked, by: .localOperator)
        }
        print("Disabled \(Account.normaliseUsername(name.username)).")
    }
}

/// Finding the account a `user` subcommand names.
enum AccountEdit {
    static func find(_ username: String, in store: SQLStore) async throws -> StoredAccount {
        guard let stored = try await store.account(username: username) else {
            throw CLIError("no account named \(Account.normaliseUsername(username)) / 그런 계정이 없습니다")
        }
        return stored
    }
}
