import Foundation
import HavenCore
import HavenImport
import Testing

/// The dry run: rows mapped to records, every problem by row and column, every word that no
/// vocabulary knows listed with its count, and nothing planned from a row that has a problem.
struct ImportPlannerTests {
    @Test func aKoreanWorkbookIsPlannedAsIncidentsWithItsProblemsByRowAndColumn() throws {
        let sheets = try SpreadsheetReader.read(try SpreadsheetReaderTests.fixture("korean.xlsx")).sheets
        let names = sheets[0].columnNames(headerRow: try #require(sheets[0].likelyHeaderRow))
        let mapping = ImportMapping.suggested(kind: .incident, columnNames: names)
        #expect(mapping.columns == ["이름": .victimName, "성별": .victimSex, "사건 유형": .actType, "사건 날짜": .date, "인원": .groupSize])
        let plan = try ImportPlanner.plan(sheets, mapping: mapping, compartment: Compartment.default)
        #expect(plan.sheet == "사건 목록" && plan.headerRow == 2 && plan.rows == 4)
        // 12.5 people and TRUE people are not numbers of people.
        #expect(plan.problems.map { [String($0.row), $0.column] } == [["6", "인원"], ["7", "인원"]])
        #expect(plan.problems[0].text(false).hasPrefix("row 6, column 인원: 12.5 is not a whole number"))
        #expect(!plan.isReady)
        // Rows 3 and 4 are planned: each an event with its act(s).
        #expect(plan.counts[.event] == 2)
        let events = plan.records.compactMap { $0 as? Event }
        #expect(events.map { $0.startDate?.description } == ["2019-03-15", "2020-01-07"])
        let acts = plan.records.compactMap { $0 as? Act }
        #expect(Set(acts.map(\.actType)) == [.arrest, .forcedRepatriation])
        let victims = plan.records.compactMap { $0 as? Person }
        #expect(victims.map(\.names.first?.value) == ["김가상", "박예시"] && victims.map(\.sex) == [.female, .male])
        #expect(plan.records.compactMap { $0 as? VictimGroup }.map(\.size) == [2], "three people: the named victim and a group of two")
    }

    @Test func withoutTheBadColumnEveryRowIsPlannedAndAKoreanMonthIsAMonth() throws {
        let sheets = try SpreadsheetReader.read(try SpreadsheetReaderTests.fixture("korean.xlsx")).sheets
        var mapping = ImportMapping.suggested(kind: .incident, columnNames: sheets[0].columnNames(headerRow: 2))
        mapping.columns["인원"] = nil
        let plan = try ImportPlanner.plan(sheets, mapping: mapping, compartment: "seoul")
        #expect(plan.isReady)
        #expect(plan.counts[.event] == 4)
        let events = plan.records.compactMap { $0 as? Event }
        #expect(events.map { $0.startDate?.description } == ["2019-03-15", "2020-01-07", "2020-02-29", "2019-03"])
        #expect(plan.records.allSatisfy { $0.compartment == "seoul" })
        #expect(plan.records.compactMap { $0 as? Act }.last?.actType == .disappearance, "실종 is the Korean label of disappearance")
    }

    @Test func wordsNoVocabularyKnowsAreListedWithTheirCountsUntilTheyAreMapped() throws {
        let csv = "이름,성별,유형\n가,여자,체포됨\n나,남,구류\n다,F,체포됨\n라,x,arrested\n"
        let sheets = try SpreadsheetReader.read(Data(csv.utf8)).sheets
        var mapping = ImportMapping(name: "t", kind: .incident, columns: ["이름": .victimName, "성별": .victimSex, "유형": .actType])
        let first = try ImportPlanner.plan(sheets, mapping: mapping, compartment: Compartment.default)
        #expect(first.unmatched.map { "\($0.field.rawValue):\($0.value)×\($0.count)" } == ["actType:체포됨×2", "actType:구류×1", "victimSex:x×1"])
        #expect(first.unmatched[0].rows == [2, 4])
        #expect(!first.isReady)
        mapping.values = [.actType: ["체포됨": "arrest", "구류": "detention"], .victimSex: ["x": "unknown"]]
        let second = try ImportPlanner.plan(sheets, mapping: mapping, compartment: Compartment.default)
        #expect(second.isReady)
        #expect(second.records.compactMap { $0 as? Act }.map(\.actType) == [.arrest, .detention, .arrest, .arrest])
        // A map to a code the vocabulary does not have does not invent a term.
        mapping.values = [.actType: ["체포됨": "arrested_badly", "구류": "detention"], .victimSex: ["x": "unknown"]]
        #expect(try ImportPlanner.plan(sheets, mapping: mapping, compartment: Compartment.default).unmatched.map(\.value) == ["체포됨"])
    }

    @Test func aBadRowAmongThousandsIsNamedAndNothingIsPlannedFromIt() throws {
        var csv = "이름,성별,생년월일,나이\n"
        for row in 2...3_001 {
            // A person has a birth date or an age range, never both.
            let birth = row == 2_345 ? "1979-13-02" : row % 3 == 0 ? "" : "19\(50 + row % 40)-0\(1 + row % 9)-1\(row % 10)"
            csv += "가상\(row),\(row % 2 == 0 ? "여" : "남"),\(birth),\(row % 3 == 0 ? "50대" : "")\n"
        }
        let sheets = try SpreadsheetReader.read(Data(csv.utf8)).sheets
        let mapping = ImportMapping.suggested(kind: .person, columnNames: sheets[0].columnNames(headerRow: 1))
        #expect(mapping.columns == ["이름": .name, "성별": .sex, "생년월일": .birthDate, "나이": .age])
        let plan = try ImportPlanner.plan(sheets, mapping: mapping, compartment: Compartment.default)
        #expect(plan.rows == 3_000)
        #expect(plan.problems.count == 1)
        // A birth date is protected: the problem names its row and column, not the value.
        #expect(plan.problems.first?.text(false) == "row 2,345, column 생년월일: the value is not a date (write 2019, 2019-03, 2019-03-15 or 2019년 3월)")
        #expect(plan.problems.first?.text(true).hasPrefix("2,345행, 생년월일 열: 값이 날짜가 아닙니다") == true)
        #expect(!plan.problems.contains { $0.message.en.contains("1979-13-02") || $0.message.ko.contains("1979-13-02") })
        #expect(plan.records.count == 2_999)
        #expect(!plan.records.contains { ($0 as? Person)?.names.first?.value == "가상2345" })
        let persons = plan.records.compactMap { $0 as? Person }
        #expect(persons.first { $0.names.first?.value == "가상3" }?.ageRange == AgeRange(minimum: 50, maximum: 59))
    }

    @Test func aMappingThatDoesNotFitTheSheetIsRefusedByName() throws {
        let sheets = try SpreadsheetReader.read(Data("이름,성별\n가,여\n".utf8)).sheets
        #expect(throws: ImportMappingError.self) {
            try ImportPlanner.plan(sheets, mapping: ImportMapping(name: "t", kind: .person, columns: ["주소": .address]), compartment: "c")
        }
        #expect(throws: ImportMappingError.self) {
            try ImportPlanner.plan(sheets, mapping: ImportMapping(name: "t", kind: .person, columns: ["이름": .actType]), compartment: "c")
        }
        #expect(throws: ImportMappingError.self) {
            try ImportPlanner.plan(sheets, mapping: ImportMapping(name: "t", kind: .person, sheet: "없는 시트", columns: [:]), compartment: "c")
        }
    }

    @Test func aMappingFileReadsAndWritesItsDocumentedForm() throws {
        let json = """
            {"name": "NGO A", "kind": "incident", "sheet": "사건 목록", "headerRow": 2,
             "columns": {"이름": "victimName", "사건 유형": "actType"}, "values": {"actType": {"체포됨": "arrest", "모름": "unknown"}}, "compartment": "seoul"}
            """
        let mapping = try JSONDecoder().decode(ImportMapping.self, from: Data(json.utf8))
        #expect(mapping.kind == .incident && mapping.headerRow == 2 && mapping.columns["사건 유형"] == .actType)
        #expect(mapping.values[.actType]?["모름"] == "unknown")
        #expect(try JSONDecoder().decode(ImportMapping.self, from: JSONEncoder().encode(mapping)) == mapping)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ImportMapping.self, from: Data(#"{"kind":"person","columns":{"a":"spaceship"}}"#.utf8))
        }
    }

    @Test(arguments: [("50대", 50, 59), ("30-39", 30, 39), ("30~39", 30, 39), ("age_30_39", 30, 39), ("34", 34, 34), ("34세", 34, 34)])
    func agesAreReadAsSheetsWriteThem(_ text: String, _ low: Int, _ high: Int) throws {
        let sheets = try SpreadsheetReader.read(Data("이름,나이\n가,\(text)\n".utf8)).sheets
        let plan = try ImportPlanner.plan(sheets, mapping: ImportMapping(name: "t", kind: .person, columns: ["이름": .name, "나이": .age]), compartment: "c")
        #expect((plan.records.first as? Person)?.ageRange == AgeRange(minimum: low, maximum: high))
    }

    @Test(arguments: [("2019", "2019"), ("2019-03", "2019-03"), ("2019.3.15", "2019-03-15"), ("2019/03/15", "2019-03-15"), ("2019년 3월", "2019-03"),
                      ("2019년 3월 15일", "2019-03-15"), ("~2019", "~2019"), ("약 2019년", "~2019")])
    func datesAreReadAsSheetsWriteThem(_ text: String, _ expected: String) throws {
        let sheets = try SpreadsheetReader.read(Data("이름,생년월일\n가,\(text)\n".utf8)).sheets
        let plan = try ImportPlanner.plan(sheets, mapping: ImportMapping(name: "t", kind: .person, columns: ["이름": .name, "생년월일": .birthDate]),
                                          compartment: "c")
        #expect((plan.records.first as? Person)?.birthDate?.description == expected, "\(plan.problems)")
    }
}

/// A KoboToolbox export's repeat group: the rows of its own sheet become more victims of the
/// incidents whose `_index` their `_parent_index` names.
struct RepeatGroupTests {
    @Test func aKoboRepeatGroupAddsItsRowsAsVictimsOfTheirParentIncidents() throws {
        let sheets = try SpreadsheetReader.read(try SpreadsheetReaderTests.fixture("kobo.xlsx")).sheets
        let mapping = ImportMapping(
            name: "kobo", kind: .incident, sheet: "incident_report",
            columns: ["incident/date": .date, "incident/type": .actType, "incident/perpetrators": .perpetrator],
            values: [.actType: ["forced_return": "forced_repatriation"], .victimAge: [:]],
            repeatGroup: .init(sheet: "victims", columns: ["victims/name": .victimName, "victims/sex": .victimSex, "victims/age_group": .victimAge]))
        let plan = try ImportPlanner.plan(sheets, mapping: mapping, compartment: Compartment.default)
        #expect(plan.isReady, "\(plan.problems) \(plan.unmatched)")
        let events = plan.records.compactMap { $0 as? Event }
        #expect(events.count == 2)
        let persons = plan.records.compactMap { $0 as? Person }
        let acts = plan.records.compactMap { $0 as? Act }
        func victims(of event: Event) -> [String] {
            acts.filter { $0.eventID == event.id }.compactMap { act in persons.first { $0.id == act.victimID }?.names.first?.value }.sorted()
        }
        #expect(victims(of: events[0]) == ["가상 이", "가상 일"])
        #expect(victims(of: events[1]) == ["가상 삼"])
        #expect(persons.first { $0.names.first?.value == "가상 일" }?.ageRange == AgeRange(minimum: 30, maximum: 39))
        #expect(acts.filter { $0.eventID == events[1].id }.allSatisfy { $0.actType == .forcedRepatriation })
    }

    @Test func aRepeatGroupThatDoesNotFitIsRefusedByName() throws {
        let sheets = try SpreadsheetReader.read(try SpreadsheetReaderTests.fixture("kobo.xlsx")).sheets
        for group in [ImportMapping.RepeatGroup(sheet: "없음", columns: [:]),
                      ImportMapping.RepeatGroup(sheet: "victims", parentColumn: "_parent", columns: [:]),
                      ImportMapping.RepeatGroup(sheet: "victims", columns: ["victims/name": .actType])] {
            #expect(throws: ImportMappingError.self) {
                try ImportPlanner.plan(sheets, mapping: ImportMapping(name: "k", kind: .incident, sheet: "incident_report", columns: [:], repeatGroup: group),
                                       compartment: "c")
            }
        }
    }
}
