import ArgumentParser
import HavenCore
import HavenStore

/// `haven user revoke`: removes compartments.
struct UserRevoke: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke compartments from an account.",
        discussion: """
        Example:
          haven user revoke --data /srv/haven minjung --compartment busan
        """
    )

    @OptionGroup var vault: VaultOptions
    @OptionGroup var name: AccountName
    @Option(help: "A compartment to remove (repeat for several).") var compartment: [String] = []

    func validate() throws {
        if compartment.isEmpty { throw ValidationError("give --compartment") }
    }

    func run() async throws {
        try await vault.withUnlocked(as: .localOperator) { store, _ in
            var stored = try await AccountEdit.find(name.username, in: store)
            stored.account.compartments.subtract(compartment)
            try await store.saveAccount(stored, action: "account.revoke", by: .localOperator)
        }
        print("Revoked.")
    }
}
