import Foundation
import HavenCore
import HavenImport
import HavenReports
@testable import HavenServer
import Testing

/// How decisions on probable duplicates become records: rows left out, persons merged into a
/// kept record's main record or into the earlier of two rows, never into a chain or a loop.
@Suite
struct ImportCheckTests {
    static func upload(_ rows: [[String]], kept: [Person]) -> ImportUpload {
        let sheet = Sheet(name: "명단", rows: ([["이름", "성별", "생년월일"]] + rows).enumerated().map { index, cells in
            Sheet.Row(number: index + 1, cells: cells.map { CellValue.text($0) })
        })
        var upload = ImportUpload(id: UUID(), accountID: UUID(), fileName: "a.csv", fileSHA256: "", sheets: [sheet], encoding: .utf8,
                                  mapping: ImportMapping(name: "t", kind: .person, sheet: "명단", headerRow: 1,
                                                         columns: ["이름": .name, "성별": .sex, "생년월일": .birthDate]),
                                  compartment: "alpha", lastUsed: Date())
        ImportCheck.run(&upload, kept: kept)
        return upload
    }

    static let background: [[String]] = (0..<30).map { i in
        ["김\(["민", "서", "지", "현", "수"][i % 5])\(["호", "연", "훈", "우", "빈", "진"][i % 6])", i % 2 == 0 ? "여" : "남", "\(1950 + i)-0\(1 + i % 9)-1\(i % 9)"]
    }

    @Test func twoRowsOfOnePersonAreShownOnceAndTheLaterMergesIntoTheEarlier() throws {
        var upload = Self.upload([["박순희", "여", "1961-04-05"]] + Self.background + [["박순희", "여", "1961-04-05"]], kept: [])
        let plan = try #require(upload.plan)
        let positions = ImportCheck.positions(plan)
        let pair = upload.matches.filter { !$0.matchIsKept }
        #expect(pair.count == 1, "the pair is shown once, not from both rows")
        let match = try #require(pair.first)
        #expect(positions[match.planned]?.row == 33 && positions[match.match]?.row == 2, "shown at the later row")
        upload.decisions[try #require(ImportCheck.key(match, positions: positions))] = .same
        let (records, skipped) = ImportCheck.records(upload, keptMain: [:])
        let persons = records.compactMap { $0 as? Person }
        #expect(skipped.isEmpty && persons.count == 32)
        let first = try #require(persons.first { plan.rowOf[$0.id] == 2 }), later = try #require(persons.first { plan.rowOf[$0.id] == 33 })
        #expect(first.sameAs == nil && later.sameAs == first.id)
    }

    @Test func aRowTheSameAsAKeptMergedPersonPointsToTheMainRecord() throws {
        let main = Person(compartment: "alpha", names: [PersonName("리정숙", script: .hangul, system: .northKorean)], sex: .female,
                          birthDate: try FuzzyDate(year: 1972, month: 3, day: 14))
        var merged = Person(compartment: "alpha", names: [PersonName("리정숙", script: .hangul, system: .northKorean)], sex: .female,
                            birthDate: try FuzzyDate(year: 1972, month: 3, day: 14))
        merged.sameAs = main.id
        var upload = Self.upload([["리정숙", "여", "1972-03-14"]] + Self.background, kept: [main, merged])
        let plan = try #require(upload.plan)
        let positions = ImportCheck.positions(plan)
        let match = try #require(upload.matches.first { positions[$0.planned]?.row == 2 })
        #expect(match.matchIsKept)
        upload.decisions[try #require(ImportCheck.key(match, positions: positions))] = .same
        let (records, _) = ImportCheck.records(upload, keptMain: [main.id: main.id, merged.id: main.id])
        let row = try #require(records.compactMap { $0 as? Person }.first { plan.rowOf[$0.id] == 2 })
        #expect(row.sameAs == main.id, "a merged record's main record, not the merged one")
        // Leaving the row out instead writes everything but that row.
        upload.decisions[try #require(ImportCheck.key(match, positions: positions))] = .skip
        let (without, skipped) = ImportCheck.records(upload, keptMain: [:])
        #expect(skipped == [2] && without.count == plan.records.count - 1)
    }

    @Test func rowsLeftOutMakeASheetWithProblemsReady() throws {
        var upload = Self.upload(Self.background + [["박철", "남", "1979-13-02"]], kept: [])
        #expect(!ImportCheck.isReady(upload) && upload.plan?.problems.map(\.row) == [32])
        upload.skipRows = [32]
        #expect(ImportCheck.isReady(upload))
        #expect(ImportReviewForm.rows("4, 17 230") == [4, 17, 230])
        #expect(ImportReviewForm.rows("4, x") == nil && ImportReviewForm.rows("0") == nil && ImportReviewForm.rows("99999999999999999999") == nil)
        #expect(ImportReviewForm.rows(Array(repeating: "1", count: ImportReviewForm.skipRowsLimit + 1).joined(separator: ",")) == nil)
    }
}
