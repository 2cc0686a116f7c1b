import ArgumentParser
import HavenCore
import HavenStore

/// `haven user list`: every account with its role, compartments and state.
struct UserList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List accounts with role, compartments, second factor and state.",
        discussion: """
        Example:
          haven user list --data /srv/haven
        """
    )

    @OptionGroup var vault: VaultOptions

    func run() async throws {
        let accounts = try await vault.withUnlocked(as: .localOperator) { store, _ in try await store.accounts() }
        guard !accounts.isEmpty else {
            print("No accounts yet.")
            return
        }
        for stored in accounts {
            let a = stored.account
            let factor = stored.credentials.hasSecondFactor ? "2FA" : "2FA not enrolled"
            let state = a.disabled ? "DISABLED" : (stored.credentials.mustChangePassword ? "one-time password pending" : "active")
            let role = a.role.code + (a.protectedFieldsGranted && a.role == .reviewer ? "+protected-fields" : "")
            print("\(a.username)\t\(role)\t\(a.compartments.sorted().joined(separator: ","))\t\(factor)\t\(state)")
        }
    }
}
