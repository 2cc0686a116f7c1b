import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The records list filters by status, type and compartment as well as kind, place and date,
/// pages through long results without putting the search in a URL, and shows statuses in words.
@Suite
struct RecordsFilterTests {
    @Test(arguments: Language.allCases)
    func theFiltersRenderWithGroupedChoicesInEitherLanguage(language: Language) {
        var page = RecordsPage(query: ["status": "arrested", "type": "arrest", "compartment": "beta"], searched: true)
        page.compartments = CompartmentNames(labels: ["beta": LocalizedLabel(en: "North office", ko: "북부 사무소")]).options(["alpha", "beta"], language)
        page.rows = [.init(kind: .rescueRequest, id: UUID(), title: nil, date: nil, placeCode: nil, status: RescueStatus.arrested.label)]
        page.total = 1
        let html = page.render(language, account: PageUser(username: "민정", csrf: "c"))
        WebPageTests().checkAccessible(html)
        #expect(html.contains("<optgroup label=\"\(language(RecordKind.rescueRequest.label))\">"))
        #expect(html.contains("<option value=\"arrested\" selected>") && html.contains("<option value=\"arrest\" selected>"))
        #expect(html.contains("<option value=\"beta\" selected>\(language == .ko ? "북부 사무소" : "North office")</option>"),
                "a compartment is offered by the name the organisation gave it")
        #expect(html.contains("<option value=\"alpha\">alpha</option>"), "one without a label by its code")
        #expect(html.contains(language == .ko ? ">구출 요청</a><span class=\"meta\">구출 요청 · 체포</span>" : ">Rescue request</a><span class=\"meta\">Rescue request · Arrested</span>"),
                "a rescue request is named by its kind and status, not withheld")
    }

    @Test func statusTypeAndCompartmentFiltersNarrowTheListAndLongListsPage() async throws {
        try await TestServer.with { server in
            var records: [any Record] = []
            for i in 0..<60 {
                records.append(Event(compartment: "alpha", title: "가상 알파 \(i)", verification: i < 3 ? .verified : .unverified))
            }
            let beta = Event(compartment: "beta", title: "가상 베타", verification: .verified)
            let act = Act(compartment: "alpha", eventID: records[0].id, actType: .forcedRepatriation)
            records += [beta, act]
            _ = try await server.store.importRecords(records, by: .localOperator)
            let client = try await server.signIn(role: .analyst, compartments: ["alpha", "beta"])
            func search(_ fields: [String: String]) async throws -> String {
                String(buffer: try await client.postForm("/records", fields).body)
            }
            let verified = try await search(["status": "verified"])
            #expect(verified.contains("결과: 4 건") && verified.contains("가상 베타"))
            let verifiedAlpha = try await search(["status": "verified", "compartment": "alpha"])
            #expect(verifiedAlpha.contains("결과: 3 건") && !verifiedAlpha.contains("가상 베타"))
            let repatriations = try await search(["type": "forced_repatriation"])
            #expect(repatriations.contains("결과: 1 건") && repatriations.contains("/records/act/\(act.id.uuidString.lowercased())"))
            // Someone else's compartment is refused by name, not silently widened.
            let foreign = try await client.postForm("/records", ["compartment": "gamma"])
            #expect(foreign.status == .badRequest)

            // Sixty incidents: fifty, then the next page posted with the same search.
            let first = try await search(["q": "알파"])
            #expect(first.contains("결과: 60 건") && first.matches(of: /<li><a href="\/records\/event\/[0-9a-f]{8}-/).count == 50)
            #expect(first.contains("name=\"offset\" value=\"50\"") && first.contains("name=\"q\" value=\"알파\""))
            let second = try await search(["q": "알파", "offset": "50"])
            #expect(second.matches(of: /<li><a href="\/records\/event\/[0-9a-f]{8}-/).count == 10 && !second.contains("name=\"offset\""))
        }
    }

    @Test func aPlaceIsTypedByItsKoreanRomanisedOrChineseNameAndShownByName() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            var fields = IncidentFormTests.complete
            fields["placeCode"] = "쿤밍"
            let created = try await client.postForm("/records/event/new", fields)
            #expect(created.status == .seeOther, "\(String(buffer: created.body).prefix(300))")
            let id = try #require(created.headers[.location].flatMap { UUID(uuidString: String($0.split(separator: "?")[0].split(separator: "/").last!)) })
            #expect(try await server.store.get(Event.self, id: id, by: .localOperator).record.placeCode == "CN-YN-KUNMING")
            let edit = try await client.page("/records/event/\(id.wire)/edit")
            #expect(edit.contains("value=\"쿤밍(곤명)\"") && !edit.contains("value=\"CN-YN-KUNMING\""), "the form shows the name, not the code")
            for typed in ["쿤밍", "Kunming", "昆明", "쿤밍(곤명)", "CN-YN-KUNMING", "곤명", " kunming "] {
                let found = String(buffer: try await client.postForm("/records", ["place": typed]).body)
                #expect(found.contains("결과: 1 건") && found.contains("/records/event/\(id.wire)"), "\(typed)")
            }
            let unknown = try await client.postForm("/records", ["place": "아틀란티스"])
            #expect(unknown.status == .badRequest && String(buffer: unknown.body).contains("지명 목록에 없습니다"))
            let form = try await client.page("/records")
            #expect(form.contains("<label for=\"place\">장소 — ") && !form.contains("장소 코드"))
        }
    }

    @Test func theListShowsTheRecordsAnOfficerWorksWithAndEachFilterTermOnce() async throws {
        try await TestServer.with { server in
            let event = Event(compartment: "alpha", title: "가상 목록 사건")
            let act = Act(compartment: "alpha", eventID: event.id, actType: .arrest)
            let person = Person(compartment: "alpha", names: [PersonName("가상 목록 인물", script: .hangul, system: .unknown)])
            _ = try await server.store.importRecords([event, act, person], by: .localOperator)
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let listed = String(buffer: try await client.postForm("/records", [:]).body)
            #expect(listed.contains("/records/event/\(event.id.wire)") && listed.contains("/records/person/\(person.id.wire)"))
            #expect(!listed.contains("/records/act/"), "an act is a part of its incident, not a row of its own")
            let acts = String(buffer: try await client.postForm("/records", ["kind": "act"]).body)
            #expect(acts.contains("/records/act/\(act.id.wire)"), "a kind filter still finds the parts")
            for select in ["status", "type"] {
                let options = try #require(listed.firstMatch(of: try Regex("<select id=\"\(select)\"[^>]*>(.*?)</select>"))?.output[1].substring)
                let values = options.matches(of: /value="([^"]*)"/).map { String($0.output.1) }
                #expect(values.count == Set(values).count, "\(select): \(values.filter { v in values.filter { $0 == v }.count > 1 })")
            }
        }
    }

    @Test func aNameIsFoundInEitherKoreasSpelling() async throws {
        try await TestServer.with { server in
            let north = Person(compartment: "alpha", names: [PersonName("가상 리순희", script: .hangul, system: .northKorean)])
            let south = Person(compartment: "alpha", names: [PersonName("가상 이정옥", script: .hangul, system: .southKorean)])
            _ = try await server.store.importRecords([north, south], by: .localOperator)
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            #expect(String(buffer: try await client.postForm("/records", ["q": "이순희"]).body).contains("/records/person/\(north.id.wire)"))
            #expect(String(buffer: try await client.postForm("/records", ["q": "리정옥"]).body).contains("/records/person/\(south.id.wire)"))
        }
    }
}
