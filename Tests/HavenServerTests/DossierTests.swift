import Foundation
import HavenCore
@testable import HavenReports
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import HavenTestSupport
import Testing

/// Dossiers for diplomatic protest (synthetic data): a group arrested near Kunming and
/// transferred to Jilin, the ministry's repeated requests to a foreign government, never answered.
@Suite(.serialized)
struct DossierTests {
    @Test func anIncidentsAndAPartysDossiersHoldTheChronologySourcesAndEveryUnansweredRequest() async throws {
        try await TestServer.with { server in
            // Recorded in April 2024, before the requests' deadlines; read in October.
            server.clock.set(try #require(ISO8601DateFormatter().date(from: "2024-04-05T09:00:00Z")))
            var client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            func incident(_ json: String) async throws -> UUID {
                let made = try await client.execute(uri: "/api/incidents", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: json))
                #expect(made.status == .created, "\(String(buffer: made.body))")
                let body = try #require(JSONSerialization.jsonObject(with: Data(buffer: made.body)) as? [String: Any])
                return try #require((body["event"] as? String).flatMap(UUID.init(uuidString:)))
            }
            let arrest = try await incident("""
            {"event": {"title": "쿤밍 인근 15명 체포 — 가상", "description": "강을 건넌 직후 공안에 체포됨 (가상)", "startDate": "2024-04-02", "placeCode": "CN-YN-KUNMING", "verification": "partially_verified"},
             "actType": "arrest", "groups": [{"size": 15, "women": 13, "children": 2, "status": "detained"}],
             "actors": [{"name": "가상 쿤밍 공안국", "organisationKind": "public_security", "role": "perpetrator", "degree": "direct"}],
             "sources": [{"name": "가상 단체 가", "kind": "ngo", "connection": "hearsay", "reliability": "B", "credibility": "2", "content": "가족의 전언 (가상)"},
                         {"name": "가상 목격자", "kind": "witness", "connection": "eyewitness", "reliability": "C", "credibility": "2"}]}
            """)
            let transfer = try await incident("""
            {"event": {"title": "지린 교도소 이송 — 가상", "startDate": "2024-05-10", "placeCode": "CN-JL"}, "actType": "detention",
             "groups": [{"size": 15, "status": "detained"}], "sources": [{"name": "가상 단체 가", "kind": "ngo", "reliability": "B", "credibility": "3"}]}
            """)
            for (sent, deadline) in [("2024-04-10", "2024-05-10"), ("2024-06-01", "2024-07-01"), ("2024-09-01", "2024-10-01")] {
                _ = try await server.store.create(Intervention(compartment: "alpha", subjectIDs: [arrest, transfer], partyName: "가상국 외교부",
                                                               channel: .diplomaticNote, dateSent: try FuzzyDate(parsing: sent),
                                                               request: "강제송환을 하지 말 것을 요청함 (가상)", deadline: try FuzzyDate(parsing: deadline),
                                                               status: .sent), by: .localOperator)
            }
            let october = try #require(ISO8601DateFormatter().date(from: "2024-10-15T00:00:00Z"))
            server.clock.set(october)
            _ = try await NonResponseSweep.run(repository: server.store, today: october)
            client = try await server.signIn(role: .analyst, compartments: ["alpha"], username: "analyst.october")

            let event = try await client.page("/dossiers/event/\(arrest.uuidString.lowercased())")
            #expect(event.contains("<title>자료집 · Haven</title>"), "the title names a dossier only")
            for text in ["대외비", "자료집: 쿤밍 인근 15명 체포 — 가상", "피해 인원: 15", "2024년 4월 2일", "쿤밍", "체포: 15명: 여성 13, 아동 2 — 구금 중",
                         "가상 쿤밍 공안국 (가해자, 공안)", "독립된 출처로 교차 확인됨", "가상 단체 가 (비정부기구)", "B2", "C2", "가족의 전언 (가상)",
                         "개입 요청: 3 (미답변 3)", "무응답 (2024년 10월 15일)", "class=\"unanswered\""] {
                #expect(event.contains(text), "the incident's dossier holds \(text)")
            }
            let party = try await client.page("/dossiers/party?name=%EA%B0%80%EC%83%81%EA%B5%AD%20%EC%99%B8%EA%B5%90%EB%B6%80&from=2024-01&to=2024-12")
            #expect(party.contains("자료집: 가상국 외교부 (2024년 1월 – 2024년 12월)") && party.contains("경과"))
            #expect(party.components(separatedBy: "<section class=\"incident\">").count - 1 == 2, "both incidents, in order")
            #expect(party.range(of: "쿤밍 인근")!.lowerBound < party.range(of: "지린 교도소")!.lowerBound)
            #expect(party.components(separatedBy: "<tr class=\"unanswered\">").count - 1 == 3)
            let narrowed = try await client.page("/dossiers/party?name=%EA%B0%80%EC%83%81%EA%B5%AD%20%EC%99%B8%EA%B5%90%EB%B6%80&from=2024-08")
            #expect(narrowed.components(separatedBy: "<tr class=\"unanswered\">").count - 1 == 1, "the period narrows the requests")
            // The person dossier of the perpetrating organisation is not a person: 404; a reviewer sees no names or narratives.
            let reviewer = try await server.signIn(role: .reviewer, compartments: ["alpha"])
            let redacted = try await reviewer.page("/dossiers/event/\(arrest.uuidString.lowercased())")
            #expect(!redacted.contains("쿤밍 인근 15명") && !redacted.contains("가상 단체 가") && !redacted.contains("가족의 전언") && redacted.contains("B2"))
            #expect(redacted.contains("15명: 여성 13, 아동 2"), "counts are not protected")
            let outsider = try await server.signIn(role: .analyst, compartments: ["beta"], username: "beta.analyst")
            #expect(try await outsider.execute(uri: "/dossiers/event/\(arrest.uuidString.lowercased())", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/dossiers/party?from=2024-01", method: .get).status == .badRequest)
            #expect(try await client.page("/records/event/\(arrest.uuidString.lowercased())").contains("href=\"/dossiers/event/\(arrest.uuidString.lowercased())\""))
            // The same dossiers through the API: JSON, protected values null for a reviewer.
            let json = String(buffer: try await client.execute(uri: "/api/dossiers/event/\(arrest.uuidString.lowercased())", method: .get).body)
            #expect(json.contains("\"title\":\"쿤밍 인근 15명 체포 — 가상\"") && json.contains("\"rating\":\"B2\"") && json.contains("\"corroborated\":true")
                    && json.contains("\"response\":\"no_response\""))
            let partyJSON = String(buffer: try await client.execute(uri: "/api/dossiers/party?name=%EA%B0%80%EC%83%81%EA%B5%AD%20%EC%99%B8%EA%B5%90%EB%B6%80", method: .get).body)
            #expect(partyJSON.components(separatedBy: "\"answered\":false").count - 1 == 3)
            let reviewerJSON = String(buffer: try await reviewer.execute(uri: "/api/dossiers/event/\(arrest.uuidString.lowercased())", method: .get).body)
            #expect(reviewerJSON.contains("\"title\":null") && !reviewerJSON.contains("가상 단체 가") && reviewerJSON.contains("\"size\":15"))
        }
    }

    @Test(arguments: Language.allCases)
    func aDossierRendersForPaperInEitherLanguage(language: Language) throws {
        let event = Event(title: "가상 사건", startDate: try FuzzyDate(parsing: "2024-04-02"))
        let dossier = Dossier(subject: .event(event.id), name: event.title,
                              incidents: [Dossier.Incident(event: event, acts: [(.arrest, "가상 피해자", nil, .detained)], actors: [], sources: [])],
                              interventions: [], seesProtected: true)
        let html = DossierPage(dossier: dossier, generatedAt: Date(timeIntervalSince1970: 1_790_000_000), generatedBy: "민정", path: "/dossiers/event/x")
            .render(language, account: PageUser(username: "민정", csrf: "c"))
        WebPageTests().checkAccessible(html)
        #expect(html.contains("<article class=\"dossier\">") && html.contains(language == .ko ? "대외비" : "CONFIDENTIAL"))
        #expect(html.contains(language == .ko ? "체포: 가상 피해자 — 구금 중" : "Arrest: 가상 피해자 — Detained"))
        #expect(html.contains(language == .ko ? "단일 출처" : "a single source"))
    }
}

/// A dossier printed to PDF by headless Chromium over the DevTools pipe. Runs where Chromium is
/// installed (`.ci/run` installs it before the tests); text is read back with pdftotext where present.
@Suite(.serialized, .tags(.browser), .enabled(if: PDFPrinter.available() != nil, "needs Chromium (apt-get install chromium)"))
struct DossierPDFTests {
    @Test func aDossierIsPrintedToPDFWithItsKoreanText() async throws {
        try await TestServer.with { server in
            let event = try await server.store.create(Event(compartment: "alpha", title: "가상 인쇄 시험 사건", startDate: try FuzzyDate(parsing: "2024-04-02"),
                                                            placeCode: "CN-YN-KUNMING"), by: .localOperator).record
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let page = try await client.page("/dossiers/event/\(event.id.uuidString.lowercased())")
            #expect(page.contains("href=\"/dossiers/event/\(event.id.uuidString.lowercased())?format=pdf\""))
            let response = try await client.execute(uri: "/dossiers/event/\(event.id.uuidString.lowercased())?format=pdf", method: .get)
            #expect(response.status == .ok && response.headers[.contentType] == "application/pdf")
            let pdf = Data(buffer: response.body)
            #expect(pdf.starts(with: Data("%PDF-".utf8)) && pdf.count > 2_000)
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
                process.arguments = ["-", "-"]
                let input = Pipe(), output = Pipe()
                process.standardInput = input
                process.standardOutput = output
                try process.run()
                input.fileHandleForWriting.write(pdf)
                try input.fileHandleForWriting.close()
                let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(text.contains("가상 인쇄 시험 사건") && text.contains("대외비"), "the PDF holds the dossier's Korean text")
            }
        }
    }

    /// Folders named like print profiles, and processes started with one, at this moment.
    static func printLeftovers() throws -> (profiles: Set<String>, processes: Set<String>) {
        let profiles = Set(try FileManager.default.contentsOfDirectory(atPath: PDFPrinter.profileParent)
            .filter { $0.hasPrefix(PDFPrinter.profilePrefix) })
        var processes = Set<String>()
        for pid in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where pid.allSatisfy(\.isNumber) {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
            if String(decoding: data, as: UTF8.self).contains(PDFPrinter.profilePrefix) { processes.insert(pid) }
        }
        return (profiles, processes)
    }

    @Test func aPrintLeavesNoProfileOrProcessBehindWhetherItSucceedsOrFails() async throws {
        let printer = try #require(PDFPrinter.available())
        let before = try Self.printLeftovers()
        let pdf = try await printer.pdf(html: "<p>가상 인쇄</p>")
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        // A deadline too short for the browser to answer: the print fails midway.
        await #expect(throws: PDFPrinter.Failure.self) { try await printer.pdf(html: "<p>가상</p>", timeout: 0.05) }
        let after = try Self.printLeftovers()
        #expect(after.profiles.subtracting(before.profiles).isEmpty, "print profiles left behind: \(after.profiles.subtracting(before.profiles))")
        #expect(after.processes.subtracting(before.processes).isEmpty, "browser processes left running")
    }

    @Test func printsBeyondTheLimitAreRefusedWithRetryAfterNotQueued() async throws {
        try await TestServer.with { server in
            let event = try await server.store.create(Event(compartment: "alpha", title: "가상 사건", startDate: try FuzzyDate(parsing: "2024-04-02")),
                                                      by: .localOperator).record
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            // Every slot taken, as by prints still running.
            for _ in 0..<PDFPrinter.concurrentPrints { #expect(PDFPrinter.slots.enter()) }
            let refused = try await client.execute(uri: "/dossiers/event/\(event.id.uuidString.lowercased())?format=pdf", method: .get)
            for _ in 0..<PDFPrinter.concurrentPrints { PDFPrinter.slots.leave() }
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers[.retryAfter] == "10")
            #expect(String(buffer: refused.body).contains("인쇄하는 중"))
            let printed = try await client.execute(uri: "/dossiers/event/\(event.id.uuidString.lowercased())?format=pdf", method: .get)
            #expect(printed.status == .ok)
            #expect(PDFPrinter.slots.taken == 0)
        }
    }
}
