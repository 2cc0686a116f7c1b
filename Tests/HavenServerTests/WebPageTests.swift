import Foundation
import HavenCore
import HavenCrypto
@testable import HavenReports
import HavenQR
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The pages, rendered without a database in both languages, and the sign-in flow of a browser
/// through the router: form, cookie, CSRF field, sign-out, language switch.
@Suite
struct WebPageTests {
    /// Every input, select and textarea has a label pointing at it; no inline script or style.
    func checkAccessible(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let ids = html.matches(of: /<(?:input|select|textarea)[^>]*\bid="([^"]+)"/).map { String($0.1) }
        for id in ids where !html.contains("type=\"hidden\" id=\"\(id)\"") {
            #expect(html.contains("<label for=\"\(id)\">"), "field \(id) has no label", sourceLocation: sourceLocation)
        }
        #expect(!html.contains("<script>") && !html.contains("style=") && !html.contains("<style"), sourceLocation: sourceLocation)
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/static/haven.css\">"), sourceLocation: sourceLocation)
        #expect(html.contains("<main id=\"main\""), sourceLocation: sourceLocation)
    }

    @Test(arguments: Language.allCases)
    func theSignInPageRendersInEitherLanguage(language: Language) {
        let html = LoginPage(username: "kim<b>", problem: .refused).render(language)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">"))
        checkAccessible(html)
        #expect(html.contains(language == .ko ? "<h1>로그인</h1>" : "<h1>Sign in</h1>"))
        #expect(html.contains(language == .ko ? "사용자 이름" : "User name"))
        #expect(html.contains("role=\"alert\""))
        // What was typed comes back escaped, never as markup; the password never comes back.
        #expect(html.contains("value=\"kim&lt;b&gt;\"") && !html.contains("kim<b>"))
        #expect(html.contains("autocomplete=\"one-time-code\""))
        // The switch offers the other language and returns to this page.
        #expect(html.contains("/language?to=\(language.other.rawValue)&amp;back=/login"))
    }

    @Test(arguments: Language.allCases)
    func theHomePageNamesTheAccountAndWhatToDoFirst(language: Language) {
        let html = HomePage(username: "민정", role: .documenter, needsSetup: true, csrf: "token-123").render(language)
        checkAccessible(html)
        #expect(html.contains(language == .ko ? "기록 담당자" : "Documenter"))
        #expect(html.contains(language == .ko ? "새 비밀번호" : "choose your own password"))
        #expect(html.contains("<form method=\"post\" action=\"/logout\" class=\"inline\"><input type=\"hidden\" name=\"_csrf\" value=\"token-123\">"))
        #expect(html.contains("<title>\(language == .ko ? "홈" : "Home") · Haven</title>"))
    }

    @Test func koreanAndEnglishDatesAreWrittenAsPeopleWriteThem() throws {
        #expect(Language.ko.date(try FuzzyDate(parsing: "2024-08-21")) == "2024년 8월 21일")
        #expect(Language.en.date(try FuzzyDate(parsing: "2024-08-21")) == "21 August 2024")
        #expect(Language.ko.date(try FuzzyDate(parsing: "2024-08")) == "2024년 8월")
        #expect(Language.en.date(try FuzzyDate(parsing: "~1979")) == "c. 1979")
        #expect(Language.preferred(cookie: nil, acceptLanguage: "en-GB,en;q=0.9,ko;q=0.8") == .en)
        #expect(Language.preferred(cookie: "ko", acceptLanguage: "en") == .ko)
        #expect(Language.preferred(cookie: nil, acceptLanguage: nil) == .ko)
    }

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    func formBody(_ fields: KeyValuePairs<String, String>) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }

    @Test func aBrowserSignsInWithItsCodeSeesHomeAndSignsOut() async throws {
        try await TestServer.with { server in
            let (_, secret) = try await server.makeAccount("web.user", role: .analyst, compartments: [Compartment.default])
            let page = try await server.client.execute(uri: "/login", method: .get)
            #expect(page.status == .ok && page.headers[.contentType] == "text/html; charset=utf-8")
            // The page's own stylesheet is allowed; script and inline style are not.
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'; style-src 'self'") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src") == false)
            // The stylesheet the pages link is served under the same CSP.
            let css = try await server.client.execute(uri: "/static/haven.css", method: .get)
            let written = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../Sources/HavenServer/Resources/static/haven.css"), encoding: .utf8)
            #expect(css.status == .ok && String(buffer: css.body) == written, "the stylesheet compiled into the binary, as written")
            #expect(try await server.client.execute(uri: "/static/other.css", method: .get).status == .notFound)

            let wrong = try await server.client.execute(uri: "/login", method: .post, headers: Self.form,
                                                        body: formBody(["username": "web.user", "password": "not it at all", "code": "000000"]))
            #expect(wrong.status == .unauthorized && wrong.headers[.setCookie] == nil)
            #expect(String(buffer: wrong.body).contains("role=\"alert\""))
            // A form posted from another site is refused before anything is checked.
            var foreign = Self.form
            foreign[.origin] = "https://attacker.example"
            #expect(try await server.client.execute(uri: "/login", method: .post, headers: foreign,
                                                    body: formBody(["username": "web.user", "password": TestServer.password])).status == .forbidden)
            var crossSite = Self.form
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            crossSite[.origin] = "null"
            #expect(try await server.client.execute(uri: "/login", method: .post, headers: crossSite,
                                                    body: formBody(["username": "web.user", "password": TestServer.password])).status == .forbidden)

            server.clock.advance(31)
            let signedIn = try await server.client.execute(uri: "/login", method: .post, headers: Self.form, body: formBody([
                "username": "web.user", "password": TestServer.password, "code": TOTP(secret: secret).code(at: server.clock.now),
            ]))
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/")
            let cookie = String(try #require(signedIn.headers[.setCookie]).split(separator: ";")[0])
            let home = try await server.client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
            #expect(home.status == .ok && String(buffer: home.body).contains("web.user"))
            let csrf = try #require(String(buffer: home.body).firstMatch(of: /name="_csrf" value="([^"]+)"/)).1

            // Signing out needs the form's CSRF field, then ends the session.
            var headers = Self.form
            headers[.cookie] = cookie
            #expect(try await server.client.execute(uri: "/logout", method: .post, headers: headers, body: formBody(["_csrf": "forged"])).status == .forbidden)
            let out = try await server.client.execute(uri: "/logout", method: .post, headers: headers, body: formBody(["_csrf": String(csrf)]))
            #expect(out.status == .seeOther && out.headers[.location] == "/login")
            let after = try await server.client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
            #expect(after.status == .seeOther && after.headers[.location] == "/login")
        }
    }

    @Test func theLanguageSwitchRemembersTheChoiceAndReturnsOnlyWithinHaven() async throws {
        try await TestServer.with { server in
            let english = try await server.client.execute(uri: "/language?to=en&back=/login", method: .get)
            #expect(english.status == .seeOther && english.headers[.location] == "/login")
            let cookie = String(try #require(english.headers[.setCookie]).split(separator: ";")[0])
            #expect(cookie == "haven-lang=en")
            let page = try await server.client.execute(uri: "/login", method: .get, headers: [.cookie: cookie])
            #expect(String(buffer: page.body).contains("<html lang=\"en\">"))
            for back in ["//attacker.example/", "https://attacker.example/", "/\\\\attacker.example"] {
                let response = try await server.client.execute(uri: "/language?to=ko&back=\(back.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", method: .get)
                #expect(response.headers[.location] == "/", "\(back)")
            }
            // Browsers drop tabs and newlines and read a backslash as a slash: each of these is
            // `//evil.example`, another site, to a browser.
            for encoded in ["/%09/evil.example", "/%0A/evil.example", "/%0D%0A/evil.example", "%09//evil.example", "/%5C/evil.example",
                            "/ /evil.example", "/%00/evil.example", "/%7F/evil.example"] {
                let response = try await server.client.execute(uri: "/language?to=en&back=\(encoded)", method: .get)
                #expect(response.headers[.location] == "/", "\(encoded) sent the browser to \(response.headers[.location] ?? "-")")
            }
            let kept = try await server.client.execute(uri: "/language?to=en&back=/records%3Fkind%3Dperson", method: .get)
            #expect(kept.headers[.location] == "/records?kind=person", "a path with its query comes back whole")
        }
    }

    @Test(arguments: Language.allCases)
    func theSetupPagesRenderInEitherLanguage(language: Language) throws {
        let password = PasswordPage(problem: WebText.passwordsDiffer, csrf: "c").render(language, username: "민정")
        checkAccessible(password)
        #expect(password.contains("autocomplete=\"new-password\"") && password.contains("role=\"alert\""))
        let svg = try QRCode(text: "otpauth://totp/Haven:x?secret=JBSWY3DPEHPK3PXP").svg()
        let scan = EnrolPage(step: .scan(secret: "JBSWY3DPEHPK3PXP", qrSVG: svg, mismatch: false), csrf: "c").render(language, username: "민정")
        checkAccessible(scan)
        #expect(scan.contains("<figure class=\"qr\"><svg") && scan.contains("JBSW Y3DP EHPK 3PXP"))
        #expect(scan.contains(language == .ko ? "스캔" : "Scan"))
        let codes = EnrolPage(step: .recoveryCodes(["aaaa-bbbb", "cccc-dddd"]), csrf: "c").render(language, username: "민정")
        #expect(codes.contains("<li><code>aaaa-bbbb</code></li>") && !codes.contains("/logout"))
    }

    @Test func aNewAccountChoosesItsPasswordAndEnrolsByQRCodeInTheBrowser() async throws {
        try await TestServer.with { server in
            try await server.makeAccount("new.web", role: .documenter, compartments: [Compartment.default], enrolled: false)
            func signIn(_ password: String, code: String = "") async throws -> (cookie: String, csrf: String) {
                let response = try await server.client.execute(uri: "/login", method: .post, headers: Self.form,
                                                                body: formBody(["username": "new.web", "password": password, "code": code]))
                #expect(response.status == .seeOther, "sign-in answered \(response.status)")
                let cookie = String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
                let home = try await server.client.execute(uri: "/", method: .get, headers: [.cookie: cookie])
                let csrf = try #require(String(buffer: home.body).firstMatch(of: /name="_csrf" value="([^"]+)"/)).1
                return (cookie, String(csrf))
            }
            func post(_ path: String, _ session: (cookie: String, csrf: String), _ fields: KeyValuePairs<String, String>) async throws -> TestResponse {
                var headers = Self.form
                headers[.cookie] = session.cookie
                var body = ["_csrf=\(session.csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"]
                body += fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
                return try await server.client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body.joined(separator: "&")))
            }
            var session = try await signIn(TestServer.password)
            let home = try await server.client.execute(uri: "/", method: .get, headers: [.cookie: session.cookie])
            #expect(String(buffer: home.body).contains("href=\"/account/enrol\""))
            // Records stay closed until the setup is done.
            #expect(try await server.client.execute(uri: "/api/persons", method: .get, headers: [.cookie: session.cookie]).status == .forbidden)

            let newPassword = "봄날의 긴 산책길 2024"
            #expect(try await post("/account/password", session, ["current": TestServer.password, "new": newPassword, "repeat": "other"]).status == .unprocessableContent)
            let changed = try await post("/account/password", session, ["current": TestServer.password, "new": newPassword, "repeat": newPassword])
            #expect(changed.status == .ok && String(buffer: changed.body).contains("role=\"status\""))

            session = try await signIn(newPassword)
            let scan = try await post("/account/enrol", session, [:])
            let page = String(buffer: scan.body)
            #expect(scan.status == .ok && page.contains("<svg"))
            let key = try #require(page.firstMatch(of: /<code class="secret">([A-Z2-7 ]+)<\/code>/)).1.replacingOccurrences(of: " ", with: "")
            let secret = try #require(Base32.decode(key))
            #expect(try await post("/account/enrol/confirm", session, ["code": "000000"]).status == .unprocessableContent)
            server.clock.advance(31)
            let confirmed = try await post("/account/enrol/confirm", session, ["code": TOTP(secret: secret).code(at: server.clock.now)])
            #expect(confirmed.status == .ok)
            #expect(String(buffer: confirmed.body).matches(of: /<li><code>/).count == 10)

            server.clock.advance(31)
            session = try await signIn(newPassword, code: TOTP(secret: secret).code(at: server.clock.now))
            #expect(try await server.client.execute(uri: "/api/persons", method: .get, headers: [.cookie: session.cookie]).status == .ok)
        }
    }

    @Test(arguments: Language.allCases)
    func theRecordsPageRendersResultsInEitherLanguage(language: Language) throws {
        let id = UUID()
        let page = RecordsPage(query: ["q": "김정", "kind": "event"], rows: [
            .init(kind: .event, id: id, title: "김정숙 가족 체포", date: try FuzzyDate(parsing: "2024-08-21"), placeCode: "KP-09-MUSAN"),
            .init(kind: .person, id: UUID(), title: nil, date: nil, placeCode: nil, withheld: true),
        ], total: 2, searched: true).render(language, account: PageUser(username: "민정", csrf: "c"))
        checkAccessible(page)
        #expect(page.contains("<option value=\"event\" selected>"))
        #expect(page.contains("<form method=\"post\" action=\"/records\""))
        #expect(page.contains("value=\"김정\""))
        #expect(page.contains("href=\"/records/event/\(id.uuidString.lowercased())\">김정숙 가족 체포</a>"))
        #expect(page.contains(language == .ko ? "2024년 8월 21일" : "21 August 2024"))
        #expect(page.contains(language == .ko ? "무산" : "Musan"))
        #expect(page.contains(language == .ko ? "(역할상 비공개)" : "(withheld for your role)"))
    }

    @Test func aTwoCharacterHangulSearchFindsTheRecordAndAnotherCompartmentDoesNot() async throws {
        try await TestServer.with { server in
            let event = Event(compartment: "alpha", title: "김정숙 가족 체포 — 가상 기록", startDate: try FuzzyDate(parsing: "2024-08-21"))
            _ = try await server.store.create(event, by: .localOperator)
            func cookie(_ name: String, _ role: Role, _ compartments: Set<String>) async throws -> String {
                let (_, secret) = try await server.makeAccount(name, role: role, compartments: compartments)
                return try await server.signIn(name, secret: secret).cookie
            }
            let alpha = try await cookie("alpha.doc", .documenter, ["alpha"])
            let beta = try await cookie("beta.doc", .documenter, ["beta"])
            let reviewer = try await cookie("alpha.rev", .reviewer, ["alpha"])
            // The form is posted: the name searched for never travels in a URL.
            func search(_ cookie: String) async throws -> TestResponse {
                let home = try await server.client.execute(uri: "/records", method: .get, headers: [.cookie: cookie])
                let csrf = try #require(String(buffer: home.body).firstMatch(of: /name="_csrf" value="([^"]+)"/)).1
                var headers = Self.form
                headers[.cookie] = cookie
                return try await server.client.execute(uri: "/records", method: .post, headers: headers,
                                                       body: formBody(["_csrf": String(csrf), "q": "김정", "kind": "", "place": "", "from": "", "to": ""]))
            }
            let found = String(buffer: try await search(alpha).body)
            #expect(found.contains("김정숙 가족 체포") && found.contains(event.id.uuidString.lowercased()))
            let other = try await search(beta)
            // (The gazetteer's type-ahead holds 김정숙군, a county: the title is what must not appear.)
            #expect(other.status == .ok && !String(buffer: other.body).contains("김정숙 가족"))
            // A reviewer cannot search by name, and lists show no titles.
            let refused = try await search(reviewer)
            #expect(refused.status == .badRequest && String(buffer: refused.body).contains("role=\"alert\""))
            let listed = String(buffer: try await server.client.execute(uri: "/records?kind=event", method: .get, headers: [.cookie: reviewer]).body)
            #expect(listed.contains(event.id.uuidString.lowercased()) && !listed.contains("김정숙 가족"))
            // The event's date is protected: a reviewer's list shows its year only.
            #expect(listed.contains("2024년") && !listed.contains("8월 21일") && !listed.contains("8월"))
            // Text in a URL is not searched: beta's documenter gets the plain list, not a search.
            let ignored = String(buffer: try await server.client.execute(uri: "/records?q=%EA%B9%80%EC%A0%95", method: .get, headers: [.cookie: alpha]).body)
            #expect(!ignored.contains("value=\"김정\""))
            // A filter that does not parse is named on the page, not a crash.
            let bad = try await server.client.execute(uri: "/records?from=2024-13", method: .get, headers: [.cookie: alpha])
            #expect(bad.status == .badRequest && String(buffer: bad.body).contains("from"))
        }
    }

    @Test func aRecordPageShowsFieldsAndHistoryToItsCompartmentOnly() async throws {
        try await TestServer.with { server in
            var event = Event(compartment: "alpha", title: "무산 체포 — 가상 기록", description: "가상 설명",
                              startDate: try FuzzyDate(parsing: "2024-08-21"), placeCode: "KP-09-MUSAN")
            event = try await server.store.create(event, by: .localOperator).record
            event.description = "가상 설명, 고침"
            _ = try await server.store.update(event, expectedVersion: 1, by: .localOperator)
            func cookie(_ name: String, _ role: Role, _ compartments: Set<String>) async throws -> String {
                let (_, secret) = try await server.makeAccount(name, role: role, compartments: compartments)
                return try await server.signIn(name, secret: secret).cookie
            }
            let uri = "/records/event/\(event.id.uuidString.lowercased())"
            let page = String(buffer: try await server.client.execute(uri: uri, method: .get, headers: [.cookie: try await cookie("a.doc", .documenter, ["alpha"])]).body)
            #expect(page.contains("<h1>무산 체포 — 가상 기록</h1>") && page.contains("가상 설명, 고침"))
            #expect(page.contains("2024년 8월 21일") && page.contains("무산"))
            #expect(page.components(separatedBy: "<li>버전 ").count - 1 == 2)
            #expect(page.contains("<title>사건 · Haven</title>"), "the page title names the kind, never the record's title")
            #expect(!page.contains("열람·변경 기록"), "a documenter does not see the access trail")
            let analyst = String(buffer: try await server.client.execute(uri: uri, method: .get, headers: [.cookie: try await cookie("a.ana", .analyst, ["alpha"])]).body)
            // The analyst sees the trail: the documenter's read among the writes, by user name, in words.
            #expect(analyst.contains("열람·변경 기록") && analyst.contains("<td>a.doc</td>") && analyst.contains("<td>열람</td>")
                    && analyst.contains("<td>수정</td>") && !analyst.contains("<code>read</code>"))
            let reviewer = String(buffer: try await server.client.execute(uri: uri, method: .get, headers: [.cookie: try await cookie("a.rev", .reviewer, ["alpha"])]).body)
            #expect(!reviewer.contains("무산 체포") && !reviewer.contains("가상 설명") && reviewer.contains("(역할상 비공개)"))
            let other = try await server.client.execute(uri: uri, method: .get, headers: [.cookie: try await cookie("b.doc", .documenter, ["beta"])])
            #expect(other.status == .notFound && !String(buffer: other.body).contains("무산 체포"))
            // A page's refusal is a page, in the reader's language, not JSON.
            #expect(other.headers[.contentType] == "text/html; charset=utf-8" && String(buffer: other.body).contains("<html lang=\"ko\">"))
            let administrator = try await server.client.execute(uri: uri, method: .get, headers: [.cookie: try await cookie("admin.x", .administrator, [])])
            #expect(administrator.status == .forbidden && String(buffer: administrator.body).contains("<h1>역할에 허용되지 않은 작업입니다</h1>"))
        }
    }

    @Test(arguments: Language.allCases)
    func theDashboardRendersItsListTableAndChartInEitherLanguage(language: Language) throws {
        let dashboard = HomePage.Dashboard(
            recent: [.init(kind: .event, id: UUID(), title: "혜산 체포", date: try FuzzyDate(parsing: "2026-10-02"), placeCode: nil)],
            rescueByStatus: [.init(status: .underway, count: 3), .init(status: .arrested, count: 1)],
            monthly: [.init(year: 2026, month: 10, count: 4), .init(year: 2026, month: 11, count: 0)])
        let html = HomePage(username: "민정", role: .analyst, needsSetup: false, csrf: "c", dashboard: dashboard).render(language)
        checkAccessible(html)
        #expect(html.contains("혜산 체포"))
        #expect(html.contains(language == .ko ? "<th scope=\"row\">진행 중</th><td>3</td>" : "<th scope=\"row\">Underway</th><td>3</td>"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\"") && html.contains("role=\"img\""))
        #expect(html.contains(language == .ko ? "10월: 4, 11월: 0" : "Oct: 4, Nov: 0"), "the chart's description lists every bar")
    }

    @Test func theDashboardCountsOnlyTheReadersCompartments() async throws {
        try await TestServer.with { server in
            let now = Date()
            let thisMonth = String(ISO8601DateFormatter().string(from: now).prefix(7))
            for (compartment, title) in [("alpha", "알파 사건"), ("alpha", "알파 두번째"), ("beta", "베타 사건")] {
                _ = try await server.store.create(Event(compartment: compartment, title: title, startDate: try FuzzyDate(parsing: thisMonth)),
                                                  by: .localOperator)
            }
            _ = try await server.store.create(RescueRequest(compartment: "alpha", status: .underway), by: .localOperator)
            let actor = ActingIdentity.account(UUID(), compartments: ["alpha"])
            let dashboard = try await PageController.dashboard(server.store, actor: actor, now: now)
            #expect(dashboard.recent.count == 2 && dashboard.recent.allSatisfy { $0.title?.hasPrefix("알파") == true })
            #expect(dashboard.monthly.count == 12 && dashboard.monthly.last?.count == 2 && dashboard.monthly.dropLast().allSatisfy { $0.count == 0 })
            #expect(dashboard.rescueByStatus.first { $0.status == .underway }?.count == 1)
            #expect(dashboard.rescueByStatus.reduce(0) { $0 + $1.count } == 1)
            // The dashboard is one report in the access log, naming the incidents it lists and no
            // other; a reviewer cannot count by text.
            let entries = try await server.store.auditLog().map(\.entry).filter { $0.actor == actor.id }
            #expect(entries.map(\.action) == ["report", "list"] && entries.first?.detail.hasPrefix("report=dashboard") == true)
            #expect(dashboard.recent.allSatisfy { row in entries.last?.detail.contains(row.id.wire) == true })
            let reviewer = ActingIdentity.account(UUID(), compartments: ["alpha"], seesProtected: false)
            await #expect(throws: StoreError.self) { _ = try await server.store.count(RecordQuery(text: "알파"), by: reviewer) }

            let (_, secret) = try await server.makeAccount("dash.user", role: .documenter, compartments: ["alpha"])
            let client = try await server.signIn("dash.user", secret: secret)
            let home = String(buffer: try await client.execute(uri: "/", method: .get).body)
            #expect(home.contains("알파 사건") && !home.contains("베타 사건") && home.contains("<svg"))
        }
    }

    @Test(arguments: Language.allCases)
    func theEditFormRendersWithPlacesAndProblems(language: Language) {
        let html = EventForm(values: ["title": "무산 <체포>", "startDate": "2024-13"], editing: (UUID(), 3),
                             problems: [FieldProblem(field: "startDate", message: "the month does not exist (1–12)")],
                             message: WebText.notSaved).render(language, account: PageUser(username: "민정", csrf: "c"))
        checkAccessible(html)
        #expect(html.contains("value=\"무산 &lt;체포&gt;\"") && html.contains("aria-invalid=\"true\""))
        #expect(html.contains("<datalist id=\"places\">") && html.contains("<option value=\"무산군\">"))
        #expect(html.contains("id=\"startDate-error\"") && html.contains("name=\"version\" value=\"3\""))
    }

    @Test func anIncidentIsRecordedEditedAndItsHistoryKeptThroughTheForms() async throws {
        try await TestServer.with { server in
            let (_, secret) = try await server.makeAccount("form.doc", role: .documenter, compartments: ["alpha"])
            let client = try await server.signIn("form.doc", secret: secret)
            func post(_ path: String, _ fields: [String: String]) async throws -> TestResponse {
                var headers = Self.form
                headers[.cookie] = client.cookie
                let body = (["_csrf": client.csrf].merging(fields) { a, _ in a }).map {
                    "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                }.joined(separator: "&")
                return try await server.client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
            }
            #expect(try await client.execute(uri: "/records/event/new", method: .get).status == .ok)
            // A bad date is refused by name, and what was typed comes back.
            let refused = try await post("/records/event/new", ["title": "혜산 체포 — 가상", "startDate": "2024-13", "placeCode": "KP-10-HYESAN"])
            #expect(refused.status == .unprocessableContent)
            let refusedPage = String(buffer: refused.body)
            #expect(refusedPage.contains("startDate-error") && refusedPage.contains("value=\"혜산 체포 — 가상\""))
            #expect(try await server.store.search(RecordQuery(kinds: [.event]), by: .localOperator).total == 0, "nothing was written")

            let created = try await post("/records/event/new", ["title": "혜산 체포 — 가상", "startDate": "2024-08", "placeCode": "KP-10-HYESAN",
                                                                "verification": "unverified"])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location]?.split(separator: "?").first.map(String.init))
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last!)))
            let stored = try await server.store.get(Event.self, id: id, by: .localOperator)
            #expect(stored.record.compartment == "alpha" && stored.record.placeCode == "KP-10-HYESAN")

            let form = String(buffer: try await client.execute(uri: location + "/edit", method: .get).body)
            #expect(form.contains("name=\"version\" value=\"1\"") && form.contains("value=\"2024-08\""))
            let edited = try await post(location + "/edit", ["version": "1", "title": "혜산 체포 — 가상, 고침", "startDate": "2024-08-03",
                                                             "placeCode": "KP-10-HYESAN", "verification": "partially_verified"])
            #expect(edited.status == .seeOther && edited.headers[.location] == location + "?saved=1", "back to the record, the save confirmed")
            // A second save from the same (now stale) form overwrites nothing.
            let stale = try await post(location + "/edit", ["version": "1", "title": "덮어쓰기", "verification": "unverified"])
            #expect(stale.status == .conflict && String(buffer: stale.body).contains("role=\"alert\""))
            let page = String(buffer: try await client.execute(uri: location, method: .get).body)
            #expect(page.contains("혜산 체포 — 가상, 고침") && page.contains("2024년 8월 3일") && page.components(separatedBy: "<li>버전 ").count - 1 == 2)
            #expect(page.contains("href=\"\(location)/edit\""))

            let (_, reviewerSecret) = try await server.makeAccount("form.rev", role: .reviewer, compartments: ["alpha"])
            let reviewer = try await server.signIn("form.rev", secret: reviewerSecret)
            #expect(try await reviewer.execute(uri: "/records/event/new", method: .get).status == .forbidden)
            #expect(!String(buffer: try await reviewer.execute(uri: location, method: .get).body).contains("/edit\""))
        }
    }
}
