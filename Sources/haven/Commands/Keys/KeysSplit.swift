import ArgumentParser
import Foundation
import HavenCrypto
import HavenStore

/// `haven keys split`: turns the master key into Shamir shares for separate custodians.
struct KeysSplit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split the master key into shares, any threshold of which unlock the vault.",
        discussion: """
        Unlocks the vault (passphrase or key file), checks the shares rebuild the key, and prints one
        line per share, or writes share-N.txt files (mode 0600) into --out. Give each share to a
        different custodian; any --threshold of them unlock with `haven serve --share-file FILE`
        (repeated) or `--key-shares` (typed one per line). The passphrase or key file keeps working:
        destroy it if only the shares should open the vault. The split is recorded in the audit log
        (counts only).

        Examples:
          haven keys split --data /srv/haven --shares 5 --threshold 3
          haven keys split --data /srv/haven --key-file /secure/haven.key --shares 5 --threshold 3 --out /media/usb
        """
    )

    @OptionGroup var vault: VaultOptions
    @Option(help: "How many shares to make (2–255).") var shares: Int = 5
    @Option(help: "How many shares unlock the vault (2 to --shares).") var threshold: Int = 3
    @Option(help: "Write share-N.txt files into this directory instead of printing them.") var out: String?

    func validate() throws {
        guard (2...255).contains(shares) else { throw ValidationError("--shares must be from 2 to 255") }
        guard (2...shares).contains(threshold) else { throw ValidationError("--threshold must be from 2 to --shares (\(shares))") }
    }

    func run() async throws {
        let lines = try await vault.withUnlocked(as: .localOperator) { store, master -> [String] in
            guard let header = await store.header else { throw CLIError("no vault here yet") }
            let made = try Shamir.split(master.rawBytes, count: shares, threshold: threshold)
            // Check before handing anything out: the first and the last threshold shares rebuild the key.
            guard try Shamir.combine(Array(made.prefix(threshold))) == master.rawBytes,
                  try Shamir.combine(Array(made.suffix(threshold))) == master.rawBytes else {
                throw CLIError("the shares did not rebuild the key; nothing was written")
            }
            let tag = ShareText.vaultTag(header.vaultID)
            try await store.recordAction(.keysSplit, detail: "shares=\(shares) threshold=\(threshold)", by: .localOperator)
            return made.map { ShareText.encode($0, vaultTag: tag) }
        }
        if let out {
            try write(lines, to: out)
            print("Wrote \(shares) shares to \(out) (share-1.txt … share-\(shares).txt); any \(threshold) unlock the vault.")
            print("Give each to a different custodian and delete the files here. / 조각을 서로 다른 보관자에게 하나씩 주고 이곳의 파일은 지우십시오.")
        } else {
            print("Any \(threshold) of these \(shares) shares unlock the vault. Give each to a different custodian.")
            print("이 조각 \(shares)개 중 \(threshold)개가 있으면 보관소를 열 수 있습니다. 서로 다른 보관자에게 하나씩 주십시오.\n")
            for (number, line) in lines.enumerated() { print("Share \(number + 1) / 조각 \(number + 1):\n\(line)\n") }
        }
    }

    private func write(_ lines: [String], to directory: String) throws {
        if let data = vault.data {
            let dataPath = URL(fileURLWithPath: data).standardizedFileURL.path
            let outPath = URL(fileURLWithPath: directory).standardizedFileURL.path
            if outPath == dataPath || outPath.hasPrefix(dataPath + "/") {
                throw CLIError("shares must not be written into the data directory")
            }
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let paths = lines.indices.map { URL(fileURLWithPath: directory).appendingPathComponent("share-\($0 + 1).txt").path }
        if let existing = paths.first(where: FileManager.default.fileExists(atPath:)) {
            throw CLIError("\(existing) already exists; Haven never overwrites a share")
        }
        for (path, line) in zip(paths, lines) {
            guard FileManager.default.createFile(atPath: path, contents: Data((line + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CLIError("cannot write \(path)")
            }
        }
    }
}
