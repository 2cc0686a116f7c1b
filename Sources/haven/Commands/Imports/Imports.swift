import ArgumentParser
import Foundation
import HavenCore
import HavenStore

/// `haven imports`: the spreadsheet imports made, and undoing one.
struct Imports: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imports",
        abstract: "List the spreadsheet imports, or undo one whole.",
        subcommands: [List.self, Undo.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every import batch, newest first.",
            discussion: """
            A batch's file is shown by its SHA-256 (`sha256sum FILE` finds it); its name, which may be a
            person's, stays sealed in the vault and is not printed.

            Examples:
              haven imports list --data /srv/haven
            """
        )
        @OptionGroup var vault: VaultOptions

        func run() async throws {
            try await vault.withUnlocked(as: .localOperator) { store, _ in
                let batches = try await store.importBatches()
                if batches.isEmpty { print("No imports yet.") }
                for batch in batches {
                    let state = batch.undoneAt.map { "undone \($0.formatted(.iso8601)) by \(batch.undoneBy ?? "?")" } ?? "kept"
                    print("\(batch.id.wire)  \(batch.createdAt.formatted(.iso8601))  \(batch.createdBy)  \(batch.records) records from \(batch.rows) rows  file sha256:\(batch.source.fileSHA256.prefix(16))  \(state)")
                }
            }
        }
    }

    struct Undo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Undo an import batch: every record it made that is still kept is deleted (history kept), all or none.",
            discussion: """
            Examples:
              haven imports undo --data /srv/haven 3cbae21b-807a-4854-a326-f4805d3e229d
            """
        )
        @OptionGroup var vault: VaultOptions
        @Argument(help: "The batch's id, as `haven imports list` shows it.") var batch: String

        func run() async throws {
            guard let id = UUID(uuidString: batch) else { throw CLIError("\(batch.prefix(40)) is not a batch id") }
            try await vault.withUnlocked(as: .localOperator) { store, _ in
                do {
                    let deleted = try await store.undoImportBatch(id, by: .localOperator)
                    print("Undid batch \(id.wire): \(deleted) records deleted (their history is kept).")
                } catch StoreError.noSuchImportBatch {
                    throw CLIError("no import batch \(id.wire), or it was undone already")
                }
            }
        }
    }
}
