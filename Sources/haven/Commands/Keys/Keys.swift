import ArgumentParser

/// `haven keys`: custody of the master key.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Split the master key among custodians.",
        subcommands: [KeysSplit.self]
    )
}
