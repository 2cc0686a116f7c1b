import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The rescue-request form with its status timeline, and the intervention form with its
/// deadline: rendered in both languages, and used through the router over a real store.
@Suite
struct CaseFormTests {
    @Test(arguments: Language.allCases)
    func theRescueRequestFormsRenderInEitherLanguage(language: Language) throws {
        let new = RescueRequestForm(values: ["status": "received", "fee.currency": "KRW", "subjects[0].name": "가상<이름>"],
                                    compartments: CompartmentNames(labels: ["beta": LocalizedLabel(en: "North office", ko: "북부 사무소")]).options(["alpha", "beta"], language),
                                    problems: [FieldProblem(field: "fee.amount", message: "must be a number")], message: WebText.notSaved)
            .render(language, account: PageUser(username: "민정", csrf: "c"))
        WebPageTests().checkAccessible(new)
        #expect(new.contains("<option value=\"beta\">\(language == .ko ? "북부 사무소" : "North office")</option>"), "compartments are offered by name")
        #expect(new.contains("id=\"requesterName\"") && new.contains("id=\"subjects[1].name\"") && new.contains("id=\"brokerName\""))
        #expect(new.contains("value=\"가상&lt;이름&gt;\"") && new.contains("id=\"fee.amount-error\""))
        #expect(new.contains("<option value=\"KRW\" selected>") && new.contains("<option value=\"received\" selected>"))
        #expect(new.contains("<select id=\"compartment\""), "an account with two compartments chooses one")
        #expect(new.contains(language == .ko ? "먼저 연락한 쪽" : "Who made contact first"))
        let timeline = [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2025-03-04")),
                        RescueStatusChange(status: .underway, date: try FuzzyDate(parsing: "2025-03-10"), note: "가상 메모")]
        let edit = RescueRequestForm(values: ["contactInitiatedBy": "family"], editing: (UUID(), 2, timeline))
            .render(language, account: PageUser(username: "민정", csrf: "c"))
        WebPageTests().checkAccessible(edit)
        #expect(!edit.contains("id=\"requesterName\"") && edit.contains("name=\"version\" value=\"2\""))
        #expect(edit.contains(language == .ko ? "2025년 3월 10일 · 진행 중 · 가상 메모" : "10 March 2025 · Underway · 가상 메모"))
        #expect(edit.contains(language == .ko ? "— 새 상태 없음 —" : "— no new status —"))
    }

    @Test(arguments: Language.allCases)
    func theInterventionFormRendersInEitherLanguage(language: Language) {
        let id = UUID()
        let html = InterventionForm(values: ["about": id.uuidString.lowercased(), "aboutKind": "event", "partyName": "가상 외교부",
                                             "deadline": "2025-02-31"],
                                    problems: [FieldProblem(field: "deadline", message: "the day does not exist")], message: WebText.notSaved)
            .render(language, account: PageUser(username: "민정", csrf: "c"))
        WebPageTests().checkAccessible(html)
        #expect(html.contains("href=\"/records/event/\(id.uuidString.lowercased())\""))
        #expect(html.contains("id=\"deadline-error\"") && html.contains("value=\"가상 외교부\""))
        #expect(html.contains(language == .ko ? "답변 기한" : "Answer expected by"))
        #expect(html.contains(language == .ko ? "무응답" : "No response"))
    }

    @Test func aRescueRequestIsRecordedWithItsPeopleAndItsTimelineGrows() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            #expect(try await client.execute(uri: "/records/rescue_request/new", method: .get).status == .ok)
            let fields = ["requesterName": "가상 요청자", "subjects[0].name": "가상 어머니", "subjects[0].sex": "female",
                          "subjects[1].name": "가상 딸", "rows.subjects": "2", "brokerName": "가상 브로커", "organisationName": "가상 단체",
                          "contactInitiatedBy": "broker", "fee.amount": "2,000", "fee.currency": "USD", "groupSize": "2",
                          "placeCode": "KP-10-HYESAN", "status": "received", "statusDate": "2025-03-04", "statusNote": "가상 접수 메모",
                          "requesterRelation": "child"]
            // A refused request writes nothing and names its fields.
            var bad = fields
            bad["fee.amount"] = "많이"
            bad["statusDate"] = ""
            let refused = try await client.postForm("/records/rescue_request/new", bad)
            #expect(refused.status == .unprocessableContent)
            let refusedPage = String(buffer: refused.body)
            #expect(refusedPage.contains("id=\"fee.amount-error\"") && refusedPage.contains("id=\"statusDate-error\"")
                    && refusedPage.contains("value=\"가상 어머니\""))
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).isEmpty)

            let created = try await client.postForm("/records/rescue_request/new", fields)
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            #expect(location.hasPrefix("/records/rescue_request/"))
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last!)))
            let stored = try await server.store.get(RescueRequest.self, id: id, by: .localOperator).record
            #expect(stored.compartment == "alpha" && stored.subjectIDs.count == 2 && stored.fee == Money(amount: 2_000, currency: "USD")
                    && stored.contactInitiatedBy == .broker && stored.timeline.first?.note == "가상 접수 메모")
            #expect(stored.requesterRelation == .child, "the requester's relationship is a coded field, not words in a name")
            #expect(created.headers[.location]?.hasSuffix("?saved=1") == true)
            #expect(try await client.page(location + "?saved=1").contains("<p class=\"notice\" role=\"status\">저장했습니다. 이 기록의 1번째 버전입니다.</p>"),
                    "a save is confirmed on the page it leads to")
            var page = try await client.page(location)
            #expect(!page.contains("저장했습니다."), "and only then")
            #expect(page.contains("<dt>요청자와 대상자의 관계 (요청자가 대상자의)</dt><dd>자녀</dd>"))
            for text in ["가상 요청자", "가상 어머니", "가상 딸", "가상 브로커", "가상 단체", "2000 USD", "브로커", "2025년 3월 4일 · 접수 · 가상 접수 메모"] {
                #expect(page.contains(text), "the request's page shows \(text)")
            }

            // The next statuses are added through the edit form.
            let underway = try await client.postForm(location + "/edit", ["version": "1", "contactInitiatedBy": "broker", "fee.amount": "2000",
                                                                         "fee.currency": "USD", "status": "underway", "statusDate": "2025-03-10"])
            #expect(underway.status == .seeOther)
            let arrived = try await client.postForm(location + "/edit", ["version": "2", "contactInitiatedBy": "broker", "status": "arrived",
                                                                        "statusDate": "2025-04-02"])
            #expect(arrived.status == .seeOther)
            page = try await client.page(location)
            #expect(page.contains("2025년 3월 10일 · 진행 중") && page.contains("2025년 4월 2일 · 도착") && page.contains("<h1>구출 요청 · 도착</h1>"))
            // An ended case takes no further status; the field is named and nothing is written.
            let after = try await client.postForm(location + "/edit", ["version": "3", "status": "underway", "statusDate": "2025-05-01"])
            #expect(after.status == .unprocessableContent && String(buffer: after.body).contains("id=\"status-error\""))
            // A stale form overwrites nothing.
            let stale = try await client.postForm(location + "/edit", ["version": "1", "notes": "덮어쓰기"])
            #expect(stale.status == .conflict)
            #expect(try await server.store.get(RescueRequest.self, id: id, by: .localOperator).version == 3)
            // The dashboard counts it by its status.
            #expect(try await client.page("/").contains("<th scope=\"row\">도착</th><td>1</td>"))
            // The broker's page lists the request and the part played in it (the last edit, posted
            // without a fee, cleared it, as a browser's form would have sent it empty).
            let broker = try #require(stored.brokerID)
            let brokerPage = try await client.page("/records/person/\(broker.uuidString.lowercased())")
            #expect(brokerPage.contains("구출 요청 · 도착") && brokerPage.contains("<span class=\"meta\">브로커</span>") && brokerPage.contains("href=\"\(location)\""))
        }
    }

    /// A second request naming the same broker and organisation: the form asks for each before
    /// saving, and the answers put the request on the records already kept.
    @Test func aBrokerAndOrganisationNamedAgainAreAskedForAndTheRequestGathersUnderThem() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            var fields = ["requesterName": "가상 요청자", "subjects[0].name": "가상 어머니", "rows.subjects": "1",
                          "brokerName": "가상 브로커", "organisationName": "Gasang Network", "status": "received", "statusDate": "2025-03-04"]
            let first = try await client.postForm("/records/rescue_request/new", fields)
            #expect(first.status == .seeOther)
            let firstLocation = try #require(first.headers[.location]?.split(separator: "?").first.map(String.init))
            let firstID = try #require(UUID(uuidString: String(firstLocation.split(separator: "/").last!)))
            let kept = try await server.store.get(RescueRequest.self, id: firstID, by: .localOperator).record
            let broker = try #require(kept.brokerID), organisation = try #require(kept.facilitatingOrganisationID)

            fields["subjects[0].name"] = "가상 아버지"
            fields["organisationName"] = "GASANG  network"
            let asked = try await client.postForm("/records/rescue_request/new", fields)
            let page = String(buffer: asked.body)
            #expect(asked.status == .unprocessableContent && page.contains("id=\"brokerExisting-error\"") && page.contains("id=\"organisationExisting-error\""))
            #expect(page.contains("<option value=\"person:\(broker.uuidString.lowercased())\">가상 브로커</option>")
                    && page.contains("<option value=\"organisation:\(organisation.uuidString.lowercased())\">Gasang Network ("))
            #expect(try await server.store.exportRecords(plaintext: true, by: .localOperator).filter { $0 is RescueRequest }.count == 1)

            fields["brokerExisting"] = "person:\(broker.uuidString.lowercased())"
            fields["organisationExisting"] = "organisation:\(organisation.uuidString.lowercased())"
            let saved = try await client.postForm("/records/rescue_request/new", fields)
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body))")
            let secondLocation = try #require(saved.headers[.location]?.split(separator: "?").first.map(String.init))
            let secondID = try #require(UUID(uuidString: String(secondLocation.split(separator: "/").last!)))
            let second = try await server.store.get(RescueRequest.self, id: secondID, by: .localOperator).record
            #expect(second.brokerID == broker && second.facilitatingOrganisationID == organisation)
            let everything = try await server.store.exportRecords(plaintext: true, by: .localOperator)
            #expect(everything.filter { $0 is Organisation }.count == 1 && everything.compactMap { $0 as? Person }.filter { $0.names.first?.value == "가상 브로커" }.count == 1)

            // A request naming no broker and no organisation (the form still posts both fields,
            // empty) looks no actor up: nothing is read or listed to save it.
            let logged = try await server.store.auditLog().count
            let bare = try await client.postForm("/records/rescue_request/new", [
                "requesterName": "가상 요청자 2", "subjects[0].name": "가상 아들", "rows.subjects": "1", "brokerName": "", "organisationName": " ",
                "status": "received", "statusDate": "2025-03-05"])
            #expect(bare.status == .seeOther)
            let actions = try await server.store.auditLog().dropFirst(logged).map(\.entry.action)
            #expect(!actions.isEmpty && actions.allSatisfy { $0 == "create" }, "\(actions)")
        }
    }

    @Test func anInterventionIsStartedFromARescueRequestAndListedOnIt() async throws {
        try await TestServer.with { server in
            let request = try await server.store.create(RescueRequest(compartment: "alpha", placeCode: "KP-10-HYESAN",
                timeline: [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2025-01-05"))]), by: .localOperator).record
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let path = "/records/rescue_request/\(request.id.wire)"
            let link = "/records/intervention/new?about=\(request.id.wire)&amp;aboutKind=rescue_request"
            #expect(try await client.page(path).contains("href=\"\(link)\""), "the request's page offers an intervention about it")
            let form = try await client.page(link.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(form.contains(">구출 요청 · 2025년 1월 5일 · 혜산시</a>"), "the form names the request it is about")
            let created = try await client.postForm("/records/intervention/new", [
                "about": request.id.wire, "aboutKind": "rescue_request", "partyName": "가상 영사관", "channel": "letter", "dateSent": "2025-01-10",
                "request": "가족의 안전 확인을 요청함 (가상)", "status": "sent", "response": "awaiting", "priority": "high"])
            #expect(created.status == .seeOther, "\(String(buffer: created.body).prefix(300))")
            let interventionPath = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            #expect(try await client.page(interventionPath).contains("href=\"\(path)\""), "the intervention links the request")
            #expect(try await client.page(path).contains("href=\"\(interventionPath)\""), "and the request lists the intervention")
        }
    }

    @Test func anInterventionAboutAnIncidentIsOverdueOnItsPageAndTheDashboard() async throws {
        try await TestServer.with { server in
            let event = try await server.store.create(Event(compartment: "alpha", title: "가상 강제송환"), by: .localOperator).record
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let eventPage = try await client.page("/records/event/\(event.id.uuidString.lowercased())")
            let link = "/records/intervention/new?about=\(event.id.uuidString.lowercased())&amp;aboutKind=event"
            #expect(eventPage.contains("href=\"\(link)\""), "the incident's page offers an intervention about it")
            let form = try await client.page(link.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(form.contains("name=\"about\" value=\"\(event.id.uuidString.lowercased())\""))
            // Someone of another compartment cannot start one about it.
            let outsider = try await server.signIn(role: .documenter, compartments: ["beta"], username: "beta.doc")
            #expect(try await outsider.execute(uri: link.replacingOccurrences(of: "&amp;", with: "&"), method: .get).status == .notFound)

            let fields = ["about": event.id.uuidString.lowercased(), "aboutKind": "event", "partyName": "가상 외교부", "channel": "diplomatic_note",
                          "dateSent": "2025-01-10", "request": "강제송환 중지를 요청함 (가상)", "deadline": "2025-02-10", "status": "sent",
                          "response": "awaiting", "priority": "urgent"]
            var bad = fields
            bad["request"] = ""
            bad["deadline"] = "2024-12-01"
            let refused = String(buffer: try await client.postForm("/records/intervention/new", bad).body)
            #expect(refused.contains("id=\"request-error\"") && refused.contains("id=\"deadline-error\""))
            let created = try await client.postForm("/records/intervention/new", fields)
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            let page = try await client.page(location)
            #expect(page.contains("<h1>가상 외교부</h1>") && page.contains("기한 경과: 답변 없이 기한이 지났습니다") && page.contains("가상 강제송환"))
            let home = try await client.page("/")
            #expect(home.contains("기한이 지난 개입 요청") && home.contains("가상 외교부") && home.contains("2025년 2월 10일 · 긴급"))
            // Overdue is one fact: the records filter, the parties report and the dossier say so
            // from the moment it is saved, not from the next hourly sweep.
            let interventionID = String(location.split(separator: "/").last ?? "")
            #expect(try await client.page("/records?kind=intervention&status=overdue").contains(interventionID), "the status filter finds it")
            let parties = try await client.page("/reports/parties")
            #expect(parties.contains("가상 외교부") && parties.contains("<td>1 (무응답 1)</td>"), "the parties report counts it unanswered")
            let dossier = try await client.page("/dossiers/event/\(event.id.uuidString.lowercased())")
            #expect(dossier.contains("무응답") && !dossier.contains("답변 대기"), "the dossier says no response")
            #expect(!(try await outsider.page("/")).contains("가상 외교부"), "another compartment's dashboard does not show it")
            // Recording the answer ends the overdue state.
            let answered = try await client.postForm(location + "/edit", fields.merging(["version": "1", "response": "acknowledged",
                                                                                         "responseDate": "2025-02-20", "status": "answered"]) { $1 })
            #expect(answered.status == .seeOther)
            #expect(!(try await client.page(location)).contains("기한 경과:"))
            #expect(!(try await client.page("/")).contains("가상 외교부"))
        }
    }

    /// The review saved an intervention's edit form unchanged and lost its party's record
    /// (`partyID`), which the form does not show.
    @Test func savingAnInterventionsFormKeepsWhatTheFormDoesNotShow() async throws {
        try await TestServer.with { server in
            let party = try await server.store.create(Organisation(compartment: "alpha", name: "가상 외교부", organisationKind: .governmentBody), by: .localOperator).record
            let made = try await server.store.create(Intervention(compartment: "alpha", partyID: party.id, partyName: "가상 외교부", channel: .letter,
                                                                  dateSent: try FuzzyDate(parsing: "2025-01-10"), request: "가상 요청", status: .sent),
                                                     by: .localOperator).record
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let path = "/records/intervention/\(made.id.uuidString.lowercased())/edit"
            #expect(try await client.execute(uri: path, method: .get).status == .ok)
            // The fields as the edit form is filled with them, sent back unchanged.
            var fields = InterventionForm.values(of: made)
            fields["version"] = "1"
            let saved = try await client.postForm(path, fields)
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body))")
            let after = try await server.store.get(Intervention.self, id: made.id, by: .localOperator)
            #expect(after.version == 2)
            #expect(after.record.partyID == party.id, "the party's record survives a save")
        }
    }
}
