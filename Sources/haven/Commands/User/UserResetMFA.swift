import ArgumentParser
import HavenCore
import HavenReports
import HavenStore

/// `haven user reset-mfa`: clears a lost second factor.
struct UserResetMFA: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-mfa",
        abstract: "Clear an account's second factor and recovery codes so that it enrols again.",
        discussion: """
        Use it when someone lost their phone and their recovery codes, after checking who they
        are in person. The next sign-in must enrol a new second factor before anything else.

        Example:
          haven user reset-mfa --data /srv/haven minjung
        """
    )

    @OptionGroup var vault: VaultOptions
    @OptionGroup var name: AccountName

    func run() async throws {
        try await vault.withUnlocked(as: .localOperator) { store, _ in
            var stored = try await AccountEdit.find(name.username, in: store)
            stored.credentials.totpSecret = nil
            stored.credentials.pendingTOTPSecret = nil
            stored.credentials.recoveryCodeHashes = []
            try await store.saveAccount(stored, action: .accountResetMFA, by: .localOperator)
            try await store.endSessions(accountID: stored.account.id, reason: .revoked, by: .localOperator)
        }
        print("Second factor cleared; the next sign-in enrols a new one.")
    }
}
