import ArgumentParser
import HavenCore
import HavenCrypto
import HavenStore

/// `haven user add`: creates an account with a one-time password.
struct UserAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create an account and print its one-time password.",
        discussion: """
        The password printed works once: at first sign-in the person chooses their own and enrols
        a second factor before they can see anything. Hand it over in person or over a channel
        you trust, never in the same message as the user name.

        Examples:
          haven user add --data /srv/haven --username minjung --role documenter --compartment seoul
          haven user add --data /srv/haven --username analyst.park --role analyst --compartment seoul --compartment busan
        """
    )

    @OptionGroup var vault: VaultOptions
    @Option(help: "The name typed at sign-in (2–64 letters, digits, '.', '-', '_'; Hangul welcome).") var username: String
    @Option(help: "How colleagues see the person (defaults to the user name).") var displayName: String?
    @Option(help: "administrator, analyst, documenter or reviewer.") var role: String
    @Option(help: "A compartment the account may see (repeat for several).") var compartment: [String] = []

    func run() async throws {
        guard let role = Role(rawValue: role) else {
            throw ValidationError("unknown role '\(role)'; use one of: \(Role.codes.joined(separator: ", "))")
        }
        let password = try await vault.withUnlocked(as: .localOperator) { store, _ in
            try await Self.create(in: store, username: username, displayName: displayName, role: role, compartments: Set(compartment))
        }
        print("Account created: \(Account.normaliseUsername(username)) (\(role.code); compartments: \(compartment.sorted().joined(separator: ", ")))")
        print("One-time password / 일회용 비밀번호: \(password)")
        print("It works once: the first sign-in sets a new password and enrols a second factor.")
    }

    /// Creates the account and returns its one-time password. Shared with `init` and `demo`.
    static func create(in store: SQLStore, username: String, displayName: String?, role: Role,
                       compartments: Set<String>) async throws -> String {
        if let problem = Account.usernameProblem(username) { throw CLIError(problem.en + "\n" + problem.ko) }
        let password = ReadableSecret.make()
        let credentials = AccountCredentials(passwordHash: try PasswordHasher.hash(password).encoded, mustChangePassword: true)
        do {
            _ = try await store.createAccount(Account(username: username, displayName: displayName, role: role, compartments: compartments),
                                              credentials: credentials, by: .localOperator)
        } catch StoreError.invalid(let error) {
            throw CLIError("the account was not created: " + error.problems.map { "\($0.field) \($0.message)" }.joined(separator: "; "))
        }
        return password
    }
}
