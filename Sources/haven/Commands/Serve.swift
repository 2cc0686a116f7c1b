import ArgumentParser
import Foundation
import HavenCore
import HavenReports
import HavenStats
import HavenServer
import HavenStore
import Hummingbird
import Logging
import ServiceLifecycle

/// `haven serve`: unlocks a vault and serves it, on 127.0.0.1 or, with TLS, on a wider address.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Unlock a vault and serve Haven (127.0.0.1, or HTTPS on any address).",
        discussion: """
        The vault starts locked; Haven unlocks it with the passphrase (prompted, or one line on standard
        input) or --key-file, builds its in-memory search index, then listens. A wrong passphrase is
        refused and changes nothing. Without TLS Haven listens on 127.0.0.1 only (put a reverse proxy
        that terminates TLS in front); with --tls-cert and --tls-key it serves HTTPS itself, sends
        HSTS, and may listen on another --host. Unlock from key shares with --share-file or --key-shares.

        Examples:
          haven serve --data /srv/haven
          echo "$PASSPHRASE" | haven serve --data /srv/haven --port 8443
          haven serve --database postgres://haven@127.0.0.1:5432/haven --key-file ~/haven.key
          haven serve --data /srv/haven --host 0.0.0.0 --port 443 --tls-cert /etc/haven/fullchain.pem --tls-key /etc/haven/key.pem
        """
    )

    @OptionGroup var vault: VaultOptions
    @Option(help: "The port to listen on.") var port: Int = 8080
    @Option(help: "The address to listen on; anything but 127.0.0.1 or ::1 needs --tls-cert and --tls-key.")
    var host: String = ServerConfiguration.host
    @Option(help: "Minutes without a request after which a session ends (1–60).") var idleTimeout: Int = 15
    @Option(help: "Hours after sign-in after which a session ends however active (1–24).") var sessionLifetime: Int = 12
    @Option(help: "The TLS certificate chain (PEM), to serve HTTPS.") var tlsCert: String?
    @Option(help: "The TLS private key (PEM) for --tls-cert.") var tlsKey: String?
    @Option(help: "A decrypted export of more records than this needs a second person's approval.")
    var exportApprovalThreshold: Int = 20
    @Option(help: "A JSON file of thresholds for trap indicators, risk flags, small-cell suppression and the surge test; what it leaves out keeps its default.")
    var thresholds: String?
    @Option(name: .customLong("trusted-proxy"), help: "The IP address of a reverse proxy whose X-Forwarded-For names the client (repeat for several).")
    var trustedProxies: [String] = []
    @Option(name: .customLong("import-max-mb"), help: "The largest spreadsheet the import page takes, in MB (1–1024).")
    var importMaxMB: Int = 50
    @Option(name: .customLong("backup-dir"), help: "Write a sealed backup of the vault into this directory on a schedule (SQLite vaults).")
    var backupDir: String?
    @Option(name: .customLong("backup-every"), help: "Hours between scheduled backups (1–168); the first is due that long after the newest in --backup-dir, at once if there is none.") var backupEvery: Int = 24
    @Option(name: .customLong("backup-keep"), help: "How many scheduled backups to keep, the newest (1–1000).") var backupKeep: Int = 7

    func validate() throws {
        guard (0...1_000_000).contains(exportApprovalThreshold) else {
            throw ValidationError("--export-approval-threshold must be from 0 (every export needs approval) to 1000000")
        }
        guard (1...60).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be from 1 to 60 minutes") }
        guard (1...24).contains(sessionLifetime) else { throw ValidationError("--session-lifetime must be from 1 to 24 hours") }
        guard (1...1024).contains(importMaxMB) else { throw ValidationError("--import-max-mb must be from 1 to 1024") }
        guard (1...168).contains(backupEvery) else { throw ValidationError("--backup-every must be from 1 to 168 hours") }
        guard (1...1000).contains(backupKeep) else { throw ValidationError("--backup-keep must be from 1 to 1000") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("give --tls-cert and --tls-key together") }
        for proxy in trustedProxies where !ServerConfiguration.isIPAddress(proxy) {
            throw ValidationError("--trusted-proxy takes an IP address such as 127.0.0.1; '\(proxy.prefix(60))' is not one")
        }
        guard tlsCert != nil || ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw ValidationError("without TLS Haven listens on 127.0.0.1 only: give --tls-cert and --tls-key, or put a reverse proxy in front")
        }
    }

    func run() async throws {
        // Read before unlocking, so that a faulty file costs nobody a passphrase.
        let file = try thresholds.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the thresholds file \(path)") }
            return data
        }
        let limits = try file.map { data in
            do { return try AccountabilityThresholds.read(data) } catch { throw CLIError("\(error)") }
        } ?? AccountabilityThresholds()
        let surge = try file.map { data in
            struct Settings: Decodable { var surge: SurgeDetector? }
            do { return try JSONDecoder().decode(Settings.self, from: data).surge ?? SurgeDetector() } catch {
                throw CLIError("the thresholds file's surge settings are not valid: \(error)")
            }
        } ?? SurgeDetector()
        let (store, master) = try await vault.unlocked(as: .localOperator)
        let tls = tlsCert.flatMap { cert in tlsKey.map { TLSFiles(certificatePath: cert, privateKeyPath: $0) } }
        var logger = Logger(label: "haven")
        logger.logLevel = .info
        let backups = backupDir.map { directory in
            BackupService(schedule: BackupSchedule(store: store, master: master, vaultPath: vault.sqlitePath,
                                                   directory: URL(fileURLWithPath: directory), keep: backupKeep),
                          every: .seconds(backupEvery * 3600), logger: logger)
        }
        try await Self.serve(store: store, extraServices: backups.map { [$0] } ?? [], configuration: ServerConfiguration(
            port: port, host: host, tls: tls, exportApprovalThreshold: exportApprovalThreshold,
            sessionPolicy: SessionPolicy(idleTimeout: TimeInterval(idleTimeout * 60), absoluteTimeout: TimeInterval(sessionLifetime * 3600)),
            thresholds: limits, surge: surge, trustedProxies: Set(trustedProxies), importFileBytes: importMaxMB * 1024 * 1024))
    }

    static func serve(store: SQLStore, extraServices: [any Service] = [], configuration: ServerConfiguration) async throws {
        let port = configuration.port
        var logger = Logger(label: "haven")
        logger.logLevel = .info
        let authenticator = Authenticator(store: store, sessionPolicy: configuration.sessionPolicy)
        let base = "\(configuration.scheme)://\(configuration.host):\(port)"
        let records = await store.indexedRecordCount
        let app: any ApplicationProtocol
        do {
            // Deadlines pass while Haven runs: unanswered interventions are marked hourly, by a
            // service that stops with the server (a sweep in progress finishes its write first).
            app = try buildApplication(store: store, authenticator: authenticator, configuration: configuration, logger: logger,
                                       services: [NonResponseSweepService(repository: store, logger: logger)] + extraServices) { _ in
                // Only once the port is bound: a port already in use ends the run before this.
                print("Haven is unlocked (\(records) records) and listening on \(base)")
                print("API description: \(base)/openapi.json — sign in with POST /api/session; stop with Ctrl-C.")
                fflush(nil) // reach a pipe or log file at once, not when the buffer fills
            }
        } catch let error as TLSSetupError {
            try? await store.close()
            throw CLIError(error.description)
        }
        do {
            try await app.runService()
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}
