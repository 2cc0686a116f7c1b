import ArgumentParser
import HavenCore
import HavenReports
import HavenStore

/// `haven user revoke`: removes compartments or the protected-fields grant, and ends the
/// account's sessions so that the narrower rights hold from the next sign-in.
struct UserRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke compartments or the protected-fields grant from an account.",
        discussion: """
        Example:
          haven user revoke --data /srv/haven minjung --compartment busan
          haven user revoke --data /srv/haven jiwoo --protected-fields
        """
    )

    @OptionGroup var vault: VaultOptions
    @OptionGroup var name: AccountName
    @Option(help: "A compartment to remove (repeat for several).") var compartment: [String] = []
    @Flag(help: "Withdraw a reviewer's access to protected fields.") var protectedFields = false

    func validate() throws {
        if compartment.isEmpty && !protectedFields { throw ValidationError("give --compartment or --protected-fields") }
    }

    func run() async throws {
        try await vault.withUnlocked(as: .localOperator) { store, _ in
            var stored = try await AccountEdit.find(name.username, in: store)
            stored.account.compartments.subtract(compartment)
            if protectedFields { stored.account.protectedFieldsGranted = false }
            try await store.saveAccount(stored, action: .accountRevoke, by: .localOperator)
            try await store.endSessions(accountID: stored.account.id, reason: .revoked, by: .localOperator)
        }
        print("Revoked; the account's sessions have ended.")
    }
}
