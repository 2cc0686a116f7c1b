import ArgumentParser
import Foundation
import HavenCore
import HavenCrypto
import HavenImport
import HavenReports
import HavenStore

/// `haven import-sheet`: an organisation's spreadsheet (CSV or XLSX) mapped, checked in a dry
/// run and written as one batch that can be undone.
struct ImportSheet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-sheet",
        abstract: "Import a spreadsheet (CSV in UTF-8 or CP949, or XLSX) as persons, incidents, rescue requests or interventions: dry run first, then all rows or none.",
        discussion: """
        Without --mapping, the columns are matched to fields by their Korean or English names and the
        suggestion is printed (write it to a file with --write-mapping, edit it, and pass it back with
        --mapping). Every problem is named by row and column, and every word that no vocabulary knows is
        listed with its count: map it in the mapping's "values", or map it to "unknown". Nothing is written
        while there is one; otherwise every row is written in one transaction, as one batch that
        `haven imports undo` removes whole. The file is read in memory and never copied. Values of
        protected fields (names, birth dates, narratives) are never printed.

        Examples:
          haven import-sheet --data /srv/haven --kind incident --dry-run 사건목록.xlsx
          haven import-sheet --data /srv/haven --kind incident --write-mapping mapping.json 사건목록.xlsx
          haven import-sheet --data /srv/haven --mapping mapping.json 사건목록.xlsx
          haven import-sheet --data /srv/haven --kind person --encoding cp949 --compartment seoul 명단.csv
        """
    )

    @OptionGroup var vault: VaultOptions
    @Option(help: "What each row becomes: person, incident, rescueRequest or intervention (the mapping's own when --mapping is given).") var kind: ImportKind?
    @Option(help: "A mapping file (JSON; see docs/importing.md).") var mapping: String?
    @Option(help: "The sheet to read (the first by default).") var sheet: String?
    @Option(name: .customLong("header-row"), help: "The row holding the column names (found by default).") var headerRow: Int?
    @Option(help: "A CSV's encoding: utf-8 or cp949 (found by default).") var encoding: String?
    @Option(help: "The compartment the records go to (the mapping's, or default).") var compartment: String?
    @Option(name: .customLong("write-mapping"), help: "Write the mapping used (suggested or given) to this file.") var writeMapping: String?
    @Option(name: .customLong("max-bytes"), help: "The largest file read, in bytes (default 50 MB).") var maxBytes: Int?
    @Option(name: .customLong("skip-row"), help: "Leave this row out (repeatable), e.g. a person already kept.") var skipRows: [Int] = []
    @Option(name: .customLong("duplicate-threshold"), help: "Report persons at least this probably kept already or twice in the sheet (0–1).")
    var duplicateThreshold = 0.5
    @Flag(name: .customLong("dry-run"), help: "Check and report only; write nothing.") var dryRun = false
    @Argument(help: "The spreadsheet.") var file: String

    func run() async throws {
        var limits = SpreadsheetLimits()
        if let maxBytes {
            guard (1...(1 << 31)).contains(maxBytes) else { throw CLIError("--max-bytes must be from 1 to \(1 << 31)") }
            limits.fileBytes = maxBytes
        }
        let named = try encoding.map { name in
            guard let found = TextEncodingName(name: name) else { throw CLIError("--encoding must be utf-8 or cp949") }
            return found
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
        if let size, size > limits.fileBytes { throw CLIError(SpreadsheetError.fileTooLarge(bytes: size, limit: limits.fileBytes).description) }
        guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
        let read: SpreadsheetReader.Result
        do throws(SpreadsheetError) { read = try SpreadsheetReader.read(data, encoding: named, limits: limits) } catch {
            throw CLIError("\(file): \(error.message.en) / \(error.message.ko)")
        }
        var plan = try planMapping(read.sheets)
        if let sheet { plan.sheet = sheet }
        if let headerRow { plan.headerRow = headerRow }
        if let compartment { plan.compartment = compartment }
        let chosen = plan.compartment ?? Compartment.default
        var importPlan: ImportPlan
        do throws(ImportMappingError) { importPlan = try ImportPlanner.plan(read.sheets, mapping: plan, compartment: chosen) } catch {
            throw CLIError("the mapping does not fit: \(error.message.en) / \(error.message.ko)")
        }
        guard (0...1).contains(duplicateThreshold) else { throw CLIError("--duplicate-threshold must be from 0 to 1") }
        if !skipRows.isEmpty {
            let skipped = Set(skipRows)
            importPlan.records.removeAll { importPlan.rowOf[$0.id].map(skipped.contains) == true }
            importPlan.problems.removeAll { skipped.contains($0.row) }
        }
        if let writeMapping {
            var written = plan
            written.sheet = importPlan.sheet
            written.headerRow = importPlan.headerRow
            try HavenJSON.encoder(pretty: true).encode(written).write(to: URL(fileURLWithPath: writeMapping))
            print("Mapping written to \(writeMapping).")
        }
        report(importPlan, mapping: plan, sheets: read.sheets, encoding: read.encoding)
        let ready = importPlan
        let mappingJSON = String(decoding: try HavenJSON.encoder().encode(plan), as: UTF8.self)
        let source = ImportBatchSource(fileName: URL(fileURLWithPath: file).lastPathComponent, fileSHA256: SHA256Hex.of(data),
                                       sheet: importPlan.sheet, mapping: mappingJSON)
        try await vault.withUnlocked(as: .localOperator) { store, _ in
            try await reportDuplicates(ready, store: store)
            guard ready.isReady else {
                throw CLIError("nothing was written: \(ready.problems.count) problem(s), \(ready.unmatched.count) unmatched word(s) / 아무것도 저장하지 않았습니다")
            }
            if dryRun {
                print("Dry run: nothing was written. / 시험 실행: 아무것도 저장하지 않았습니다.")
                return
            }
            guard !ready.records.isEmpty else { throw CLIError("the sheet has no rows to import") }
            do {
                let batch = try await store.importBatch(ready.records, rows: ready.rows, source: source, by: .localOperator)
                print("Imported \(batch.records) records from \(batch.rows) rows as batch \(batch.id.wire). Undo: haven imports undo \(batch.id.wire)")
            } catch StoreError.invalidInBatch(let index, let invalid) {
                throw CLIError("nothing was written: record \(index + 1) is not valid (\(invalid.problems.map { "\($0.field) \($0.message)" }.joined(separator: "; ")))")
            }
        }
    }

    /// Persons of the sheet that are probably persons already kept, or each other, by row: to
    /// leave out with --skip-row before importing, or to merge after on the duplicates page.
    private func reportDuplicates(_ plan: ImportPlan, store: SQLStore) async throws {
        let planned = plan.records.compactMap { $0 as? Person }
        guard !planned.isEmpty else { return }
        let kept = try await store.allRecords(RecordQuery(kinds: [.person]), by: .localOperator).compactMap { $0 as? Person }
        let matches = DuplicateFinder.importMatches(planned: planned, kept: kept, threshold: duplicateThreshold)
        guard !matches.isEmpty else { return }
        print("Probably the same person / 같은 인물일 가능성 (leave a row out with --skip-row, or merge after on the duplicates page):")
        for match in matches.prefix(200) {
            let row = plan.rowOf[match.planned].map(String.init) ?? "?"
            let other = match.matchIsKept ? "kept person \(match.match.wire)" : "row \(plan.rowOf[match.match].map(String.init) ?? "?")"
            print(String(format: "  row %@ ~ %@ (%.2f)", row, other, match.probability))
        }
        if matches.count > 200 { print("  … and \(matches.count - 200) more") }
    }

    /// The mapping given, or the one suggested from the header of the sheet chosen.
    private func planMapping(_ sheets: [Sheet]) throws -> ImportMapping {
        if let mapping {
            guard let data = FileManager.default.contents(atPath: mapping) else { throw CLIError("cannot read \(mapping)") }
            do {
                var read = try JSONDecoder().decode(ImportMapping.self, from: data)
                if let kind, kind != read.kind { read.kind = kind }
                return read
            } catch let error as DecodingError {
                throw CLIError("\(mapping) is not a mapping: \(Self.describe(error))")
            }
        }
        guard let kind else { throw CLIError("give --kind (person, incident, rescueRequest or intervention), or a --mapping file") }
        guard let chosen = sheet.map({ name in sheets.first { $0.name == name } }) ?? sheets.first else {
            throw CLIError("the file has no sheet \(sheet ?? ""); it has: \(sheets.map(\.name).joined(separator: ", "))")
        }
        let header = headerRow ?? chosen.likelyHeaderRow ?? 1
        var suggested = ImportMapping.suggested(kind: kind, columnNames: chosen.columnNames(headerRow: header))
        suggested.sheet = chosen.name
        suggested.headerRow = header
        return suggested
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "\(path): ") + context.debugDescription
        @unknown default:
            return "not valid JSON"
        }
    }

    private func report(_ plan: ImportPlan, mapping: ImportMapping, sheets: [Sheet], encoding: TextEncodingName?) {
        let format = encoding.map { "CSV, \($0.rawValue)" } ?? "XLSX, \(sheets.count) sheet(s): \(sheets.map(\.name).joined(separator: ", "))"
        print("\(file) (\(format)): sheet \(plan.sheet), header row \(plan.headerRow), \(plan.rows) data rows, as \(plan.kind.rawValue)")
        print("Columns / 열:")
        for (column, field) in mapping.columns.sorted(by: { $0.key < $1.key }) {
            print("  \(column) → \(field.rawValue) (\(field.label.ko))")
        }
        let counts = plan.counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
        print("Would create / 만들 기록: \(counts.isEmpty ? "nothing" : counts.joined(separator: ", "))")
        if !plan.problems.isEmpty {
            print("Problems / 문제 (\(plan.problems.count)):")
            for problem in plan.problems.prefix(200) { print("  \(problem.text(false))\n  \(problem.text(true))") }
            if plan.problems.count > 200 { print("  … and \(plan.problems.count - 200) more") }
        }
        if !plan.unmatched.isEmpty {
            print("Words no vocabulary knows / 어휘에 없는 값 (map them in \"values\", or to \"unknown\"):")
            for word in plan.unmatched {
                print("  \(word.field.rawValue) (\(word.column)): \"\(word.value.prefix(60))\" ×\(word.count), rows \(word.rows.map(String.init).joined(separator: ", "))")
            }
        }
    }
}

extension ImportKind: ExpressibleByArgument {}
