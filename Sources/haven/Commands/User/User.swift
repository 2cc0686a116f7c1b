import ArgumentParser

/// `haven user`: manage who may sign in, one subcommand per file in this folder.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage accounts: add, list, disable, grant, revoke, reset-mfa.",
        discussion: """
        Accounts sign in to the web interface and the API. Each has one role (administrator,
        analyst, documenter, reviewer) and sees only the compartments granted to it. Every
        change is written to the audit log.

        Example:
          haven user add --data /srv/haven --username minjung --role documenter --compartment seoul
        """,
        subcommands: [UserAdd.self, UserList.self, UserDisable.self, UserGrant.self, UserRevoke.self, UserResetMFA.self]
    )
}

/// Options naming one existing account.
struct AccountName: ParsableArguments {
    @Argument(help: "The account's user name.") var username: String
}
