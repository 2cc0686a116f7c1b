import Foundation
import HavenCore
@testable import HavenLinkage
@testable import HavenServer
import HavenReports
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing
import HavenFixtures

/// Duplicate person records in the application (fictional people): the same woman recorded in
/// Hangul and in McCune–Reischauer is suggested, reviewed side by side with the reasons, merged
/// without losing either record, un-merged, and a pair judged different is not suggested again.
/// Every change is an audited update; a reviewer without write access gets nothing.
@Suite
struct DuplicateTests {
    static func seed(_ store: SQLStore) async throws -> (hangul: Person, romanised: Person, other: Person) {
        let date = try FuzzyDate(year: 1972, month: 3, day: 14)
        let hangul = Person(compartment: "alpha", names: [PersonName("리정숙", script: .hangul, system: .northKorean)], sex: .female,
                            birthDate: date, originPlaceCode: nil)
        let romanised = Person(compartment: "alpha", names: [PersonName("Ri Jong-suk", script: .latin, system: .mccuneReischauer)],
                               sex: .female, birthDate: date)
        let other = Person(compartment: "alpha", names: [PersonName("박영철", script: .hangul, system: .southKorean)], sex: .male,
                           birthDate: try FuzzyDate(year: 1990, month: 1, day: 5))
        var background: [any Record] = []
        let syllables = ["민", "서", "지", "현", "수", "영", "준", "혜"]
        for index in 0..<40 {
            background.append(Person(compartment: "alpha", names: [PersonName("김\(syllables[index % 8])\(syllables[index / 8 % 8])", script: .hangul, system: .southKorean)],
                                     sex: index % 2 == 0 ? .female : .male, birthDate: try FuzzyDate(year: 1940 + index, month: 1 + index % 12, day: 1 + index % 28)))
        }
        _ = try await store.createAll([hangul, romanised, other] + background, by: .localOperator)
        return (hangul, romanised, other)
    }

    @Test func aPairIsSuggestedReviewedMergedAndUnmerged() async throws {
        try await TestServer.with { server in
            let (hangul, romanised, other) = try await Self.seed(server.store)
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let list = try await client.page("/duplicates")
            let review = DuplicateReviewPage.path(hangul.id, romanised.id), reversed = DuplicateReviewPage.path(romanised.id, hangul.id)
            #expect(list.contains("리정숙") && list.contains("Ri Jong-suk"))
            #expect(list.contains(review.replacingOccurrences(of: "&", with: "&amp;")) || list.contains(reversed.replacingOccurrences(of: "&", with: "&amp;")))
            #expect(!list.contains("박영철"), "someone else is not suggested")

            // The romanised record is a victim of an arrest: the review shows it there, by name.
            let event = Event(compartment: "alpha", title: "가상 혜산 체포", startDate: try FuzzyDate(parsing: "2024-05-02"))
            _ = try await server.store.createAll([event, Act(compartment: "alpha", eventID: event.id, actType: .arrest, victimID: romanised.id)],
                                                 by: .localOperator)
            let page = try await client.page(review)
            #expect(page.contains("리정숙") && page.contains("Ri Jong-suk") && page.contains("이름") && page.contains("같은 날"))
            let appears = try #require(page.firstMatch(of: /<th scope="row">등장하는 기록<\/th><td>(.*?)<\/td><td>(.*?)<\/td>/)?.output)
            #expect(appears.1 == "—" && appears.2.contains(">가상 혜산 체포</a>"), "each record's incidents, side by side")
            #expect(page.contains("action=\"/duplicates/merge\"") && page.contains("action=\"/duplicates/distinct\""))
            let api = try await client.execute(uri: "/api/duplicates", method: .get)
            let body = String(buffer: api.body)
            #expect(api.status == .ok && body.contains(hangul.id.uuidString.lowercased()) && body.contains("\"comparison\":\"given_name\""))
            #expect(!body.contains("리정숙") && !body.contains("Ri Jong-suk"), "the API gives ids, not names")

            // Merge: the romanised record points to the Hangul one; both stay, nothing is deleted.
            let merged = try await client.postForm("/duplicates/merge", ["record": romanised.id.uuidString, "into": hangul.id.uuidString])
            #expect(merged.status == .seeOther || merged.status == .found)
            let stored = try await server.store.get(Person.self, id: romanised.id, by: .localOperator)
            #expect(stored.record.sameAs == hangul.id && stored.record.names == romanised.names && stored.version == 2)
            #expect(try await server.store.get(Person.self, id: hangul.id, by: .localOperator).record.sameAs == nil)
            let mergedPage = try await client.page("/records/person/\(romanised.id.uuidString.lowercased())")
            #expect(mergedPage.contains("같은 사람으로 기록됨") && mergedPage.contains("action=\"/duplicates/unmerge\""))
            let mainPage = try await client.page("/records/person/\(hangul.id.uuidString.lowercased())")
            #expect(mainPage.contains("같은 사람의 다른 기록") && mainPage.contains(romanised.id.uuidString.lowercased()))
            #expect(!(try await client.page("/duplicates")).contains("Ri Jong-suk"), "a merged pair is not suggested again")
            let log = try await server.store.auditEntries(AuditQuery(recordID: romanised.id, limit: 20), by: .localOperator)
            #expect(log.items.contains { $0.action.contains("update") }, "the merge is an audited update")

            // Un-merge: the record stands alone again, and the pair is remembered as different people.
            _ = try await client.postForm("/duplicates/unmerge", ["record": romanised.id.uuidString])
            let alone = try await server.store.get(Person.self, id: romanised.id, by: .localOperator).record
            #expect(alone.sameAs == nil && alone.distinctFrom == [hangul.id])
            let mainAfter = try await client.page("/records/person/\(hangul.id.uuidString.lowercased())")
            #expect(!mainAfter.contains("같은 사람의 다른 기록"), "after the undo the main record no longer lists it")
            #expect(!(try await client.page("/duplicates")).contains("Ri Jong-suk"))
            _ = other
        }
    }

    @Test func aMergeThroughTheAPIIsAMergeWithoutChains() async throws {
        try await TestServer.with { server in
            let (hangul, romanised, other) = try await Self.seed(server.store)
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            _ = try await client.postForm("/duplicates/merge", ["record": romanised.id.uuidString, "into": hangul.id.uuidString])
            func put(_ id: UUID, sameAs: UUID) async throws -> TestResponse {
                try await client.execute(uri: "/api/persons/\(id.uuidString.lowercased())", method: .put,
                                         headers: [.contentType: "application/json"], body: ByteBuffer(string: """
                    {"compartment":"alpha","names":[{"value":"리정숙","script":"hangul","system":"north_korean"}],"sex":"female",\
                    "sameAs":"\(sameAs.uuidString.lowercased())"}
                    """))
            }
            // The Hangul record (which the romanised one points to) is merged into a third through the API.
            let merged = try await put(hangul.id, sameAs: other.id)
            #expect(merged.status == .ok, "\(String(buffer: merged.body))")
            #expect(try await server.store.get(Person.self, id: hangul.id, by: .localOperator).record.sameAs == other.id)
            let follower = try await server.store.get(Person.self, id: romanised.id, by: .localOperator)
            #expect(follower.record.sameAs == other.id && follower.version == 3, "the romanised record follows to the main record, in a new version")

            // Naming a merged record, or the record itself, is refused with the field named.
            let chained = try await put(romanised.id, sameAs: hangul.id)
            #expect(chained.status == .unprocessableContent && String(buffer: chained.body).contains("sameAs"))
            #expect(String(buffer: chained.body).contains(other.id.uuidString.lowercased()), "the record to name instead")
            let itself = try await put(other.id, sameAs: other.id)
            #expect(itself.status == .unprocessableContent && String(buffer: itself.body).contains("sameAs"))
            let nobody = try await put(other.id, sameAs: UUID())
            #expect(nobody.status == .unprocessableContent && String(buffer: nobody.body).contains("names no person record"))
            #expect(try await server.store.get(Person.self, id: other.id, by: .localOperator).record.sameAs == nil)
        }
    }

    @Test func differentPeopleAreNotSuggestedAgainAndReadersCannotDecide() async throws {
        try await TestServer.with { server in
            let (hangul, romanised, _) = try await Self.seed(server.store)
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            #expect((try await client.page("/duplicates")).contains("Ri Jong-suk"))
            let decided = try await client.postForm("/duplicates/distinct", ["a": hangul.id.uuidString, "b": romanised.id.uuidString])
            #expect(decided.status == .seeOther || decided.status == .found)
            #expect(!(try await client.page("/duplicates")).contains("Ri Jong-suk"))
            #expect(try await server.store.get(Person.self, id: hangul.id, by: .localOperator).record.distinctFrom == [romanised.id])

            let reviewer = try await server.signIn(role: .reviewer, compartments: ["alpha"])
            #expect(try await reviewer.execute(uri: "/duplicates", method: .get).status == .forbidden)
            #expect(try await reviewer.postForm("/duplicates/merge", ["record": romanised.id.uuidString, "into": hangul.id.uuidString]).status == .forbidden)
            let outsider = try await server.signIn(role: .documenter, compartments: ["beta"], username: "beta.documenter")
            #expect(!(try await outsider.page("/duplicates")).contains("리정숙"), "another compartment sees nothing")
            #expect(try await outsider.postForm("/duplicates/merge", ["record": romanised.id.uuidString, "into": hangul.id.uuidString]).status == .notFound)
            #expect(try await client.postForm("/duplicates/merge", ["record": hangul.id.uuidString, "into": hangul.id.uuidString]).status == .badRequest)
        }
    }

    /// A person known only by an age reported on a known date is compared by the birth years
    /// that age allows; without the date the age says nothing linkage can use.
    @Test func anAgeReportedOnADateComparesAsTheBirthYearsItAllows() throws {
        var person = Person(compartment: "alpha", names: [PersonName("김영희", script: .hangul, system: .southKorean)], sex: .female)
        person.ageRange = AgeRange(minimum: 40, maximum: 49, asOf: try FuzzyDate(year: 2024, month: 5, day: 1))
        #expect(DuplicateFinder.linkRecord(person).birthDate == "1974/1984")
        #expect(PartialDate("1974/1984") != nil, "linkage reads it as a range of years")
        person.ageRange = AgeRange(minimum: 40, maximum: 49)
        #expect(DuplicateFinder.linkRecord(person).birthDate == nil)
        person.birthDate = try FuzzyDate(year: 1980)
        #expect(DuplicateFinder.linkRecord(person).birthDate == "1980", "a birth date, where there is one, comes first")
    }

    @Test func theDemoDataHoldsOneWomanReportedTwice() async throws {
        try await TestServer.with { server in
            let records = DemoDataset.records()
            _ = try await server.store.createAll(records, by: .localOperator)
            let reported = try #require(records.compactMap { $0 as? Person }.first { $0.notes?.contains("spelled differently") ?? false })
            let client = try await server.signIn(role: .documenter, compartments: [Compartment.default])
            let list = try await client.page("/duplicates")
            let name = try #require(reported.names.first?.value)
            #expect(list.contains(name) && list.contains("/duplicates/review"), "the press record of a demo victim is suggested")
        }
    }
}

/// The review page names every level of every comparison in Korean as well as English.
struct LinkageTextTests {
    @Test func everyLevelHasAKoreanMeaning() {
        for comparison in LinkComparison.allCases {
            for level in comparison.levelNames {
                let label = LinkageText.meaning(level)
                #expect(label.ko != level && !label.ko.isEmpty, "\(comparison.rawValue): \(level)")
            }
        }
    }

    @Test func aFieldBothRecordsLackIsSaidToBeMissingOnBothNotOnOneSide() {
        let part = LinkResult.Part(comparison: .birthDate, level: 0, weight: 0)
        let dated = LinkRecord(id: "a", name: "리정숙", birthDate: "1972-03-14")
        let undated = LinkRecord(id: "b", name: "리정숙")
        #expect(LinkageText.meaning(part, undated, LinkRecord(id: "c", name: "이정숙")).ko == "양쪽 모두 없음")
        #expect(LinkageText.meaning(part, dated, undated).ko == "한쪽에 없음")
        #expect(LinkageText.meaning(part, undated, dated).en == "Missing on one side")
        #expect(LinkageText.meaning(LinkResult.Part(comparison: .birthDate, level: 7, weight: 9), dated, dated).ko == "같은 날")
    }
}
