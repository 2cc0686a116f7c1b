import ArgumentParser
import Foundation
import HavenCore
import HavenCrypto
import HavenServer
import HavenStore
import HavenFixtures

/// `haven demo`: a throwaway vault with fictional data, unlocked and served.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Serve a throwaway vault filled with fictional demo data.",
        discussion: """
        Creates a new vault in a temporary directory with a random key file beside it (not inside it),
        loads a synthetic dataset (fictional people with Korean and romanised names, incidents, rescue
        requests, interventions, brokers and sources), unlocks it and serves it on 127.0.0.1. It asks
        nothing, so it runs without a terminal. The vault is deleted when Haven stops.

        --size standard (the default) loads the worked cases and three years of history up to last
        month (about 900 incidents and their people, brokers, rescue requests and interventions:
        a regional surge, flagged brokers, unanswered interventions, people recorded twice in two
        spellings). --size small loads the worked cases alone; --size large loads about a million
        records, to try Haven at the scale of a large organisation (several minutes to load).

        Examples:
          swift run haven demo
          swift run haven demo --port 9090
          swift run -c release haven demo --size large
        """
    )

    /// How much fictional history the demo holds.
    enum Size: String, ExpressibleByArgument, CaseIterable {
        case small, standard, large

        /// Incidents of history beside the worked cases.
        var incidents: Int {
            switch self {
            case .small: 0
            case .standard: 900
            // About 1,000,000 records: each incident brings about 7 with its people, and the
            // requests and interventions about 1 more.
            case .large: 125_000
            }
        }
    }

    @Option(help: "The port to listen on (127.0.0.1 only).") var port: Int = 8080
    @Option(help: "How much fictional history to load: small, standard or large.") var size: Size = .standard

    func run() async throws {
        let temporary = FileManager.default.temporaryDirectory
        Self.removeAbandonedDemos(in: temporary)
        let root = temporary.appendingPathComponent(Self.folderPrefix + UUID().uuidString.prefix(8))
        let data = root.appendingPathComponent("data"), keys = root.appendingPathComponent("keys")
        for dir in [data, keys] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.path)
        _ = FileManager.default.createFile(atPath: root.appendingPathComponent("pid").path, contents: Data("\(getpid())".utf8),
                                       attributes: [.posixPermissions: 0o600])
        defer { try? FileManager.default.removeItem(at: root) }
        // Ctrl-C or a stop ends the process without running `defer`: the vault and its key file
        // are removed here first.
        let stops = Self.removeOnStop(root)
        defer { stops.forEach { $0.cancel() } }
        let master = MasterKey.random()
        try KeyFile.create(keys.appendingPathComponent("demo.key").path, master: master, dataDirectory: data.path)
        let store = try await SQLStore.open(.sqlite(path: data.appendingPathComponent("haven.sqlite").path))
        try await store.initialise(master: master, scrypt: nil, by: .system)
        let records = DemoDataset.records() + (size == .small ? [] : DemoHistory.records(incidents: size.incidents, today: Date()))
        // In batches, so that a large history is not one transaction of a million rows.
        for start in stride(from: 0, to: records.count, by: 20_000) {
            _ = try await store.importRecords(Array(records[start..<min(start + 20_000, records.count)]), by: .system)
        }
        let credentials = try await Self.demoAccounts(in: store)
        print("""
        Haven demo — every person and event here is fictional / 모든 인물과 사건은 가상입니다.
        Vault: \(data.path) (deleted when Haven stops)
        Loaded \(records.count) demo records.

        Demo accounts (this run only; each has its second factor enrolled — add the secret to an
        authenticator app, or scan the otpauth URI):
        \(credentials.joined(separator: "\n"))

        Open http://127.0.0.1:\(port)/login in a browser and sign in with one of them, or try:
          curl -c jar -b jar -H 'Content-Type: application/json' http://127.0.0.1:\(port)/api/session \\
               -d '{"username":"demo-analyst","password":"…","code":"123456"}'
          curl -b jar "http://127.0.0.1:\(port)/api/search?q=%ED%98%9C%EC%82%B0"      # 혜산
          curl http://127.0.0.1:\(port)/openapi.json
        """)
        try await Serve.serve(store: store, configuration: ServerConfiguration(port: port))
    }

    /// The start of every demo folder's name in the temporary directory.
    static let folderPrefix = "haven-demo-"

    /// Removes the folders of demos whose process has ended without removing them (killed, or
    /// crashed): each holds a vault and, beside it, the key that opens it. A folder whose `pid`
    /// file is missing is left for a minute, in case its demo is only starting.
    static func removeAbandonedDemos(in temporary: URL) {
        let files = FileManager.default
        for name in (try? files.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(folderPrefix) {
            let folder = temporary.appendingPathComponent(name)
            if let text = files.contents(atPath: folder.appendingPathComponent("pid").path).map({ String(decoding: $0, as: UTF8.self) }),
               let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                // Signal 0 asks whether the process exists; ESRCH: it does not.
                if kill(pid, 0) == 0 || errno != ESRCH { continue }
            } else if let made = (try? files.attributesOfItem(atPath: folder.path))?[.modificationDate] as? Date,
                      Date().timeIntervalSince(made) < 60 {
                continue
            }
            try? files.removeItem(at: folder)
        }
    }

    /// Removes `root` and ends the process on SIGINT or SIGTERM.
    static func removeOnStop(_ root: URL) -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                try? FileManager.default.removeItem(at: root)
                Foundation.exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// One account per role, second factor enrolled, in the demo's only compartment.
    static func demoAccounts(in store: SQLStore) async throws -> [String] {
        var lines: [String] = []
        for role in Role.allCases {
            let username = "demo-\(role.code)"
            let password = ReadableSecret.make()
            let secret = TOTP.randomSecret()
            var credentials = AccountCredentials(passwordHash: try PasswordHasher.hash(password).encoded, mustChangePassword: false)
            credentials.totpSecret = secret
            let compartments: Set<String> = role == .administrator ? [] : [Compartment.default]
            _ = try await store.createAccount(Account(username: username, role: role, compartments: compartments),
                                              credentials: credentials, by: .system)
            lines.append("  \(username)  password \(password)  TOTP secret \(Base32.encode(secret, padding: false))")
            lines.append("    \(TOTP(secret: secret).provisioningURI(issuer: "Haven demo", account: username))")
        }
        return lines
    }
}
