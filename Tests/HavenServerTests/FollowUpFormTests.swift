import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// The follow-up work on a recorded incident, through the browser's forms: correcting a
/// person's name, marking a group repatriated, recording a victim's next steps, adding a second
/// source, reading who changed what and an old version, and recording the incident a rescue
/// request became.
@Suite
struct FollowUpFormTests {
    /// Records the intake form's incident and returns its id.
    static func recordIncident(_ client: SignedInClient, _ fields: [String: String] = IncidentFormTests.complete) async throws -> UUID {
        let created = try await client.postForm("/records/event/new", fields)
        #expect(created.status == .seeOther, "\(String(buffer: created.body).prefix(400))")
        let location = try #require(created.headers[.location]?.split(separator: "?").first)
        return try #require(UUID(uuidString: String(location.split(separator: "/").last!)))
    }

    static func records<R: Record>(_ type: R.Type, _ server: TestServer) async throws -> [R] {
        try await server.store.exportRecords(plaintext: true, by: .localOperator).compactMap { $0 as? R }
    }

    @Test func aMisspeltNameIsCorrectedAndTheHistorySaysWhoChangedWhichFields() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"], username: "minjeong")
            _ = try await Self.recordIncident(client)
            let person = try #require(try await Self.records(Person.self, server).first { $0.names.first?.value == "박임시" })
            let form = try await client.page("/records/person/\(person.id.wire)/edit")
            #expect(form.contains("value=\"박임시\"") && form.contains("id=\"names[1].value\""), "the stored name and one empty row")
            #expect(!form.contains("id=\"names[2].value\""))

            let saved = try await client.postForm("/records/person/\(person.id.wire)/edit", [
                "version": "1", "rows.names": "2", "names[0].value": "박임수", "names[0].system": "south_korean",
                "names[1].value": "Pak Im-su", "names[1].system": "mccune_reischauer", "sex": "male", "age": "30-39", "notes": "철자 바로잡음",
            ])
            #expect(saved.status == .seeOther)
            let corrected = try #require(try await Self.records(Person.self, server).first { $0.id == person.id })
            #expect(corrected.names == [PersonName("박임수", script: .hangul, system: .southKorean), PersonName("Pak Im-su", script: .latin, system: .mccuneReischauer)])
            #expect(corrected.ageRange == AgeRange(minimum: 30, maximum: 39) && corrected.notes == "철자 바로잡음")

            let page = try await client.page("/records/person/\(person.id.wire)")
            #expect(page.contains("<h1>박임수</h1>"))
            #expect(page.contains("버전 2") && page.contains("minjeong") && page.contains("바꾼 항목: 나이, 이름, 메모"),
                    "the history names the author and the fields changed")
            #expect(page.contains("처음 기록"))
            #expect(page.contains("href=\"/records/person/\(person.id.wire)/versions/1\""))
            #expect(!page.contains("/versions/2\""), "the newest version is the page itself")

            let old = try await client.page("/records/person/\(person.id.wire)/versions/1")
            #expect(old.contains("<h1>박임시</h1>") && !old.contains("박임수</h1>"), "an old version shows what it said")
            #expect(old.contains("2개 버전 가운데 1번째 버전") && old.contains("href=\"/records/person/\(person.id.wire)\""))
            #expect(!old.contains("/edit\""), "nothing is edited from an old version")
            let missing = try await client.execute(uri: "/records/person/\(person.id.wire)/versions/9", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test func aStaleEditOverwritesNothingAndABadFieldIsListedAtTheTopWithALink() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            _ = try await Self.recordIncident(client)
            let person = try #require(try await Self.records(Person.self, server).first { $0.names.first?.value == "김가상" })
            let base = ["rows.names": "1", "names[0].value": "김가상", "sex": "female"]
            let bad = try await client.postForm("/records/person/\(person.id.wire)/edit", base.merging(["version": "1", "birthDate": "1980-13-45", "age": "40"]) { $1 })
            #expect(bad.status == .unprocessableContent)
            let html = String(buffer: bad.body)
            #expect(html.contains("<div class=\"error\" role=\"alert\" id=\"problems\">"))
            #expect(html.contains("<a href=\"#birthDate\">생년월일: "), "each problem links to its field, named by its label")
            #expect(html.contains("value=\"1980-13-45\""), "what was typed comes back")
            #expect(try await Self.records(Person.self, server).first { $0.id == person.id }?.birthDate == nil, "nothing was written")

            #expect(try await client.postForm("/records/person/\(person.id.wire)/edit", base.merging(["version": "1", "notes": "첫 수정"]) { $1 }).status == .seeOther)
            let stale = try await client.postForm("/records/person/\(person.id.wire)/edit", base.merging(["version": "1", "notes": "늦은 수정"]) { $1 })
            #expect(stale.status == .conflict)
            #expect(try await Self.records(Person.self, server).first { $0.id == person.id }?.notes == "첫 수정")
        }
    }

    @Test func aVictimsTimelineIsRecordedAsActsOfTheIncidentAndTheGroupIsMarkedRepatriated() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let eventID = try await Self.recordIncident(client)
            let person = try #require(try await Self.records(Person.self, server).first { $0.names.first?.value == "김가상" })
            let newAct = try await client.page("/records/act/new?parent=\(eventID.wire)&parentKind=event")
            #expect(newAct.contains("<option value=\"person:\(person.id.wire)\">김가상"), "the incident's victims are offered")
            #expect(newAct.contains("15명: 여성 13, 아동 2"), "and its group")
            #expect(newAct.contains("사건: 무산 가족 체포"), "the page says which incident")

            let steps = [("detention", "2024-09-02", "지린시(길림시)", "detained"), ("forced_repatriation", "2024-10", "", "repatriated")]
            for (type, date, place, status) in steps {
                let saved = try await client.postForm("/records/act/new", [
                    "parent": eventID.wire, "parentKind": "event", "victim": "person:\(person.id.wire)", "actType": type,
                    "date": date, "placeCode": place, "victimStatus": status,
                ])
                #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(300))")
            }
            let acts = try await Self.records(Act.self, server).filter { $0.victimID == person.id }
            #expect(acts.map(\.actType).sorted { $0.code < $1.code } == [.arrest, .detention, .forcedRepatriation])
            #expect(acts.first { $0.actType == .detention }?.placeCode == Gazetteer.shared.code(named: "지린시(길림시)"))
            #expect(acts.allSatisfy { $0.eventID == eventID && $0.compartment == "alpha" })

            // A victim from elsewhere is not offered, and so not taken.
            let stranger = try await server.store.create(Person(compartment: "alpha", names: [PersonName("남가상", script: .hangul, system: .unknown)]), by: .localOperator)
            let refused = try await client.postForm("/records/act/new", [
                "parent": eventID.wire, "parentKind": "event", "victim": "person:\(stranger.record.id.wire)", "actType": "detention",
            ])
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("href=\"#victim\""))
            #expect(String(buffer: refused.body).contains("피해자: 이 사건의 피해자를 고르십시오"), "the problem in Korean, named by its field")
            #expect(try await Self.records(Act.self, server).count == 5, "3 from the intake and 2 steps")

            // The incident page links each of the victim's acts, so each can be opened and edited.
            let page = try await client.page("/records/event/\(eventID.wire)")
            for act in acts { #expect(page.contains("href=\"/records/act/\(act.id.wire)\"")) }
            #expect(page.contains("href=\"/records/act/new?parent=\(eventID.wire)&amp;parentKind=event\""))

            // The 15 are marked repatriated on their act's form.
            let groupAct = try #require(try await Self.records(Act.self, server).first { $0.victimGroupID != nil })
            let edit = try await client.page("/records/act/\(groupAct.id.wire)/edit")
            #expect(edit.contains("<option value=\"detained\" selected>"))
            #expect(try await client.postForm("/records/act/\(groupAct.id.wire)/edit", [
                "version": "1", "actType": "arrest", "victimStatus": "repatriated", "date": "2024-08-21",
            ]).status == .seeOther)
            let marked = try #require(try await Self.records(Act.self, server).first { $0.id == groupAct.id })
            #expect(marked.victimStatus == .repatriated && marked.victimGroupID == groupAct.victimGroupID && marked.eventID == eventID)

            let group = try #require(try await Self.records(VictimGroup.self, server).first)
            #expect(try await client.postForm("/records/victim_group/\(group.id.wire)/edit", [
                "version": "1", "size": "16", "women": "13", "men": "1", "children": "2",
            ]).status == .seeOther)
            #expect(try await Self.records(VictimGroup.self, server).first?.size == 16)
        }
    }

    @Test func aSecondSourceIsAddedToAnIncidentInOneTransaction() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let eventID = try await Self.recordIncident(client)
            let empty = try await client.postForm("/records/information/new", [
                "parent": eventID.wire, "parentKind": "event", "sourceKind": "media", "content": "보도 내용",
            ])
            #expect(empty.status == .unprocessableContent)
            #expect(String(buffer: empty.body).contains("<a href=\"#sourceName\">"), "the new source's name is asked for by its field")
            #expect(try await Self.records(Source.self, server).count == 1, "a refused form writes nothing")

            let saved = try await client.postForm("/records/information/new", [
                "parent": eventID.wire, "parentKind": "event", "sourceName": "가상 통신", "sourceKind": "media",
                "connection": "hearsay", "reliability": "C", "credibility": "3", "receivedDate": "2024-08-25", "content": "보도 내용",
            ])
            #expect(saved.status == .seeOther)
            let source = try #require(try await Self.records(Source.self, server).first { $0.name == "가상 통신" })
            let information = try #require(try await Self.records(Information.self, server).first { $0.sourceID == source.id })
            #expect(information.subjectID == eventID && information.reliability == .c && information.compartment == "alpha")
            let page = try await client.page("/records/event/\(eventID.wire)")
            #expect(page.contains("가상 제보자") && page.contains("가상 통신"), "both sources are listed")
            #expect(page.contains("href=\"/records/information/\(information.id.wire)\""))

            // What the source said is corrected on its own form; the source keeps its name.
            #expect(try await client.postForm("/records/information/\(information.id.wire)/edit", [
                "version": "1", "connection": "eyewitness", "reliability": "B", "credibility": "2", "content": "고친 내용",
            ]).status == .seeOther)
            let changed = try #require(try await Self.records(Information.self, server).first { $0.id == information.id })
            #expect(changed.reliability == .b && changed.content == "고친 내용" && changed.sourceID == source.id)
            #expect(try await client.postForm("/records/source/\(source.id.wire)/edit", [
                "version": "1", "name": "가상 통신사", "sourceKind": "media",
            ]).status == .seeOther)
            #expect(try await Self.records(Source.self, server).contains { $0.name == "가상 통신사" })
        }
    }

    @Test func anActRecordedWithoutAVictimCanStillBeEdited() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let eventID = try await Self.recordIncident(client)
            // An act written through the API without a victim: its form asks no victim, so none is demanded.
            let bare = try await server.store.create(Act(compartment: "alpha", eventID: eventID, actType: .arrest), by: .localOperator)
            let saved = try await client.postForm("/records/act/\(bare.record.id.wire)/edit", ["version": "1", "actType": "detention", "victimStatus": "detained"])
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(300))")
            #expect(try await Self.records(Act.self, server).first { $0.id == bare.record.id }?.actType == .detention)
        }
    }

    @Test func aNewRecordUnderAnotherOutOfReachIsRefused() async throws {
        try await TestServer.with { server in
            let other = try await server.store.create(Event(compartment: "beta", title: "다른 구역 사건"), by: .localOperator)
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let page = try await client.execute(uri: "/records/act/new?parent=\(other.record.id.wire)&parentKind=event", method: .get)
            #expect(page.status == .notFound)
            let posted = try await client.postForm("/records/information/new", ["parent": other.record.id.wire, "parentKind": "event", "sourceName": "x"])
            #expect(posted.status == .notFound)
            #expect(try await Self.records(Source.self, server).isEmpty)
            let noParent = try await client.execute(uri: "/records/act/new", method: .get)
            #expect(noParent.status == .badRequest)
            #expect(try await client.execute(uri: "/records/involvement/new", method: .get).status == .notFound)
        }
    }

    @Test func theIncidentARescueRequestBecameIsLinkedBothWays() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let request = try await server.store.create(RescueRequest(compartment: "alpha", contactInitiatedBy: .broker,
                                                                      timeline: [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2024-08-01"))]),
                                                        by: .localOperator)
            let id = request.record.id
            let before = try await client.page("/records/rescue_request/\(id.wire)")
            #expect(before.contains("href=\"/records/event/new?fromRequest=\(id.wire)\""))
            let form = try await client.page("/records/event/new?fromRequest=\(id.wire)")
            #expect(form.contains("name=\"fromRequest\" value=\"\(id.wire)\"") && form.contains("이 사건은 다음 구출 요청과 연결됩니다"))

            let eventID = try await Self.recordIncident(client, IncidentFormTests.complete.merging(["fromRequest": id.wire]) { $1 })
            let linked = try #require(try await Self.records(RescueRequest.self, server).first)
            #expect(linked.eventID == eventID)
            let after = try await client.page("/records/rescue_request/\(id.wire)")
            #expect(after.contains("이 요청에서 이어진 사건") && after.contains("href=\"/records/event/\(eventID.wire)\""))
            #expect(!after.contains("fromRequest="), "a request linked already offers no second incident")
            let incident = try await client.page("/records/event/\(eventID.wire)")
            #expect(incident.contains("href=\"/records/rescue_request/\(id.wire)\"") && incident.contains("이 사건으로 이어짐"))
        }
    }
}

/// A history says which fields a version changed by their names in the reader's language.
@Suite
struct FieldNamesTests {
    @Test(arguments: RecordTypes.all.map { $0.kind })
    func everyFieldOfEveryKindHasANameInBothLanguages(kind: RecordKind) throws {
        guard case .object(let properties, _) = try SchemaDecoder.schema(of: RecordTypes.type(for: kind)) else {
            Issue.record("\(kind) is not an object")
            return
        }
        for field in properties.keys where field != "id" {
            let label = try #require(FieldNames.labels[field], "\(kind).\(field) has no name")
            #expect(!label.ko.isEmpty && !label.en.isEmpty && label.ko != label.en)
        }
    }

    @Test func aVersionListsTheFieldsItChangedAndItsAuthor() {
        let first = Person(compartment: "alpha", names: [PersonName("박임시", script: .hangul, system: .unknown)])
        var second = first
        second.names[0].value = "박임수"
        second.notes = "바로잡음"
        let now = Date()
        var third = second
        third.sex = .female
        let history = [Stored(record: first, version: 1, updatedAt: now, author: "account:a"),
                       Stored(record: second, version: 2, updatedAt: now, author: ActingIdentity.system.id),
                       Stored(record: third, version: 3, updatedAt: now, author: "account:removed")]
        let versions = RecordVersion.list(history, actors: ActorNames(accounts: ["account:a": "minjeong"]), language: .ko)
        #expect(versions.map(\.version) == [3, 2, 1], "newest first")
        #expect(versions[1].changed == ["names", "notes"] && versions[0].changed == ["sex"] && versions[2].changed.isEmpty)
        #expect(versions[2].author == "minjeong" && versions[1].author == "Haven 자동 처리", "Haven's own jobs in words")
        #expect(versions[0].author == nil, "an account no longer known is not named")
        #expect(ActorNames().name(ActingIdentity.localOperator.id, .en) == "local operator (command line)")
    }
}
