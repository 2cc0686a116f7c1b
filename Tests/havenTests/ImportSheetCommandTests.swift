import Foundation
@testable import haven
import HavenCore
import HavenReports
import HavenStore
import HavenTestSupport
import Testing

/// `haven import-sheet` and `haven imports` against a real vault: a sheet with one bad row
/// writes nothing and names the row; a dry run writes nothing; a good sheet is written as one
/// batch, listed, and undone whole.
@Suite(.serialized)
struct ImportSheetCommandTests {
    let cli = CommandLineTests()

    static func sheet(badRow: Int?) -> String {
        var csv = "이름,성별,생년월일\n"
        for row in 2...31 {
            csv += "가상\(row),\(row % 2 == 0 ? "여" : "남"),\(row == badRow ? "1979-13-02" : "19\(60 + row)-0\(1 + row % 9)-15")\n"
        }
        return csv
    }

    @Test func aSheetIsCheckedWrittenAsOneBatchAndUndoneWhole() async throws {
        let scratch = try CommandLineTests.Scratch()
        let vault = ["--data", scratch.path("v"), "--key-file", scratch.path("v.key")]
        try await cli.haven(["init"] + vault)
        try Self.sheet(badRow: 17).write(toFile: scratch.path("bad.csv"), atomically: true, encoding: .utf8)
        try Self.sheet(badRow: nil).write(toFile: scratch.path("good.csv"), atomically: true, encoding: .utf8)
        func persons() async throws -> Int {
            try await cli.withStore(scratch, vault: "v", key: "v.key") { try await $0.count(RecordQuery(kinds: [.person]), by: .localOperator) }
        }

        await #expect(throws: CLIError.self) { try await cli.haven(["import-sheet"] + vault + ["--kind", "person", scratch.path("bad.csv")]) }
        #expect(try await persons() == 0, "a sheet with a bad row writes nothing")
        try await cli.haven(["import-sheet"] + vault + ["--kind", "person", "--dry-run", "--write-mapping", scratch.path("m.json"), scratch.path("good.csv")])
        #expect(try await persons() == 0, "a dry run writes nothing")
        let mapping = try JSONDecoder().decode([String: JSONValue].self, from: Data(contentsOf: URL(fileURLWithPath: scratch.path("m.json"))))
        #expect(mapping["columns"] == .object(["이름": .string("name"), "성별": .string("sex"), "생년월일": .string("birthDate")]))

        try await cli.haven(["import-sheet"] + vault + ["--mapping", scratch.path("m.json"), "--compartment", "seoul", scratch.path("good.csv")])
        let batches = try await cli.withStore(scratch, vault: "v", key: "v.key") { store in
            (try await store.importBatches(), try await store.allRecords(RecordQuery(kinds: [.person]), by: .localOperator))
        }
        #expect(batches.0.count == 1 && batches.0[0].records == 30 && batches.0[0].source.fileName == "good.csv")
        #expect(batches.1.count == 30 && batches.1.allSatisfy { $0.compartment == "seoul" })
        try await cli.haven(["imports", "list"] + vault)
        try await cli.haven(["imports", "undo"] + vault + [batches.0[0].id.wire])
        #expect(try await persons() == 0)
        await #expect(throws: CLIError.self) { try await cli.haven(["imports", "undo"] + vault + [batches.0[0].id.wire]) }
    }

    @Test func aFileThatIsNotASpreadsheetOrTooLargeIsRefusedByName() async throws {
        let scratch = try CommandLineTests.Scratch()
        let vault = ["--data", scratch.path("v"), "--key-file", scratch.path("v.key")]
        try await cli.haven(["init"] + vault)
        try Data([0x50, 0x4B, 0x03, 0x04, 0, 0]).write(to: URL(fileURLWithPath: scratch.path("broken.xlsx")))
        do {
            try await cli.haven(["import-sheet"] + vault + ["--kind", "incident", scratch.path("broken.xlsx")])
            Issue.record("a broken workbook was read")
        } catch let error as CLIError {
            #expect(error.description.contains("not a ZIP archive") && error.description.contains("압축"))
        }
        try Self.sheet(badRow: nil).write(toFile: scratch.path("good.csv"), atomically: true, encoding: .utf8)
        do {
            try await cli.haven(["import-sheet"] + vault + ["--kind", "person", "--max-bytes", "100", scratch.path("good.csv")])
            Issue.record("a file over the limit was read")
        } catch let error as CLIError {
            #expect(error.description.contains("at most 100"))
        }
    }
}

/// Persons of a sheet that are probably persons already kept, or each other, are reported by row
/// in the dry run, and a row left out with --skip-row is not written.
@Suite(.serialized)
struct ImportDuplicateCommandTests {
    let cli = CommandLineTests()

    @Test func probableDuplicatesAreReportedByRowAndSkippedRowsAreNotWritten() async throws {
        let scratch = try CommandLineTests.Scratch()
        let vault = ["--data", scratch.path("v"), "--key-file", scratch.path("v.key")]
        try await cli.haven(["init"] + vault)
        let kept = Person(names: [PersonName("김영희", script: .hangul, system: .southKorean)], sex: .female, birthDate: try FuzzyDate(parsing: "1975-04-12"))
        try await cli.withStore(scratch, vault: "v", key: "v.key") { store in
            _ = try await store.create(kept, by: .localOperator)
            for i in 0..<40 {
                _ = try await store.create(Person(names: [PersonName("가상\(i)", script: .hangul, system: .southKorean)],
                                                  birthDate: try FuzzyDate(parsing: "19\(50 + i)-0\(1 + i % 9)-1\(i % 9)")), by: .localOperator)
            }
        }
        // Row 3 is the kept person again, spelt the same; the others are new.
        var csv = "이름,성별,생년월일\n박철수,남,1960-01-05\n김영희,여,1975-04-12\n"
        for i in 0..<20 { csv += "새사람\(i),여,19\(60 + i)-1\(i % 3)-2\(i % 9)\n" }
        try csv.write(toFile: scratch.path("s.csv"), atomically: true, encoding: .utf8)
        let matches = DuplicateFinder.importMatches(
            planned: [Person(names: [PersonName("김영희", script: .hangul, system: .southKorean)], sex: .female, birthDate: try FuzzyDate(parsing: "1975-04-12"))],
            kept: [kept] + (0..<40).map { Person(names: [PersonName("가상\($0)", script: .hangul, system: .southKorean)]) })
        #expect(matches.first?.match == kept.id && matches.first?.matchIsKept == true)
        try await cli.haven(["import-sheet"] + vault + ["--kind", "person", "--skip-row", "3", scratch.path("s.csv")])
        let names = try await cli.withStore(scratch, vault: "v", key: "v.key") { store in
            try await store.allRecords(RecordQuery(kinds: [.person]), by: .localOperator).compactMap { ($0 as? Person)?.names.first?.value }
        }
        #expect(names.filter { $0 == "김영희" }.count == 1, "the skipped row was not written")
        #expect(names.contains("박철수") && names.count == 41 + 21)
    }
}
