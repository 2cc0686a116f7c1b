import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Testing

/// The pages that show records, rendered without a database in both languages: an incident
/// with its linked records, a rescue request with its timeline, an overdue intervention, a
/// reviewer's view, the home page with kept drafts, and a refusal page.
struct RecordPageViewTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func stored(_ record: any Record, version: Int = 2) -> AnyStored {
        AnyStored(record: record, version: version, updatedAt: now)
    }

    @Test(arguments: Language.allCases)
    func anIncidentPageShowsItsFieldsLinksAndHistory(language: Language) throws {
        let event = Event(compartment: "alpha", title: "가상 <체포>", startDate: try FuzzyDate(parsing: "2024-08-21"), placeCode: "KP-09-MUSAN")
        var page = RecordPage.make(stored(event), versions: [RecordVersion(version: 2, at: now, deleted: false), RecordVersion(version: 1, at: now, deleted: false)], seesProtected: true, language: language)
        page.canEdit = true
        page.canIntervene = true
        let victim = RecordPage.Links.Item(kind: .person, id: UUID(), name: "가상 피해자", details: [language(ActType.arrest.label)])
        let source = RecordPage.Links.Item(kind: .source, id: UUID(), name: nil, details: ["B · 2"])
        page.links = RecordPage.Links(sections: [.init(id: "victims", heading: WebText.namedVictims, items: [victim]),
                                                 .init(id: "sources", heading: WebText.sources, items: [source])])
        let html = page.render(language, account: PageUser(username: "민정", csrf: "c"))
        WebPageTests().checkAccessible(html)
        #expect(html.contains("<h1>가상 &lt;체포&gt;</h1>") && html.contains("<title>\(language(RecordKind.event.label)) · Haven</title>"))
        #expect(html.contains(language == .ko ? "2024년 8월 21일" : "21 August 2024") && html.contains(language == .ko ? "무산" : "Musan"))
        #expect(html.contains("<h2 id=\"linked-victims\">\(language(WebText.namedVictims))</h2>"))
        #expect(html.contains("href=\"/records/person/\(victim.id.uuidString.lowercased())\">가상 피해자</a>"))
        #expect(html.contains(">\(language(WebText.withheld))</a>"), "a withheld name says so")
        #expect(html.contains("/records/intervention/new?about=\(event.id.uuidString.lowercased())&amp;aboutKind=event"))
        #expect(html.contains("href=\"/records/event/\(event.id.uuidString.lowercased())/edit\""))
        #expect(html.components(separatedBy: "<li>\(language(WebText.version)) ").count - 1 == 2)
    }

    @Test func anActAndAVictimGroupAreNamedByWhatTheyAreNotWithheld() throws {
        let act = Act(compartment: "alpha", eventID: UUID(), actType: .arrest, date: try FuzzyDate(parsing: "2024-04-02"), placeCode: "CN-YN-KUNMING",
                      victimStatus: .detained)
        let documenter = RecordPage.make(stored(act), versions: [], seesProtected: true, language: .ko)
        #expect(documenter.title == "체포 · 2024년 4월 2일 · 쿤밍(곤명)", "\(documenter.title ?? "nil")")
        #expect(documenter.fields.contains { $0.value == "구금 중" })
        let html = documenter.render(.ko, account: PageUser(username: "민정", csrf: "c"))
        #expect(!html.contains(WebText.withheld.ko), "the documenter who recorded it sees it")
        // A reviewer sees what was done and where, not the protected date.
        let reviewer = RecordPage.make(stored(act), versions: [], seesProtected: false, language: .ko)
        #expect(reviewer.title == "체포 · 쿤밍(곤명)")
        let group = RecordPage.make(stored(VictimGroup(compartment: "alpha", eventID: UUID(), size: 15, women: 13, children: 2)), versions: [],
                                    seesProtected: true, language: .ko)
        #expect(group.title == "전체 인원: 15" && group.fields.contains { $0.value == "13" })
    }

    @Test(arguments: Language.allCases)
    func aRescueRequestAndAnOverdueInterventionRenderInEitherLanguage(language: Language) throws {
        let request = RescueRequest(contactInitiatedBy: .broker, fee: Money(amount: 1_500, currency: "USD"), groupSize: 2, status: .underway,
                                    timeline: [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2025-03-04")),
                                               RescueStatusChange(status: .underway, date: try FuzzyDate(parsing: "2025-03-10"), note: "가상")])
        var rescue = RecordPage.make(stored(request), versions: [RecordVersion(version: 2, at: now, deleted: false)], seesProtected: true, language: language)
        rescue.timeline = request.timeline
        let rescueHTML = rescue.render(language, account: PageUser(username: "민정", csrf: "c"))
        WebPageTests().checkAccessible(rescueHTML)
        #expect(rescueHTML.contains("1500 USD") && rescueHTML.contains(language(ContactInitiator.broker.label)))
        #expect(rescueHTML.contains("<ol class=\"timeline\">") && rescueHTML.contains(language == .ko ? "2025년 3월 10일 · 진행 중 · 가상" : "10 March 2025 · Underway · 가상"))

        let intervention = Intervention(partyName: "가상 외교부", channel: .diplomaticNote, dateSent: try FuzzyDate(parsing: "2025-01-10"),
                                        request: "가상 요청", deadline: try FuzzyDate(parsing: "2025-02-10"), status: .sent)
        var overdue = RecordPage.make(stored(intervention), versions: [RecordVersion(version: 1, at: now, deleted: false)], seesProtected: false, language: language)
        overdue.warning = WebText.overdue
        let overdueHTML = overdue.render(language, account: PageUser(username: "민정", csrf: "c"))
        #expect(overdueHTML.contains("<h1>가상 외교부</h1>") && overdueHTML.contains("role=\"status\">\(language(WebText.overdue))"))
        #expect(!overdueHTML.contains("가상 요청") && overdueHTML.contains(language(WebText.withheld)), "a reviewer does not see what was asked")
        #expect(overdueHTML.contains(language == .ko ? "2025년 2월 10일" : "10 February 2025"), "the deadline is coded, shown to all")
    }

    @Test(arguments: Language.allCases)
    func theHomePageOffersFormsAndKeptDraftsAndARefusalIsAPage(language: Language) {
        let draft = UUID()
        let home = HomePage(username: "민정", role: .documenter, needsSetup: false, csrf: "c", drafts: [(draft, now)]).render(language)
        WebPageTests().checkAccessible(home)
        #expect(home.contains("href=\"/drafts/\(draft.uuidString.lowercased())\"") && home.contains(language(WebText.unsavedForms)))
        for kind in ["event", "rescue_request", "intervention"] { #expect(home.contains("href=\"/records/\(kind)/new\"")) }
        let reviewer = HomePage(username: "민정", role: .reviewer, needsSetup: false, csrf: "c").render(language)
        #expect(!reviewer.contains("/new\""), "a reviewer is offered no forms")

        let refusal = ErrorPage(problem: Problem.notFound("no event with id x")).render(language)
        WebPageTests().checkAccessible(refusal)
        #expect(refusal.contains("<html lang=\"\(language.rawValue)\">") && refusal.contains("<h1>\(language == .ko ? "찾을 수 없습니다" : "Not found")</h1>"))
        #expect(refusal.contains("href=\"/\""))
        let login = LoginPage(notice: WebText.draftKept).render(language)
        #expect(login.contains("role=\"status\">\(language(WebText.draftKept))"))
    }
}
