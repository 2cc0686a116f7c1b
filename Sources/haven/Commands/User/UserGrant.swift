import ArgumentParser
import HavenCore
import HavenReports
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
          haven user grant --data /srv/haven jiwoo --protected-fields
        """
    )

    @OptionGroup var vault: VaultOptions
    @OptionGroup var name: AccountName
    @Option(help: "A compartment to add (repeat for several).") var compartment: [String] = []
    @Option(help: "A new role: administrator, analyst, documenter or reviewer.") var role: String?
    @Flag(help: "Let a reviewer read protected fields (names, narratives) unredacted.") var protectedFields = false

    func validate() throws {
        if compartment.isEmpty && role == nil && !protectedFields {
            throw ValidationError("give --compartment, --role or --protected-fields")
        }
        if let role, Role(rawValue: role) == nil {
            throw ValidationError("unknown role '\(role)'; use one of: \(Role.codes.joined(separator: ", "))")
        }
    }

    func run() async throws {
        try await vault.withUnlocked(as: .localOperator) { store, _ in
            var stored = try await AccountEdit.find(name.username, in: store)
            stored.account.compartments.formUnion(compartment)
            let roleChanged = role.map { $0 != stored.account.role.code } ?? false
            if let role { stored.account.role = Role(rawValue: role)! }
            if protectedFields { stored.account.protectedFieldsGranted = true }
            try await store.saveAccount(stored, action: .accountGrant, by: .localOperator)
            // A new role may take rights away as well as add them: start again from a sign-in.
            if roleChanged { try await store.endSessions(accountID: stored.account.id, reason: .revoked, by: .localOperator) }
        }
        print("Granted. \(Account.normaliseUsername(name.username)) now has the changes in effect from its next request.")
    }
}
