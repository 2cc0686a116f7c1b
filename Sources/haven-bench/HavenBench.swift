import ArgumentParser
import Foundation
import HavenCore
import HavenCrypto
import HavenStore
import HavenFixtures

/// Measures the foundation with synthetic data and prints the figures. Not a test: nothing here
/// passes or fails on a number; the README quotes what it printed on a named machine.
@main
struct HavenBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "haven-bench",
        abstract: "Measure intake, unlock, search and audit verification on synthetic records.",
        discussion: """
        Creates a fresh vault on each engine, loads `--count` synthetic persons and as many events \
        through the store (sealed, blind-indexed and audited exactly as real intake is), then \
        measures single-record intake, unlock (decrypt and index), search latency and audit \
        verification. Run it from a release build:

          swift run -c release haven-bench --count 100000
          Scripts/bench            # also starts a throwaway PostgreSQL and measures it
        """
    )

    @Option(help: "How many persons, and as many events, to load.")
    var count = 100_000

    @Option(help: "Records per transaction for the bulk load.")
    var batch = 1_000

    @Option(help: "How many records to create one at a time, each in its own transaction.")
    var single = 1_000

    @Option(help: "How many searches to time.")
    var queries = 1_000

    @Option(help: "A PostgreSQL URL whose database may be filled and emptied (postgres://user@host:port/db).")
    var postgresURL: String?

    @Flag(help: "Skip SQLite and measure PostgreSQL only.")
    var postgresOnly = false

    @Option(help: "Instead of the store: time this many refused sign-ins of each kind (unknown name, wrong password).")
    var signIns: Int?

    @Option(help: "Instead of the store: time the duplicate suggestions of /duplicates over this many persons (SQLite).")
    var duplicates: Int?

    @Option(help: "Instead of the store: time every report over the demo's history of this many incidents (about 8 records each), on SQLite and, with --postgres-url, PostgreSQL.")
    var reports: Int?

    @Option(name: .customLong("import-sheet"), help: "Instead of the store: time reading, the dry run and writing of this spreadsheet (persons).")
    var importSheet: String?

    @Flag(help: "Instead of the store: time multiple systems estimation (the Kosovo lists beside R's LCMCR, log-linear models).")
    var estimation = false

    @Option(help: "Instead of the store: time Bloom-filter matching of two lists of this many filters each (every pair).")
    var pprl: Int?

    @Option(help: "Instead of the store: fill the vault `haven init` made at --data (or --postgres-url) with the demo's history of this many incidents (about 7 records each); needs --key-file.")
    var fill: Int?

    @Option(help: "With --fill: the vault's data directory (holds haven.sqlite).")
    var data: String?

    @Option(name: .customLong("key-file"), help: "With --fill: the vault's key file.")
    var keyFile: String?

    mutating func run() async throws {
        if let fill {
            guard let keyFile else { throw ValidationError("--fill needs --key-file") }
            let location: StoreLocation
            if let postgresURL {
                location = .postgres(url: postgresURL)
            } else if let data {
                location = .sqlite(path: URL(fileURLWithPath: data).appendingPathComponent("haven.sqlite").path)
            } else {
                throw ValidationError("--fill needs --data DIR or --postgres-url")
            }
            let written = try await VaultFill.fill(incidents: fill, location: location, keyFile: keyFile)
            print("Filled the vault with \(written) records (\(fill) incidents of fictional history).")
            return
        }
        if let pprl {
            printMachine()
            PPRLTiming.measure(size: pprl)
            return
        }
        if estimation {
            printMachine()
            try EstimationTiming.measure()
            return
        }
        if let signIns {
            printMachine()
            print("Timing \(signIns) refused sign-ins for an unknown name and \(signIns) for a wrong password (scrypt N=2^17, r=8, p=1) …")
            let (unknown, wrong) = try await SignInTiming.measure(attempts: signIns)
            print("| refused sign-in | p10 (ms) | median (ms) | p90 (ms) |")
            print("|---|---:|---:|---:|")
            for (name, times) in [("unknown user name", unknown), ("wrong password", wrong)] {
                print(String(format: "| %@ | %.0f | %.0f | %.0f |", name, Self.percentile(times, 0.1), Self.percentile(times, 0.5), Self.percentile(times, 0.9)))
            }
            return
        }
        if let importSheet {
            printMachine()
            try await ImportTiming.measure(file: importSheet, kind: .person)
            return
        }
        if let reports {
            printMachine()
            if !postgresOnly {
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("haven-bench-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: directory) }
                try await ReportTiming.measure(incidents: reports, location: .sqlite(path: directory.appendingPathComponent("haven.sqlite").path), engine: "SQLite")
            }
            if let postgresURL {
                try await ReportTiming.measure(incidents: reports, location: .postgres(url: postgresURL), engine: "PostgreSQL")
            }
            return
        }
        if let duplicates {
            printMachine()
            try await DuplicateTiming.measure(persons: duplicates)
            return
        }
        var engines: [(name: String, location: StoreLocation, cleanup: () -> Void)] = []
        if !postgresOnly {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("haven-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            engines.append(("SQLite", .sqlite(path: directory.appendingPathComponent("haven.sqlite").path),
                            { try? FileManager.default.removeItem(at: directory) }))
        }
        if let postgresURL {
            engines.append(("PostgreSQL", .postgres(url: postgresURL), {}))
        }
        guard !engines.isEmpty else { throw ValidationError("nothing to measure: give --postgres-url with --postgres-only") }

        printMachine()
        print("Generating \(count) persons and \(count) events …")
        let records = SyntheticBulk.records(count: count)
        let extra = SyntheticBulk.records(count: (single + 1) / 2, seed: 99)
        var results: [BenchResult] = []
        for engine in engines {
            defer { engine.cleanup() }
            print("\n== \(engine.name) ==")
            results.append(try await measure(engine.name, location: engine.location, records: records, extra: Array(extra.prefix(single))))
        }
        print("\n" + BenchResult.table(results, count: records.count))
        print("Peak resident memory of this process: \(Self.peakResidentMiB()) MiB")
    }

    private func measure(_ name: String, location: StoreLocation, records: [any Record], extra: [any Record]) async throws -> BenchResult {
        var result = BenchResult(engine: name)
        let master = MasterKey.random()
        var store = try await SQLStore.open(location)
        try await store.initialise(master: master, scrypt: nil, by: .system)

        // Bulk intake: `batch` records per transaction, each sealed, blind-indexed and audited.
        var start = ContinuousClock.now
        var loaded = 0
        while loaded < records.count {
            let chunk = Array(records[loaded..<min(loaded + batch, records.count)])
            loaded += try await store.importRecords(chunk, by: .system)
            if loaded % 20_000 == 0 { print("  loaded \(loaded) …") }
        }
        result.bulkSeconds = (ContinuousClock.now - start).seconds
        progress("  bulk intake: \(loaded) records in \(format(result.bulkSeconds)) s")

        // Single-record intake: one transaction (and, on SQLite, one fsync) per record.
        start = ContinuousClock.now
        for record in extra { _ = try await createAny(record, in: store) }
        result.singleSeconds = (ContinuousClock.now - start).seconds
        result.singleCount = extra.count
        progress("  single intake: \(extra.count) records in \(format(result.singleSeconds)) s")

        // Unlock: open the database afresh, check the key, decrypt every record, build the index.
        try await store.close()
        start = ContinuousClock.now
        store = try await SQLStore.open(location)
        try await store.unlock(master: master, by: .system)
        result.unlockSeconds = (ContinuousClock.now - start).seconds
        let indexed = await store.indexedRecordCount
        progress("  unlock: \(indexed) records decrypted and indexed in \(format(result.unlockSeconds)) s")

        // Search: two-character Hangul, longer Hangul, Latin, and filtered queries, each audited.
        var latencies: [Double] = []
        let mix = Self.queryMix(records: records)
        for i in 0..<queries {
            let query = mix[i % mix.count]
            let before = ContinuousClock.now
            _ = try await store.search(query, by: .system)
            latencies.append((ContinuousClock.now - before).seconds * 1000)
        }
        latencies.sort()
        result.searchP50 = Self.percentile(latencies, 0.50)
        result.searchP99 = Self.percentile(latencies, 0.99)
        progress("  search: \(queries) queries, p50 \(format(result.searchP50)) ms, p99 \(format(result.searchP99)) ms")

        // Audit verification: read the whole log, recompute the tree, check every signed head.
        start = ContinuousClock.now
        let report = try await store.verifyAudit()
        result.verifySeconds = (ContinuousClock.now - start).seconds
        result.auditEntries = report.entries
        progress("  audit verify: \(report.entries) entries in \(format(result.verifySeconds)) s — \(report.problem == nil ? "intact" : "PROBLEM")")
        try await store.close()
        return result
    }

    private func createAny(_ record: any Record, in store: SQLStore) async throws {
        func create<R: Record>(_ r: R) async throws { _ = try await store.create(r, by: .system) }
        try await create(record)
    }

    /// Queries a documentation officer makes: surnames and given-name fragments in Hangul (two
    /// syllables included), romanised fragments, and place, status and date filters.
    static func queryMix(records: [any Record]) -> [RecordQuery] {
        var mix: [RecordQuery] = []
        var rng = SeededGenerator(seed: 3)
        let persons = records.compactMap { $0 as? Person }
        for _ in 0..<40 {
            guard let person = persons.randomElement(using: &rng), let name = person.names.first?.value else { continue }
            let scalars = Array(name.unicodeScalars)
            guard scalars.count >= 2 else { continue }
            let start = Int.random(in: 0...(scalars.count - 2), using: &rng)
            let length = min(scalars.count - start, Int.random(in: 2...3, using: &rng))
            mix.append(RecordQuery(text: String(String.UnicodeScalarView(scalars[start..<(start + length)]))))
        }
        mix.append(RecordQuery(text: "김정"))
        mix.append(RecordQuery(text: "가상 사건", kinds: [.event], placeCode: "KP-09"))
        mix.append(RecordQuery(text: "incident 4", kinds: [.event], from: "2019-01-01", to: "2019-12-31"))
        mix.append(RecordQuery(kinds: [.event], status: "confirmed", placeCode: "CN-JL"))
        mix.append(RecordQuery(kinds: [.person], placeCode: "KP-10"))
        return mix
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    func printMachine() {
        let info = ProcessInfo.processInfo
        print("Machine: \(info.activeProcessorCount) cores, \(info.physicalMemory / 1_073_741_824) GiB, \(info.operatingSystemVersionString)")
    }

    /// The process's peak resident set (VmHWM) on Linux; 0 where /proc is not there.
    static func peakResidentMiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kib / 1024
    }
}

/// Prints a progress line at once, even when the output goes to a file.
func progress(_ line: String) {
    print(line)
    fflush(nil)
}

func format(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.1f", value) }

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
