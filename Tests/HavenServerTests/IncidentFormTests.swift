import Foundation
import HavenCore
@testable import HavenReports
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The incident intake form: one pass records the event with named victims, a counted group,
/// a broker, a perpetrating organisation and a source; a refused form writes nothing and names
/// the row at fault; rows are added without script.
@Suite
struct IncidentFormTests {
    @Test(arguments: Language.allCases)
    func theIntakeFormRendersEveryRowLabelledInEitherLanguage(language: Language) {
        let form = IncidentForm(values: ["victims[1].name": "김<가상>", "rows.victims": "3"],
                                problems: [FieldProblem(field: "victims[1].name", message: "must not be empty"),
                                           FieldProblem(field: "sources", message: "has more than 50 rows")],
                                message: WebText.notSaved)
        var asking = form
        asking.actorChoices = [1: [ActorMatcher.Candidate(ref: RecordRef(.organisation, UUID()), names: ["가상 보위부"], organisationKind: .stateSecurity)]]
        let html = asking.render(language, account: PageUser(username: "민정", csrf: "c"))
        WebPageTests().checkAccessible(html)
        #expect(html.contains("<label for=\"actors[1].existing\">") && html.contains("id=\"actors[1].existing-hint\"")
                && !html.contains("id=\"actors[0].existing\""), "only the row with records like it asks")
        #expect(html.contains(language == .ko ? "아니요: 새 기록" : "No: a new record") && html.contains("가상 보위부 ("))
        #expect(html.components(separatedBy: "<fieldset class=\"row\">").count - 1 == 3 + 1 + 2 + 1, "3 victims, 1 group, 2 actors, 1 source")
        #expect(html.contains("id=\"victims[2].name\"") && !html.contains("id=\"victims[3].name\""))
        #expect(html.contains("value=\"김&lt;가상&gt;\"") && html.contains("id=\"victims[1].name-error\""))
        #expect(html.contains(language == .ko ? "<li><a href=\"#sources\">출처: 50줄보다 많습니다</a></li>"
                                              : "<li><a href=\"#sources\">Source: has more than 50 rows</a></li>"),
                "a problem of a whole list is listed at the top, linked to the list")
        #expect(html.contains("<a href=\"#victims[1].name\">"), "and so is every field's problem, linked to its field")
        #expect(html.contains(language == .ko ? "비워 둘 수 없습니다" : "must not be empty"), "problems are in the reader's language")
        #expect(html.contains(language == .ko ? "피해자 추가" : "Add a victim"))
        #expect(html.contains(language == .ko ? "조력자(브로커)" : "Facilitator (broker)"))
        #expect(html.contains(language == .ko ? "<legend>출처 1</legend>" : "<legend>Source 1</legend>"))
        #expect(html.contains("name=\"_add\" value=\"groups\" formnovalidate"))
        // Untouched choices start at "unknown" or "cannot be judged", never at a first term that says more.
        #expect(html.contains("<select id=\"victims[2].sex\" name=\"victims[2].sex\"><option value=\"female\">"))
        #expect(html.contains("<option value=\"unknown\" selected>") && html.contains("<option value=\"F\" selected>")
                && html.contains("<option value=\"6\" selected>") && !html.contains("<option value=\"A\" selected>"))
        #expect(html.contains("<title>\(language == .ko ? "새 사건" : "New incident") · Haven</title>"))
    }

    static let complete: [String: String] = [
        "title": "무산 가족 체포 — 가상 기록", "startDate": "2024-08-21", "placeCode": "KP-09-MUSAN", "verification": "unverified",
        "actType": "arrest", "rows.victims": "2", "rows.groups": "1", "rows.actors": "2", "rows.sources": "1",
        "victims[0].name": "김가상", "victims[0].otherName": "Kim Ga-sang", "victims[0].sex": "female", "victims[0].age": "40-49",
        "victims[0].status": "detained",
        "victims[1].name": "박임시", "victims[1].sex": "male", "victims[1].status": "repatriated",
        "groups[0].women": "13", "groups[0].children": "2", "groups[0].status": "detained",
        "actors[0].name": "가상 브로커", "actors[0].kind": "person", "actors[0].role": "facilitator", "actors[0].degree": "alleged",
        "actors[1].name": "가상 보위부", "actors[1].kind": "state_security", "actors[1].role": "perpetrator", "actors[1].degree": "direct",
        "sources[0].name": "가상 제보자", "sources[0].kind": "family", "sources[0].connection": "hearsay", "sources[0].reliability": "B",
        "sources[0].credibility": "2", "sources[0].content": "가상 제보",
    ]

    @Test func anIncidentWithVictimsAGroupABrokerAndASourceIsRecordedInOnePass() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let created = try await client.postForm("/records/event/new", Self.complete)
            #expect(created.status == .seeOther, "\(String(buffer: created.body))")
            let location = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last!)))
            let everything = try await server.store.exportRecords(plaintext: true, by: .localOperator)
            #expect(everything.allSatisfy { $0.compartment == "alpha" })
            #expect(everything.filter { $0 is Act }.count == 3 && everything.filter { $0 is Person }.count == 3)
            #expect(everything.compactMap { $0 as? VictimGroup }.first.map { $0.size == 15 && $0.women == 13 } == true,
                    "a group given by its parts is as large as they are together")
            #expect(everything.filter { $0 is Involvement }.count == 6 && everything.filter { $0 is Organisation }.count == 1)
            #expect(everything.compactMap { $0 as? Information }.first.map { $0.subjectID == id && $0.reliability == .b } == true)
            // Each record of the pass is audited as a creation by the documenter.
            #expect(try await server.store.auditLog().filter { $0.entry.action == "create" }.count == everything.count)

            // The record page links victims, group, actors and the source with its reliability.
            let page = try await client.page(location)
            #expect(page.contains("<h1>무산 가족 체포 — 가상 기록</h1>"))
            for text in ["김가상", "박임시", "15명: 여성 13, 아동 2", "가상 브로커", "조력자(브로커) (혐의)", "가상 보위부", "국가보위성",
                         "가상 제보자", "출처 신뢰도 (A–F) B · 정보 신빙성 (1–6) 2", "가상 제보", "체포"] {
                #expect(page.contains(text), "the record page shows \(text)")
            }
            let victim = try #require(everything.compactMap { $0 as? Person }.first { $0.names.first?.value == "김가상" })
            #expect(page.contains("href=\"/records/person/\(victim.id.uuidString.lowercased())\""))
            // The victim's and the broker's pages lead back to the incident with their part in it.
            let victimPage = try await client.page("/records/person/\(victim.id.uuidString.lowercased())")
            #expect(victimPage.contains("href=\"\(location)\"") && victimPage.contains("피해자: 체포") && victimPage.contains("구금 중"))
            let broker = try #require(everything.compactMap { $0 as? Person }.first { $0.names.first?.value == "가상 브로커" })
            let brokerPage = try await client.page("/records/person/\(broker.id.uuidString.lowercased())")
            #expect(brokerPage.contains("href=\"\(location)\"") && brokerPage.contains("조력자(브로커): 체포")
                    && brokerPage.components(separatedBy: "href=\"\(location)\"").count == 2, "one entry for the incident, whatever the number of acts")
            let source = try #require(everything.compactMap { $0 as? Source }.first)
            #expect(try await client.page("/records/source/\(source.id.uuidString.lowercased())").contains("출처 신뢰도 (A–F) B"))
            // A reviewer sees the links with names withheld.
            let reviewer = try await server.signIn(role: .reviewer, compartments: ["alpha"])
            let redacted = try await reviewer.page(location)
            #expect(!redacted.contains("김가상") && !redacted.contains("가상 제보자") && redacted.contains("15명") && redacted.contains("(역할상 비공개)"))
        }
    }

    @Test func aRefusedIntakeWritesNothingNamesTheRowAndKeepsWhatWasTyped() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            var fields = Self.complete
            fields["victims[1].age"] = "아주 많음"
            fields["groups[0].size"] = "3"
            fields["sources[0].receivedDate"] = "2024-02-30"
            let refused = try await client.postForm("/records/event/new", fields)
            #expect(refused.status == .unprocessableContent)
            let page = String(buffer: refused.body)
            for field in ["victims[1].age", "groups[0].size", "sources[0].receivedDate"] {
                #expect(page.contains("id=\"\(field)-error\""), "\(field) is named")
            }
            // The focus starts at the first field at fault, and only there.
            let focused = try Regex("id=\"victims\\[1\\]\\.age\"[^>]* autofocus")
            #expect(page.components(separatedBy: " autofocus").count - 1 == 1 && page.contains(focused), "the first problem takes the focus")
            #expect(page.contains("value=\"김가상\"") && page.contains("value=\"아주 많음\"") && page.contains("role=\"alert\""))
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).isEmpty, "nothing was written")

            // Victims without what was done to them are refused by name too.
            fields = Self.complete
            fields["actType"] = ""
            #expect(String(buffer: try await client.postForm("/records/event/new", fields).body).contains("id=\"actType-error\""))
            // An unknown place is refused by the store: still nothing written, the field named.
            fields = Self.complete
            fields["placeCode"] = "XX-NOWHERE"
            let unknownPlace = try await client.postForm("/records/event/new", fields)
            #expect(unknownPlace.status == .unprocessableContent && String(buffer: unknownPlace.body).contains("id=\"placeCode-error\""))
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).isEmpty)
        }
    }

    @Test func anAddButtonShowsOneMoreRowWithEverythingTypedKeptAndSavesNothing() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            var fields = Self.complete
            fields["_add"] = "victims"
            let more = try await client.postForm("/records/event/new", fields)
            #expect(more.status == .ok)
            let page = String(buffer: more.body)
            #expect(page.contains("id=\"victims[2].name\"") && page.contains("value=\"박임시\"") && page.contains("name=\"rows.victims\" value=\"3\""))
            #expect(!page.contains("role=\"alert\""))
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).isEmpty)
            // Empty rows are skipped when saving.
            fields = Self.complete
            fields["rows.victims"] = "3"
            #expect(try await client.postForm("/records/event/new", fields).status == .seeOther)
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).filter { $0 is Person }.count == 3)
        }
    }

    @Test func actorNamesAreAlikeWhenEachPartIsTheSameOrOneSlipApart() {
        #expect(ActorMatcher.personNamesAlike("김철수", "Kim Chol-su") && ActorMatcher.personNamesAlike("김철수", "Chol Su KIM"))
        #expect(ActorMatcher.personNamesAlike("가상 브로커", "가상  브로커") && ActorMatcher.personNamesAlike("김철수", "김철주"))
        #expect(!ActorMatcher.personNamesAlike("김철수", "김영호") && !ActorMatcher.personNamesAlike("가상 브로커", "Kasang Broker"))
        #expect(ActorMatcher.organisationNamesAlike("Gasang Network", "GASANG  network") && !ActorMatcher.organisationNamesAlike("Gasang Network", "Dandong Church"))
    }

    /// A broker already recorded (in Hangul) and named again on the form in another spelling:
    /// the form asks before saving, and the answer gathers the new incident under the broker's
    /// record instead of making a second one; "a new record" makes one; a record of another
    /// compartment is never offered, nor accepted when posted by hand.
    @Test func anActorLikeARecordAlreadyKeptIsAskedForAndGathersUnderIt() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            #expect(try await client.postForm("/records/event/new", Self.complete).status == .seeOther)
            let broker = try #require(try await server.store.exportRecords(plaintext: true, by: .localOperator)
                .compactMap { $0 as? Person }.first { $0.names.first?.value == "가상 브로커" })
            // A namesake in another compartment, which this documenter cannot reach.
            let elsewhere = Person(compartment: "beta", names: [PersonName("가상 브로커", script: .hangul, system: .southKorean)])
            _ = try await server.store.create(elsewhere, by: .localOperator)
            let victims = try await server.store.exportRecords(plaintext: true, by: .localOperator).compactMap { $0 as? Person }
                .filter { $0.compartment == "alpha" && $0.id != broker.id }.map { $0.id.uuidString.lowercased() }

            var second: [String: String] = [
                "title": "두 번째 가상 사건", "startDate": "2025-01-10", "verification": "unverified", "actType": "arrest",
                "rows.victims": "1", "rows.groups": "0", "rows.actors": "1", "rows.sources": "0",
                "victims[0].name": "이가상", "victims[0].status": "detained",
                "actors[0].name": "가상  브로커", "actors[0].kind": "person", "actors[0].role": "facilitator",
            ]
            // Adding a row looks nothing up: nothing is read or searched (the access log does not
            // grow), and an answer rides along unseen.
            let logged = try await server.store.auditLog().count
            let added = String(buffer: try await client.postForm("/records/event/new", second.merging(["_add": "sources", "actors[0].existing": "new"]) { $1 }).body)
            #expect(try await server.store.auditLog().count == logged)
            #expect(!added.contains("id=\"actors[0].existing\"") && added.contains("<input type=\"hidden\" name=\"actors[0].existing\" value=\"new\">"))

            let asked = try await client.postForm("/records/event/new", second)
            let page = String(buffer: asked.body)
            // Asking read the actors together (one list naming them), and no victim.
            let reads = try await server.store.auditLog().dropFirst(logged).map(\.entry)
            #expect(!victims.isEmpty && !reads.contains { $0.action == "read" && $0.kind == "person" }, "no person read one by one")
            #expect(reads.contains { $0.action == "list" && $0.detail.contains(broker.id.uuidString.lowercased()) })
            #expect(!victims.contains { victim in reads.contains { $0.recordID == victim || $0.detail.contains(victim) } }, "no victim is read")
            #expect(asked.status == .unprocessableContent && page.contains("이미 기록된 이름과 비슷한 이름이 있습니다"))
            let choice = "person:\(broker.id.uuidString.lowercased())"
            #expect(page.contains("id=\"actors[0].existing\"") && page.contains("<option value=\"\(choice)\">가상 브로커</option>"))
            #expect(!page.contains(elsewhere.id.uuidString.lowercased()), "a record of another compartment is not offered")
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).filter { $0 is Event }.count == 1, "nothing saved yet")

            // A record of another compartment posted by hand is refused.
            second["actors[0].existing"] = "person:\(elsewhere.id.uuidString.lowercased())"
            let forged = try await client.postForm("/records/event/new", second)
            #expect(forged.status == .unprocessableContent && String(buffer: forged.body).contains("id=\"actors[0].existing-error\""))

            // The broker's record: the incident's involvement points at it, and no person is added but the victim.
            second["actors[0].existing"] = choice
            let saved = try await client.postForm("/records/event/new", second)
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body))")
            let everything = try await server.store.exportRecords(plaintext: true, by: .localOperator)
            #expect(everything.compactMap { $0 as? Person }.filter { $0.names.first?.value.contains("브로커") == true }.count == 2,
                    "the broker and the namesake elsewhere, no third")
            let involvements = everything.compactMap { $0 as? Involvement }.filter { $0.personID == broker.id }
            #expect(involvements.count == 3 + 1, "the first incident's three acts and the second's one name the one broker")
            let brokerPage = try await client.page("/records/person/\(broker.id.uuidString.lowercased())")
            #expect(brokerPage.contains("두 번째 가상 사건") && brokerPage.contains("무산 가족 체포"))

            // "A new record" makes one.
            second["title"] = "세 번째 가상 사건"
            second["actors[0].existing"] = "new"
            #expect(try await client.postForm("/records/event/new", second).status == .seeOther)
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).compactMap { $0 as? Person }
                .filter { $0.compartment == "alpha" && $0.names.first?.value.contains("브로커") == true }.count == 2)
        }
    }
}
