import Foundation
import HavenCore
import HavenCrypto
import HavenImport
import HavenStore

/// Times a spreadsheet import as `haven import-sheet` runs it: reading the file, the dry run (the
/// plan with its suggested mapping) and the batch written into a fresh SQLite vault, and prints
/// the figures with the process's peak memory. The workbook comes from outside (Scripts/bench-import
/// writes one with openpyxl).
enum ImportTiming {
    static func measure(file: String, kind: ImportKind) async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw ImportBenchError("cannot read \(file)") }
        var start = ContinuousClock.now
        let read = try SpreadsheetReader.read(data)
        let reading = (ContinuousClock.now - start).seconds
        let sheet = read.sheets[0]
        let header = sheet.likelyHeaderRow ?? 1
        var mapping = ImportMapping.suggested(kind: kind, columnNames: sheet.columnNames(headerRow: header))
        // Words the gazetteer does not hold are set to unknown, as an operator would map them.
        start = ContinuousClock.now
        var plan = try ImportPlanner.plan(read.sheets, mapping: mapping, compartment: Compartment.default)
        for word in plan.unmatched { mapping.values[word.field, default: [:]][word.value] = "unknown" }
        if !plan.unmatched.isEmpty { plan = try ImportPlanner.plan(read.sheets, mapping: mapping, compartment: Compartment.default) }
        let planning = (ContinuousClock.now - start).seconds
        guard plan.isReady else { throw ImportBenchError("the plan has \(plan.problems.count) problems; the benchmark needs a clean sheet") }

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("haven-bench-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLStore.open(.sqlite(path: directory.appendingPathComponent("haven.sqlite").path))
        try await store.initialise(master: MasterKey.random(), scrypt: nil, by: .system)
        start = ContinuousClock.now
        let batch = try await store.importBatch(plan.records, rows: plan.rows, source: ImportBatchSource(
            fileName: "bench.xlsx", fileSHA256: SHA256Hex.of(data), sheet: sheet.name, mapping: "{}"), by: .localOperator)
        let writing = (ContinuousClock.now - start).seconds
        try await store.close()

        print("| stage | rows | records | seconds | per second |")
        print("|---|---:|---:|---:|---:|")
        print(String(format: "| read the workbook (%.1f MB) | %d | | %.2f | %.0f rows |", Double(data.count) / 1e6, plan.rows, reading, Double(plan.rows) / reading))
        print(String(format: "| dry run (map, read values, validate) | %d | %d | %.2f | %.0f rows |", plan.rows, plan.records.count, planning, Double(plan.rows) / planning))
        print(String(format: "| dry run in all (read + plan) | %d | | %.2f | |", plan.rows, reading + planning))
        print(String(format: "| write the batch (SQLite, one transaction) | | %d | %.2f | %.0f records |", batch.records, writing, Double(batch.records) / writing))
        print("Peak resident memory of this process: \(HavenBench.peakResidentMiB()) MiB")
    }
}

struct ImportBenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
