import ArgumentParser

/// `haven keys`: custody of the master key and rotation of the data keys.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Split the master key among custodians, or rotate the data keys.",
        subcommands: [KeysSplit.self, KeysRotate.self]
    )
}
