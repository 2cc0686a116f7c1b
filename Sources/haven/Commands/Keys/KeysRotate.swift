import ArgumentParser
import Foundation
import HavenStore

/// `haven keys rotate`: seals every record again under a new data-key version.
struct KeysRotate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Seal every record, version and account again under a new data-key version.",
        discussion: """
        Makes a new data key for every compartment, seals every record, every earlier version and
        every account again under it in batches that each commit on their own, then deletes the old
        keys. If it is stopped (Ctrl-C, power cut), run it again: it continues where it stopped
        instead of starting over. Stop `haven serve` first: a running server knows only the keys it
        unlocked with. Progress goes to standard error; each batch is in the audit log.

        Examples:
          haven keys rotate --data /srv/haven
          haven keys rotate --database postgres://haven@127.0.0.1:5432/haven --key-file /secure/haven.key
        """
    )

    @OptionGroup var vault: VaultOptions
    @Option(help: "Rows per committed batch.") var batchSize: Int = 500

    func validate() throws {
        guard (1...100_000).contains(batchSize) else { throw ValidationError("--batch-size must be from 1 to 100000") }
    }

    func run() async throws {
        let result = try await vault.withUnlocked(as: .localOperator) { store, _ in
            try await store.rotateDataKeys(batchSize: batchSize, progress: { done, remaining in
                FileHandle.standardError.write(Data("\rsealed again: \(done), remaining: \(remaining)   ".utf8))
            }, by: .localOperator)
        }
        FileHandle.standardError.write(Data("\n".utf8))
        print("\(result.resumed ? "Resumed and finished" : "Finished"): \(result.resealed) rows sealed again; "
              + "\(result.versions.count) compartments now on their new key versions, the old keys deleted.")
    }
}
