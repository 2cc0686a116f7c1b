import ArgumentParser
import Foundation
import HavenCore
import HavenServer
import HavenStore
import Hummingbird
import Logging

/// `haven serve`: unlocks a vault and serves it on 127.0.0.1.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Unlock a vault and serve Haven on 127.0.0.1.",
        discussion: """
        The vault starts locked; Haven unlocks it with the passphrase (prompted, or one line on standard
        input) or --key-file, builds its in-memory search index, then listens. A wrong passphrase is
        refused and changes nothing. Until accounts exist Haven listens on 127.0.0.1 only.

        Examples:
          haven serve --data /srv/haven
          echo "$PASSPHRASE" | haven serve --data /srv/haven --port 8443
          haven serve --database postgres://haven@127.0.0.1:5432/haven --key-file ~/haven.key
        """
    )

    @OptionGroup var vault: VaultOptions
    @Option(help: "The port to listen on (127.0.0.1 only).") var port: Int = 8080
    @Option(help: "A decrypted export of more records than this needs a second person's approval.")
    var exportApprovalThreshold: Int = 20

    func validate() throws {
        guard (0...1_000_000).contains(exportApprovalThreshold) else {
            throw ValidationError("--export-approval-threshold must be from 0 (every export needs approval) to 1000000")
        }
    }

    func run() async throws {
        let store = try await vault.unlockedStore(as: .localOperator)
        try await Self.serve(store: store, configuration: ServerConfiguration(port: port, exportApprovalThreshold: exportApprovalThreshold))
    }

    static func serve(store: SQLStore, configuration: ServerConfiguration) async throws {
        let port = configuration.port
        var logger = Logger(label: "haven")
        logger.logLevel = .info
        let authenticator = Authenticator(store: store)
        let app = buildApplication(repository: store, authenticator: authenticator, configuration: configuration, logger: logger)
        print("Haven is unlocked (\(await store.indexedRecordCount) records) and listening on http://\(ServerConfiguration.host):\(port)")
        print("API description: http://\(ServerConfiguration.host):\(port)/openapi.json — sign in with POST /api/session; stop with Ctrl-C.")
        fflush(nil) // reach a pipe or log file at once, not when the buffer fills
        do {
            try await app.runService()
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}
