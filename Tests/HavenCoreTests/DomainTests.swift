import Foundation
@testable import HavenCore
import Testing
import HavenFixtures

struct FuzzyDateTests {
    @Test(arguments: ["2024", "2024-08", "2024-08-21", "~2019", "2024-02-29"])
    func validDatesRoundTrip(text: String) throws {
        #expect(try FuzzyDate(parsing: text).description == text)
    }

    @Test(arguments: ["2023-02-29", "2024-13", "2024-00", "2024-04-31", "24-01", "2024/01/01", "", "abcd", "1800"])
    func impossibleOrMalformedDatesAreRefused(text: String) {
        #expect(throws: InvalidDate.self) { try FuzzyDate(parsing: text) }
    }

    @Test func precisionAndBoundsFollowWhatIsKnown() throws {
        let month = try FuzzyDate(parsing: "2024-02")
        #expect(month.precision == .month)
        #expect(month.earliest == "2024-02-01")
        #expect(month.latest == "2024-02-29")
        #expect(try FuzzyDate(parsing: "2023").latest == "2023-12-31")
        #expect(month.coarse == "2024-02")
    }

    @Test func numbersArePaddedAsStringFormatPadsThem() {
        for value in [0, 5, 9, 10, 99, 100, 999, 1000, 1900, 2200, 9999, 12345, -1, -12, -123, -12345] {
            #expect(FuzzyDate.padded(value, to: 4) == String(format: "%04d", value), "\(value)")
            #expect(FuzzyDate.padded(value, to: 2) == String(format: "%02d", value), "\(value)")
        }
        for year in [1900, 2024, 2200] {
            for month in 1...12 {
                let date = try? FuzzyDate(year: year, month: month, day: 9, approximate: month.isMultiple(of: 2))
                #expect(date?.description == (month.isMultiple(of: 2) ? "~" : "") + String(format: "%04d-%02d-%02d", year, month, 9))
                #expect(date?.coarse == String(format: "%04d-%02d", year, month))
            }
        }
    }

    @Test func daysAreWrittenZeroPaddedAsStringFormatWritesThem() {
        for (year, month, day) in [(1900, 1, 1), (2024, 2, 29), (5, 7, 9), (999, 10, 31), (9999, 12, 31), (0, 0, 0), (12345, 1, 2), (-1, 3, 4), (2024, 100, 1)] {
            #expect(FuzzyDate.day(year, month, day) == String(format: "%04d-%02d-%02d", year, month, day), "\(year)-\(month)-\(day)")
        }
    }
}

struct VocabularyTests {
    @Test func unknownCodesAreRefusedWithTheAllowedOnes() {
        let json = Data(#"{"eventID":"\#(UUID().uuidString)","actType":"teleportation","victimStatus":"unknown","id":"\#(UUID().uuidString)","compartment":"default"}"#.utf8)
        do {
            _ = try JSONDecoder().decode(Act.self, from: json)
            Issue.record("decoding should fail")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription.contains("unknown code 'teleportation' for actType"))
            #expect(context.debugDescription.contains("forced_repatriation"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func everyVocabularyHasUniqueCodesAndBothLabels() {
        for (name, terms) in Vocabularies.terms() {
            #expect(Set(terms.map(\.code)).count == terms.count, "\(name)")
            for term in terms {
                #expect(!term.label.en.isEmpty && !term.label.ko.isEmpty, "\(name).\(term.code)")
            }
        }
    }

    @Test func huridocsTermsAreRecordedWhereTheThesauriHaveThem() {
        #expect(ActType.forcedRepatriation.huridocs == HuridocsReference("Types of Acts", "Refoulement"))
        #expect(ActType.disappearance.huridocs != nil)
        #expect(InterventionResponse.noResponse.huridocs?.term == "No response")
        #expect(Reliability.b.huridocs != nil)
    }

    @Test func everyRecordKindHasExactlyOneType() {
        #expect(Set(RecordTypes.all.map { $0.kind }) == Set(RecordKind.allCases))
        #expect(RecordTypes.all.count == RecordKind.allCases.count)
        for kind in RecordKind.allCases { #expect(RecordTypes.type(for: kind).kind == kind) }
    }
}

struct RecordValidationTests {
    @Test func aRescueTimelineCannotContinueAfterAFinalStatusOrGoBackInTime() throws {
        let request = RescueRequest(status: .underway, timeline: [
            RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2024-05-02")),
            RescueStatusChange(status: .arrested, date: try FuzzyDate(parsing: "2024-05-01")),
            RescueStatusChange(status: .underway, date: try FuzzyDate(parsing: "2024-06")),
        ])
        let fields = Set(request.problems(in: ValidationContext()).map(\.field))
        #expect(fields == ["timeline[1].date", "timeline[2].status"])
    }

    @Test func aPersonNeedsANameAndNotBothBirthDateAndAgeRange() throws {
        let person = Person(names: [], birthDate: try FuzzyDate(parsing: "1970"), ageRange: .decade(50))
        #expect(Set(person.problems(in: ValidationContext()).map(\.field)) == ["names", "ageRange"])
    }

    @Test func compartmentNamesAreShortCodes() {
        #expect(throws: ValidationError.self) { try Event(compartment: "Not OK!", title: "t").validate() }
        #expect(throws: Never.self) { try Event(compartment: "ngo-seoul_2", title: "t").validate() }
    }

    @Test func nameLookupNormalisesCaseSpacingAndUnicodeForm() {
        let decomposed = "김정미".decomposedStringWithCanonicalMapping
        #expect(BlindTerm(field: "name", value: "  KIM   Jeong-mi ").value == "kim jeong-mi")
        #expect(BlindTerm(field: "name", value: decomposed).value == "김정미")
    }
}

struct GazetteerTests {
    @Test(arguments: ["KP-09-ONSONG", "KP-09-HOERYONG", "KP-09-MUSAN", "KP-10-HYESAN", "KP-03-SINUIJU", "CN-JL-YANJI",
                      "CN-JL-TUMEN", "CN-LN-DANDONG", "CN-LN-SHENYANG", "CN-YN-KUNMING", "LA-VIENTIANE", "TH-BANGKOK",
                      "VN-HANOI", "KH-PHNOMPENH", "MN-ULAANBAATAR"])
    func theFieldsPlacesAreThereWithAllThreeNames(code: String) throws {
        let place = try #require(Gazetteer.shared.place(code: code))
        #expect(!place.nameHangul.isEmpty && !(place.nameChinese ?? "").isEmpty && !place.nameRomanised.isEmpty)
        #expect(place.latitude != nil && place.longitude != nil)
        #expect(place.problems(in: ValidationContext()).isEmpty)
    }

    @Test func everyShippedPlaceIsValidAndHasAKnownParent() {
        #expect(Gazetteer.shared.places.count > 90)
        #expect(Set(Gazetteer.shared.places.map(\.code)).count == Gazetteer.shared.places.count)
        for place in Gazetteer.shared.places {
            #expect(place.problems(in: ValidationContext()).isEmpty, "\(place.code)")
        }
    }

    @Test func aProvinceContainsItsBorderCities() {
        let northHamgyong = Set(Gazetteer.shared.places(within: "KP-09").map(\.code))
        #expect(northHamgyong.isSuperset(of: ["KP-09-ONSONG", "KP-09-HOERYONG", "KP-09-MUSAN"]))
        #expect(!northHamgyong.contains("KP-10-HYESAN"))
        #expect(Gazetteer.shared.search("혜산").map(\.code).contains("KP-10-HYESAN"))
        #expect(Gazetteer.shared.search("kunming").map(\.code).contains("CN-YN-KUNMING"))
    }
}

struct DemoDatasetTests {
    @Test func theDemoDataIsValidFictionalAndStable() {
        let records = DemoDataset.records()
        #expect(records.count > 40)
        for record in records { #expect(throws: Never.self) { try record.validate() } }
        #expect(Set(records.map { type(of: $0).kind }).isSuperset(of: [.event, .act, .person, .organisation, .rescueRequest, .intervention, .source, .information, .victimGroup, .involvement]))
        let narratives = records.compactMap { ($0 as? Event)?.description }
        #expect(narratives.allSatisfy { $0.contains(DemoDataset.marker) })
        #expect(DemoDataset.records().compactMap { ($0 as? Person)?.names.first?.value } == records.compactMap { ($0 as? Person)?.names.first?.value })
    }
}

/// The initial-sound rule both ways, for searching a name in the other Korea's spelling.
struct InitialSoundRuleTests {
    @Test func aNameIsAlsoFoundInTheOtherKoreasSpellingOfItsFirstSyllable() {
        let pairs = [("리순희", "이순희"), ("류경호", "유경호"), ("림영철", "임영철"), ("로명철", "노명철"), ("량강", "양강"), ("라선", "나선")]
        for (north, south) in pairs {
            #expect(InitialSoundRule.otherSpelling(north) == south, "\(north)")
            #expect(InitialSoundRule.otherSpelling(south) == north, "\(south)")
        }
        #expect(InitialSoundRule.otherSpelling("가상 리순희") == "가상 이순희", "each word of a name")
        for untouched in ["김정숙", "박", "Kim Jong-suk", "", "우리", "가상 김정숙"] {
            #expect(InitialSoundRule.otherSpelling(untouched) == nil, "\(untouched)")
        }
        let person = Person(names: [PersonName("리순희", script: .hangul, system: .northKorean)])
        #expect(person.searchText.contains("이순희") && person.searchText.first == "리순희")
    }
}

/// One reading of place names for every way in: forms, search and spreadsheets.
struct GazetteerNameTests {
    @Test func aPlaceIsFoundByAnyOfItsNamesAndNothingElse() {
        for typed in ["CN-YN-KUNMING", "cn-yn-kunming", "쿤밍(곤명)", "쿤밍", "곤명", "Kunming", " kunming ", "昆明"] {
            #expect(Gazetteer.shared.code(named: typed) == "CN-YN-KUNMING", "\(typed)")
        }
        #expect(Gazetteer.shared.code(named: "무산") == "KP-09-MUSAN" && Gazetteer.shared.code(named: "무산군") == "KP-09-MUSAN")
        #expect(Gazetteer.shared.code(named: "North Hamgyong") == "KP-09")
        for unknown in ["아틀란티스", "", "Kun"] {
            #expect(Gazetteer.shared.code(named: unknown) == nil, "\(unknown)")
        }
    }
}
