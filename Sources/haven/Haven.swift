import ArgumentParser

/// The `haven` command: one subcommand per file under `Commands/`.
@main
struct Haven: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haven",
        abstract: "Haven: secure documentation and accountability for organisations that protect North Korean refugees.",
        discussion: """
        Start with `haven demo` to see Haven on fictional data, or `haven init --data DIR` to create a vault.
        """,
        version: "0.1.0",
        subcommands: [Init.self, Serve.self, Demo.self, User.self, CompartmentCommand.self, Backup.self, Restore.self, Keys.self, Export.self, Import.self, ImportSheet.self, Imports.self, Audit.self,
                      Report.self, Link.self, Estimate.self, PPRL.self]
    )
}
