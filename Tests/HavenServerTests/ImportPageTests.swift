import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The import pages over real HTTP: a spreadsheet uploaded as a browser sends it
/// (multipart/form-data), its dry run with problems by row and column, unknown words and
/// probable duplicates; the mapping fixed on the page; all rows or none written as a batch that
/// an analyst undoes; mappings saved by name; and every refusal (no CSRF token, a file on a route
/// that takes none, a file over the limit, another account's upload).
@Suite
struct ImportPageTests {
    /// A person sheet with one row that repeats a kept person (row 2), one word no vocabulary
    /// knows (row 3), one birth date that is not a date (row 4) and one clean row (row 5).
    static let sheet = "\u{FEFF}이름,성별,생년월일\r\n리정숙,여,1972-03-14\r\n김영호,남자아이,1980-05-06\r\n박철,남,1979-13-02\r\n최은,여,1985\r\n"

    static func seedKept(_ store: SQLStore) async throws -> Person {
        let kept = Person(compartment: "alpha", names: [PersonName("리정숙", script: .hangul, system: .northKorean)], sex: .female,
                          birthDate: try FuzzyDate(year: 1972, month: 3, day: 14))
        var others: [any Record] = [kept]
        let syllables = ["민", "서", "지", "현", "수", "영", "준", "혜"]
        for index in 0..<40 {
            others.append(Person(compartment: "alpha", names: [PersonName("김\(syllables[index % 8])\(syllables[index / 8 % 8])", script: .hangul, system: .southKorean)],
                                 sex: index % 2 == 0 ? .female : .male, birthDate: try FuzzyDate(year: 1940 + index, month: 1 + index % 12, day: 1 + index % 28)))
        }
        _ = try await store.createAll(others, by: .localOperator)
        return kept
    }

    /// Uploads a file and returns the review page's path.
    static func upload(_ client: SignedInClient, _ bytes: Data, fileName: String = "명단 2019.csv", fields: [(String, String)] = [("kind", "person")]) async throws -> String {
        let response = try await client.postMultipart("/imports/upload", fields: fields, file: ("file", fileName, bytes))
        #expect(response.status == .seeOther, "upload answered \(response.status): \(String(buffer: response.body).prefix(400))")
        return try #require(response.headers[.location]?.split(separator: "?").first.map(String.init))
    }

    @Test func aSheetIsCheckedFixedImportedAndUndone() async throws {
        try await TestServer.with { server in
            let kept = try await Self.seedKept(server.store)
            let documenter = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let path = try await Self.upload(documenter, Data(Self.sheet.utf8))
            #expect(path.hasPrefix("/imports/upload/"))
            let page = try await documenter.page(path)
            #expect(page.contains("명단 2019.csv") && page.contains("이름") && page.contains("생년월일"))
            #expect(page.contains("4행, 생년월일 열"), "the bad date is named by row and column: \(page)")
            #expect(!page.contains("1979-13-02"), "a protected value is not quoted in a problem")
            #expect(page.contains("남자아이") && page.contains("id=\"unknown-words\""), "the unknown word is listed to map")
            #expect(page.contains("id=\"import-duplicates\"") && page.contains("보관된 인물 \(kept.id.wire.prefix(8))"), "the kept person is shown beside row 2")
            #expect(page.contains("<button type=\"submit\" name=\"action\" value=\"commit\" class=\"primary\" disabled"), "import is not offered yet")

            // Importing now writes nothing.
            let early = try await documenter.postMultipart(path, fields: [("action", "commit")])
            #expect(early.status == .unprocessableContent)
            #expect(try await server.store.count(RecordQuery(kinds: [.person]), by: .localOperator) == 41)

            // Fix: the word means male, row 4 is left out to fix in the file, row 2 is the kept person.
            let review = try await documenter.page(path)
            let decisionKey = try #require(Self.hidden("decisionKey.0", in: review))
            let fix: [(String, String)] = [("word.0", "male"), ("wordField.0", "sex"), ("wordValue.0", "남자아이"), ("skipRows", "4"),
                                           ("decision.0", "same"), ("decisionKey.0", decisionKey), ("action", "check")]
            let checked = try await documenter.postMultipart(path, fields: fix)
            #expect(checked.status == .seeOther)
            let ready = try await documenter.page(path)
            #expect(ready.contains("모든 행이 준비되었습니다") && !ready.contains("id=\"unknown-words\""), "\(ready)")
            #expect(ready.contains("성별: 남자아이 → 남성") || ready.contains("성별: 남자아이 →"), "the mapped word is listed")

            let committed = try await documenter.postMultipart(path, fields: [("action", "commit")])
            #expect(committed.status == .seeOther && committed.headers[.location] == "/imports", "\(String(buffer: committed.body).prefix(500))")
            let persons = try await server.store.allRecords(RecordQuery(kinds: [.person]), by: .localOperator).compactMap { $0 as? Person }
            #expect(persons.count == 44, "rows 2, 3 and 5 are written; row 4 is left out")
            let merged = try #require(persons.first { $0.id != kept.id && $0.names.first?.value == "리정숙" })
            #expect(merged.sameAs == kept.id, "row 2 is imported merged into the kept person")
            #expect(persons.first { $0.names.first?.value == "김영호" }?.sex == .male)
            let found = try await documenter.page("/records?q=%EA%B9%80%EC%98%81%ED%98%B8")
            #expect(found.contains(">김영호</a>"), "an imported person is found by search")
            #expect(!persons.contains { $0.names.first?.value == "박철" })
            let batches = try await server.store.importBatches()
            #expect(batches.count == 1 && batches[0].records == 3 && batches[0].source.fileName == "명단 2019.csv")
            #expect(try await server.store.auditLog().map(\.entry).filter { $0.action == "import" }.count == 3)
            // The upload is gone once imported.
            #expect(try await documenter.execute(uri: path, method: .get).status == .notFound)

            // The list shows the batch; a documenter may not undo it, an analyst may.
            let list = try await documenter.page("/imports")
            #expect(list.contains("data-batch=\"\(batches[0].id.wire)\"") && !list.contains("/undo"))
            #expect(try await documenter.postForm("/imports/batches/\(batches[0].id.wire)/undo", [:]).status == .forbidden)
            let analyst = try await server.signIn(role: .analyst, compartments: ["alpha"])
            #expect(try await analyst.page("/imports").contains("/imports/batches/\(batches[0].id.wire)/undo"))
            let undone = try await analyst.postForm("/imports/batches/\(batches[0].id.wire)/undo", [:])
            #expect(undone.status == .seeOther)
            #expect(try await server.store.count(RecordQuery(kinds: [.person]), by: .localOperator) == 41)
            #expect(try await server.store.importBatches()[0].undoneAt != nil)
        }
    }

    @Test func aRescueRequestSheetIsImportedAndItsBrokerReachesTheBrokerReport() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let csv = "접수일,상태,요청자,브로커,비용,지역\n2019년 3월,체포,가요청,다중개,300만원,온성군\n2019-04-02,접수,나요청,다중개,250만원,온성군\n"
            let path = try await Self.upload(client, Data(csv.utf8), fileName: "요청.csv", fields: [("kind", "rescueRequest")])
            let page = try await client.page(path)
            #expect(page.contains("value=\"feeAmount\" selected") && page.contains("모든 행이 준비되었습니다"), "\(page.prefix(3000))")
            let committed = try await client.postMultipart(path, fields: [("action", "commit")])
            #expect(committed.status == .seeOther, "\(String(buffer: committed.body).prefix(500))")
            let requests = try await server.store.allRecords(RecordQuery(kinds: [.rescueRequest]), by: .localOperator).compactMap { $0 as? RescueRequest }
            #expect(requests.map(\.status).sorted { $0.code < $1.code } == [.arrested, .received])
            #expect(Set(requests.compactMap(\.fee?.currency)) == ["KRW"])
            let persons = try await server.store.allRecords(RecordQuery(kinds: [.person]), by: .localOperator).compactMap { $0 as? Person }
            let broker = try #require(persons.first { $0.names.first?.value == "다중개" })
            #expect(persons.filter { $0.names.first?.value == "다중개" }.count == 1 && requests.allSatisfy { $0.brokerID == broker.id },
                    "the broker named in both rows is one record")
            let brokers = try await client.page("/reports/brokers")
            #expect(brokers.contains("다중개"), "each row's broker is a person the broker report lists")
        }
    }

    @Test func aSavedMappingMapsTheNextFile() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let path = try await Self.upload(client, Data(Self.sheet.utf8))
            let saved = try await client.postMultipart(path, fields: [("word.0", "male"), ("wordField.0", "sex"), ("wordValue.0", "남자아이"),
                                                                     ("mappingName", "NGO A 명단"), ("action", "save")])
            #expect(saved.status == .ok && String(buffer: saved.body).contains("연결 설정을 저장했습니다"))
            let mappings = try await server.store.importMappings()
            #expect(mappings.map(\.name) == ["NGO A 명단"])
            let list = try await client.page("/imports")
            #expect(list.contains("NGO A 명단") && list.contains("/imports/mappings/\(mappings[0].id.wire)/delete"))
            // The next file with the saved mapping: the word is known.
            let next = try await Self.upload(client, Data(Self.sheet.utf8), fields: [("mapping", mappings[0].id.wire)])
            let page = try await client.page(next)
            #expect(!page.contains("id=\"unknown-words\"") && page.contains("4행, 생년월일 열"))
            #expect(try await client.postForm("/imports/mappings/\(mappings[0].id.wire)/delete", [:]).status == .seeOther)
            #expect(try await server.store.importMappings().isEmpty)
        }
    }

    @Test func aWorkbookIsReadWithItsSheetsAndKoreanHeader() async throws {
        try await TestServer.with { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("HavenImportTests/Fixtures/korean.xlsx")
            let path = try await Self.upload(client, try Data(contentsOf: fixture), fileName: "korean.xlsx", fields: [("kind", "incident")])
            let page = try await client.page(path)
            #expect(page.contains("<option value=\"사건 목록\" selected") && page.contains("<option value=\"출처\""), "both sheets are offered")
            #expect(page.contains("사건 목록 시트: 2행 아래 데이터"), "the header is found below the merged title row")
            #expect(page.contains("value=\"actType\" selected"), "사건 유형 is suggested as the act type")
        }
    }

    @Test func refusalsNameTheProblemAndKeepNothing() async throws {
        try await TestServer.with(configuration: ServerConfiguration(importFileBytes: 1024)) { server in
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            // No CSRF token: refused before the file is read.
            var bare = client
            bare.sendsCSRF = false
            let noToken = try await bare.postMultipart("/imports/upload", fields: [("kind", "person")], file: ("file", "a.csv", Data(Self.sheet.utf8)), csrf: false)
            #expect(noToken.status == .forbidden)
            // A file sent where no file is taken.
            let elsewhere = try await client.postMultipart("/duplicates/merge", fields: [], file: ("file", "a.csv", Data("x".utf8)))
            #expect(elsewhere.status == .unsupportedMediaType)
            // Over the configured limit.
            let large = try await client.postMultipart("/imports/upload", fields: [("kind", "person")], file: ("file", "a.csv", Data(repeating: 0x41, count: 1024 * 1024 + 4096)))
            #expect(large.status == .contentTooLarge)
            // Not a spreadsheet: named in both languages.
            let notSheet = try await client.postMultipart("/imports/upload", fields: [("kind", "person")], file: ("file", "a.xlsx", Data("PK\u{3}\u{4}garbage".utf8)))
            #expect(notSheet.status == .unprocessableContent)
            // No kind and no mapping.
            let noKind = try await client.postMultipart("/imports/upload", fields: [], file: ("file", "a.csv", Data(Self.sheet.utf8)))
            #expect(noKind.status == .unprocessableContent && String(buffer: noKind.body).contains("각 행의 종류"))
            // A malformed multipart body.
            let malformed = try await client.execute(uri: "/imports/upload", method: .post,
                                                     headers: [.contentType: "multipart/form-data; boundary=xyz"], body: ByteBuffer(string: "--xyz\r\nbroken"))
            #expect(malformed.status == .badRequest)
            let noBoundary = try await client.execute(uri: "/imports/upload", method: .post, headers: [.contentType: "multipart/form-data"],
                                                      body: ByteBuffer(string: "x"))
            #expect(noBoundary.status == .badRequest)
            // A header name with a byte above 127 stopped the process inside MultipartKit (found
            // by `haven-fuzz multipart`): refused, and the server answers on.
            var hostile = ByteBuffer(string: "--xyz\r\nContent-Dispositi")
            hostile.writeBytes([0x91, 0x91, 0xC5, 0xDF])
            hostile.writeString("form-data; name=\"kind\"\r\n\r\nperson\r\n--xyz--\r\n")
            let nonASCII = try await client.execute(uri: "/imports/upload", method: .post,
                                                    headers: [.contentType: "multipart/form-data; boundary=xyz"], body: hostile)
            #expect(nonASCII.status == .badRequest)
            #expect(try await client.execute(uri: "/imports", method: .get).status == .ok)
            #expect(try await server.store.count(RecordQuery(kinds: [.person]), by: .localOperator) == 0)
            #expect(try await server.store.importBatches().isEmpty)

            // Another account does not see the upload; a reviewer may not import at all.
            let path = try await Self.upload(client, Data(Self.sheet.utf8))
            let other = try await server.signIn(role: .documenter, compartments: ["alpha"], username: "other")
            #expect(try await other.execute(uri: path, method: .get).status == .notFound)
            #expect(try await other.postMultipart(path, fields: [("action", "commit")]).status == .notFound)
            let reviewer = try await server.signIn(role: .reviewer, compartments: ["alpha"])
            #expect(try await reviewer.execute(uri: "/imports", method: .get).status == .forbidden)
        }
    }

    /// The value of a hidden input on a page.
    static func hidden(_ name: String, in page: String) -> String? {
        guard let range = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = page[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]).replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&") }
    }
}

extension SignedInClient {
    /// Posts a form as a browser posts one with a file: multipart/form-data, with the session's
    /// CSRF token in `_csrf` (unless `csrf` is false).
    func postMultipart(_ path: String, fields: [(String, String)], file: (field: String, fileName: String, bytes: Data)? = nil,
                       csrf sendToken: Bool = true) async throws -> TestResponse {
        let boundary = "----HavenTestBoundary\(UUID().uuidString.prefix(8))"
        var body = Data()
        func append(_ text: String) { body.append(Data(text.utf8)) }
        for (name, value) in (sendToken ? [("_csrf", csrf)] : []) + fields {
            append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.fileName)\"\r\n")
            append("Content-Type: application/octet-stream\r\n\r\n")
            body.append(file.bytes)
            append("\r\n")
        }
        append("--\(boundary)--\r\n")
        let headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        var sender = self
        sender.sendsCSRF = false
        return try await sender.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }
}
