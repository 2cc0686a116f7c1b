import ArgumentParser
import HavenCore
import HavenStore

/// `haven user grant`: adds compartments, or changes the role.
struct UserGrant: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant compartments to an account, or give it another role.",
        discussion: """
        Examples:
          haven user grant --data /srv/haven minjung --compartment busan
          haven user grant --data /srv/haven minjung --role analyst
        """
    )

    @OptionGroup var vault: VaultOptions
    @OptionGroup var name: AccountName
    @Option(help: "A compartment to add (repeat for several).") var compartment: [String] = []
    @Option(help: "A new role: administrator, analyst, documenter or reviewer.") var role: String?

    func validate() throws {
        if compartment.isEmpty && role == nil { throw ValidationError("give --compartment or --role") }
        if let role, Role(rawValue: role) == nil {
            throw ValidationError("unknown role '\(role)'; use one of: \(Role.codes.joined(separator: ", "))")
        }
    }

    func run() async throws {
        try await vault.withUnlocked(as: .localOperator) { store, _ in
            var stored = try await AccountEdit.find(name.username, in: store)
            stored.account.compartments.formUnion(compartment)
            if let role { stored.account.role = Role(rawValue: role)! }
            try await store.saveAccount(stored, action: "account.grant", by: .localOperator)
        }
        print("Granted. \(Account.normaliseUsername(name.username)) now has the changes in effect from its next request.")
    }
}
