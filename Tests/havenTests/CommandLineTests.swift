import ArgumentParser
import Foundation
@testable import haven
import HavenCore
import HavenCrypto
import HavenStore
import Testing
import HavenTestSupport

/// The `haven` commands, parsed from argument arrays as a shell would pass them and run against
/// real SQLite vaults in a temporary directory. Key files stand in for passphrases, because a
/// test has no terminal.
@Suite(.serialized)
struct CommandLineTests {
    static let hangulCanary = "명령줄카나리아새"
    static let latinCanary = "CLI-CANARY-Quokka-Tamarind-41"

    /// A scratch directory holding vaults, key files and exports.
    struct Scratch: ~Copyable {
        let root: URL
        init() throws {
            root = try TemporaryDirectory.make("haven-cli")
        }
        func path(_ name: String) -> String { root.appendingPathComponent(name).path }
        deinit { try? FileManager.default.removeItem(at: root) }
    }

    /// Parses `arguments` exactly as `haven` would and runs the chosen command.
    func haven(_ arguments: [String]) async throws {
        let command = try Haven.parseAsRoot(arguments)
        guard var runnable = command as? any AsyncParsableCommand else {
            Issue.record("\(arguments.first ?? "") is not an async command")
            return
        }
        try await runnable.run()
    }

    /// Opens a vault made by `haven init` directly, to put records in or look at its log.
    func withStore<T: Sendable>(_ scratch: borrowing Scratch, vault: String, key: String,
                                _ body: (SQLStore) async throws -> T) async throws -> T {
        let store = try await SQLStore.open(.sqlite(path: scratch.path(vault) + "/haven.sqlite"))
        do {
            try await store.unlock(master: try KeyFile.read(scratch.path(key)), by: .localOperator)
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// A vault's directory is its owner's alone (0700) and its database file too (0600), also
    /// when the directory was made beforehand with the usual 0755.
    @Test func aVaultsDirectoryAndDatabaseAreTheOwnersAlone() async throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("made"), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        try await haven(["init", "--data", scratch.path("made"), "--key-file", scratch.path("made.key")])
        try await haven(["init", "--data", scratch.path("new"), "--key-file", scratch.path("new.key")])
        for vault in ["made", "new"] {
            let directory = try FileManager.default.attributesOfItem(atPath: scratch.path(vault))[.posixPermissions] as? Int
            let database = try FileManager.default.attributesOfItem(atPath: scratch.path(vault) + "/haven.sqlite")[.posixPermissions] as? Int
            #expect(directory == 0o700, "\(vault): \(String(directory ?? 0, radix: 8))")
            #expect(database == 0o600, "\(vault): \(String(database ?? 0, radix: 8))")
        }
    }

    func addCanaryRecords(_ scratch: borrowing Scratch, vault: String, key: String) async throws {
        try await withStore(scratch, vault: vault, key: key) { store in
            _ = try await store.create(Person(names: [PersonName(Self.hangulCanary, script: .hangul, system: .southKorean),
                                                      PersonName(Self.latinCanary, script: .latin, system: .passport)],
                                              phone: "+82 10 4444 0123", notes: Self.hangulCanary), by: .localOperator)
            _ = try await store.create(Event(title: Self.latinCanary, description: Self.hangulCanary), by: .localOperator)
        }
    }

    @Test func aDefaultExportHoldsNoProtectedValueAndImportsIntoAnotherVault() async throws {
        let scratch = try Scratch()
        try await haven(["init", "--data", scratch.path("a"), "--key-file", scratch.path("a.key")])
        try await addCanaryRecords(scratch, vault: "a", key: "a.key")

        try await haven(["export", "--data", scratch.path("a"), "--key-file", scratch.path("a.key"), "--output", scratch.path("sealed.json")])
        let sealed = try Data(contentsOf: URL(fileURLWithPath: scratch.path("sealed.json")))
        #expect(sealed.range(of: Data("haven-sealed-export-v1".utf8)) != nil)
        for canary in [Self.hangulCanary, Self.latinCanary, "4444 0123"] {
            #expect(sealed.range(of: Data(canary.utf8)) == nil, "a protected value is readable in the sealed export")
            #expect(sealed.range(of: Data(canary.decomposedStringWithCanonicalMapping.utf8)) == nil)
        }

        // Another vault opens it with the exporting vault's key file, and finds the records.
        try await haven(["init", "--data", scratch.path("b"), "--key-file", scratch.path("b.key")])
        try await haven(["import", "--data", scratch.path("b"), "--key-file", scratch.path("b.key"),
                         "--export-key-file", scratch.path("a.key"), scratch.path("sealed.json")])
        let found = try await withStore(scratch, vault: "b", key: "b.key") { store in
            try await store.search(RecordQuery(text: "카나리"), by: .localOperator).items.map(\.kind)
        }
        #expect(Set(found) == [.person, .event])

        // Importing the same export again clashes on ids and writes nothing.
        await #expect(throws: CLIError.self) {
            try await haven(["import", "--data", scratch.path("b"), "--key-file", scratch.path("b.key"),
                             "--export-key-file", scratch.path("a.key"), scratch.path("sealed.json")])
        }
        let count = try await withStore(scratch, vault: "b", key: "b.key") { await $0.indexedRecordCount }
        #expect(count == 2)
    }

    @Test func aPlaintextExportNeedsTheFlagIsOwnerOnlyAndAudited() async throws {
        let scratch = try Scratch()
        try await haven(["init", "--data", scratch.path("a"), "--key-file", scratch.path("a.key")])
        try await addCanaryRecords(scratch, vault: "a", key: "a.key")
        try await haven(["export", "--data", scratch.path("a"), "--key-file", scratch.path("a.key"),
                         "--output", scratch.path("plain.json"), "--plaintext"])
        let plain = try Data(contentsOf: URL(fileURLWithPath: scratch.path("plain.json")))
        #expect(plain.range(of: Data(Self.latinCanary.utf8)) != nil)
        let permissions = try FileManager.default.attributesOfItem(atPath: scratch.path("plain.json"))[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        let actions = try await withStore(scratch, vault: "a", key: "a.key") { try await $0.auditLog().map(\.entry.action) }
        #expect(actions.contains("export.plaintext"))

        // An export never overwrites a file.
        await #expect(throws: (any Error).self) {
            try await haven(["export", "--data", scratch.path("a"), "--key-file", scratch.path("a.key"),
                             "--output", scratch.path("plain.json"), "--plaintext"])
        }
    }

    @Test func aWrongKeyFileIsRefusedAndChangesNothing() async throws {
        let scratch = try Scratch()
        try await haven(["init", "--data", scratch.path("a"), "--key-file", scratch.path("a.key")])
        try await haven(["init", "--data", scratch.path("other"), "--key-file", scratch.path("other.key")])
        let before = try await withStore(scratch, vault: "a", key: "a.key") { try await $0.auditLog().count }
        do {
            try await haven(["export", "--data", scratch.path("a"), "--key-file", scratch.path("other.key"), "--output", scratch.path("x.json")])
            Issue.record("a wrong key file opened the vault")
        } catch let error as CLIError {
            #expect(error.description.contains("wrong passphrase or key file"))
            #expect(error.description.contains("잘못된"))
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path("x.json")))
        // The successful unlock for counting adds one entry; the refused one added none.
        let after = try await withStore(scratch, vault: "a", key: "a.key") { try await $0.auditLog().count }
        #expect(after == before + 1)
    }

    @Test func initRefusesAKeyFileInsideTheDataDirectoryAndASecondVault() async throws {
        let scratch = try Scratch()
        await #expect(throws: CLIError.self) {
            try await haven(["init", "--data", scratch.path("a"), "--key-file", scratch.path("a") + "/inside.key"])
        }
        try await haven(["init", "--data", scratch.path("a"), "--key-file", scratch.path("a.key")])
        do {
            try await haven(["init", "--data", scratch.path("a"), "--key-file", scratch.path("a2.key")])
            Issue.record("a second init over an existing vault succeeded")
        } catch let error as CLIError {
            #expect(error.description.contains("already exists"))
        }
        // The first key still opens the vault.
        let unlocked = try await withStore(scratch, vault: "a", key: "a.key") { await $0.isUnlocked }
        #expect(unlocked)
    }

    @Test func auditVerifyAcceptsAnEarlierCheckpointAndRefusesAnotherVaults() async throws {
        let scratch = try Scratch()
        try await haven(["init", "--data", scratch.path("a"), "--key-file", scratch.path("a.key")])
        try await addCanaryRecords(scratch, vault: "a", key: "a.key")
        let checkpoint = try await withStore(scratch, vault: "a", key: "a.key") { try await $0.checkpoint() }
        try JSONEncoder().encode(checkpoint).write(to: URL(fileURLWithPath: scratch.path("a.checkpoint")))
        try await addCanaryRecords(scratch, vault: "a", key: "a.key")
        try await haven(["audit", "verify", "--data", scratch.path("a"), "--checkpoint", scratch.path("a.checkpoint")])

        try await haven(["init", "--data", scratch.path("b"), "--key-file", scratch.path("b.key")])
        await #expect(throws: ExitCode(1)) {
            try await haven(["audit", "verify", "--data", scratch.path("b"), "--checkpoint", scratch.path("a.checkpoint")])
        }
    }

    @Test func parseErrorsNameTheMissingOrBadOption() throws {
        #expect(throws: (any Error).self) { try Haven.parseAsRoot(["export", "--data", "/tmp/x"]) }
        do {
            _ = try Haven.parseAsRoot(["export", "--data", "/tmp/x"])
        } catch {
            #expect(Haven.message(for: error).contains("--output"))
        }
        for (arguments, named) in [(["--idle-timeout", "0"], "--idle-timeout"), (["--session-lifetime", "48"], "--session-lifetime"),
                                   (["--host", "0.0.0.0"], "TLS"), (["--tls-cert", "/tmp/c.pem"], "--tls-key")] {
            do {
                _ = try Haven.parseAsRoot(["serve", "--data", "/tmp/x"] + arguments)
                Issue.record("serve accepted \(arguments)")
            } catch {
                #expect(Haven.message(for: error).contains(named), "\(arguments)")
            }
        }
        do {
            _ = try Haven.parseAsRoot(["serve", "--data", "/tmp/x", "--port", "not-a-port"])
            Issue.record("a non-numeric port was accepted")
        } catch {
            #expect(Haven.message(for: error).contains("port"))
        }
    }

    @Test func everyCommandExplainsItselfWithAnExample() {
        for path in [["init"], ["serve"], ["demo"], ["export"], ["import"], ["audit", "verify"], ["audit", "checkpoint"],
                     ["user", "add"], ["user", "list"], ["user", "disable"], ["user", "grant"], ["user", "revoke"], ["user", "reset-mfa"]] {
            let help = Haven.helpMessage(for: Self.command(at: path))
            #expect(help.contains("Example"), "haven \(path.joined(separator: " ")) --help has no example")
            #expect(help.contains("haven \(path.joined(separator: " "))"), "haven \(path.joined(separator: " ")) --help shows no invocation")
        }
    }

    static func command(at path: [String]) -> any ParsableCommand.Type {
        var current: any ParsableCommand.Type = Haven.self
        for name in path {
            current = current.configuration.subcommands.first { $0._commandName == name } ?? current
        }
        return current
    }

    @Test func keySharesSplitTheMasterKeyAndAnyThresholdOfThemUnlocks() async throws {
        let scratch = try Scratch()
        let vault = ["--data", scratch.path("a")]
        try await haven(["init"] + vault + ["--key-file", scratch.path("a.key")])
        try await haven(["keys", "split"] + vault + ["--key-file", scratch.path("a.key"), "--shares", "5", "--threshold", "3",
                                                     "--out", scratch.path("shares")])
        let files = (1...5).map { scratch.path("shares/share-\($0).txt") }
        for file in files {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
        // Shares 2, 4 and 5, without the key file.
        try await haven(["user", "list"] + vault + ["--share-file", files[1], "--share-file", files[3], "--share-file", files[4]])
        let log = try await withStore(scratch, vault: "a", key: "a.key") { try await $0.auditLog().map(\.entry) }
        #expect(log.contains { $0.action == "keys.split" && $0.detail == "shares=5 threshold=3" })
        #expect(log.filter { $0.action == "unlock" }.count >= 3)

        // A share with a typing mistake is refused by name, before anything is opened.
        let text = try String(contentsOfFile: files[0], encoding: .utf8)
        let parts = text.split(separator: ":")
        let wrong = parts[0...2].joined(separator: ":") + ":" + (parts[3].hasPrefix("A") ? "B" : "A") + parts[3].dropFirst() + ":" + parts[4]
        try wrong.write(toFile: scratch.path("typo.txt"), atomically: true, encoding: .utf8)
        await #expect(throws: CLIError.self) {
            try await haven(["user", "list"] + vault + ["--share-file", scratch.path("typo.txt"), "--share-file", files[1], "--share-file", files[2]])
        }
        // Writing shares over existing ones or into the data directory is refused.
        await #expect(throws: CLIError.self) {
            try await haven(["keys", "split"] + vault + ["--key-file", scratch.path("a.key"), "--out", scratch.path("shares")])
        }
        await #expect(throws: CLIError.self) {
            try await haven(["keys", "split"] + vault + ["--key-file", scratch.path("a.key"), "--out", scratch.path("a/shares")])
        }
    }

    @Test func keysRotateSealsEverythingAgainAndTheVaultStillOpens() async throws {
        let scratch = try Scratch()
        let vault = ["--data", scratch.path("a"), "--key-file", scratch.path("a.key")]
        try await haven(["init"] + vault)
        let person = Person(compartment: "seoul", names: [PersonName(Self.hangulCanary, script: .hangul, system: .southKorean)])
        _ = try await withStore(scratch, vault: "a", key: "a.key") { try await $0.create(person, by: .localOperator) }
        try await haven(["keys", "rotate"] + vault + ["--batch-size", "1"])
        let read = try await withStore(scratch, vault: "a", key: "a.key") { try await $0.get(Person.self, id: person.id, by: .localOperator).record }
        let actions = try await withStore(scratch, vault: "a", key: "a.key") { try await $0.auditLog().map(\.entry.action) }
        #expect(read == person)
        #expect(actions.contains("keys.rotate.begin") && actions.contains("keys.rotate.done"))
        do {
            _ = try Haven.parseAsRoot(["keys", "rotate"] + vault + ["--batch-size", "0"])
            Issue.record("a batch size of 0 was accepted")
        } catch {
            #expect(Haven.message(for: error).contains("--batch-size"))
        }
    }
}
