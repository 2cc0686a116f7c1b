import Foundation
import HavenCore
import HavenReports
import HavenStore
import HTTPTypes
import Hummingbird

/// The server-rendered pages: sign-in and sign-out, the home page, the language switch and the
/// stylesheet. Pages speak HTML; refusals of a page send the browser to sign in.
struct PageController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        [
            Route(.get, "/login", .anyone, loginForm),
            Route(.post, "/login", .anyone, login),
            Route(.post, "/logout", .signedIn, logout),
            Route(.get, "/", .signedIn, home),
            Route(.get, "/language", .anyone, switchLanguage),
            Route(.get, "/static/{file}", .anyone, staticFile),
        ]
    }

    static func language(_ request: Request) -> Language {
        Language.preferred(cookie: request.cookies[Language.cookieName]?.value, acceptLanguage: request.headers[.acceptLanguage])
    }

    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    @Sendable func loginForm(_ request: Request, context: HavenRequestContext) async throws -> Response {
        // `kept=1`: a form was kept when the session ended (the note holds no data of it).
        let kept = QueryString.fields(request.uri).get("kept") == "1"
        return Self.page(LoginPage(notice: kept ? WebText.draftKept : nil).render(Self.language(request)))
    }

    @Sendable func login(_ request: Request, context: HavenRequestContext) async throws -> Response {
        // Only forms of this site may sign someone in (login CSRF).
        guard Self.isSameSite(request) else {
            throw Problem(status: .forbidden, title: "Sign in from Haven's own page", titleKo: "Haven 로그인 페이지에서 로그인하십시오")
        }
        let fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        let language = Self.language(request)
        let username = fields["username"] ?? ""
        let result = try await authenticator.signIn(username: username, password: fields["password"] ?? "",
                                                    code: fields["code"], address: context.address)
        switch result {
        case .signedIn(let token, let session):
            // A form kept when the last session ended is where the person left off.
            let draft = session.scope == .full ? try await environment.drafts.drafts(accountID: session.accountID).first : nil
            var response = Self.redirect(to: draft.map { "/drafts/\($0.id.wire)" } ?? "/")
            response.setCookie(SessionCookie.set(token))
            return response
        case .refused:
            return Self.page(LoginPage(username: username, problem: .refused).render(language), status: .unauthorized)
        case .throttled(let seconds):
            var response = Self.page(LoginPage(username: username, problem: .throttled).render(language), status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        case .busy:
            return Self.page(LoginPage(username: username, problem: .busy).render(language), status: .serviceUnavailable)
        }
    }

    /// Whether a form post comes from Haven's own pages. Browsers say so in `Sec-Fetch-Site`;
    /// under `Referrer-Policy: no-referrer` their `Origin` is often `null`, so it decides only
    /// when it names a site. Clients that send neither are not browsers a page could steer.
    static func isSameSite(_ request: Request) -> Bool {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!] { return site == "same-origin" || site == "none" }
        guard let origin = request.headers[.origin], origin != "null", let url = URL(string: origin) else { return true }
        return [url.host, url.port.map(String.init)].compactMap { $0 }.joined(separator: ":") == request.head.authority
    }

    @Sendable func logout(_ request: Request, context: HavenRequestContext) async throws -> Response {
        if let session = context.session { try await authenticator.signOut(token: session.token) }
        var response = Self.redirect(to: "/login")
        response.setCookie(SessionCookie.clear())
        return response
    }

    @Sendable func home(_ request: Request, context: HavenRequestContext) async throws -> Response {
        guard let account = context.account, let session = context.session else { return Self.redirect(to: "/login") }
        var page = HomePage(username: account.username, role: account.role, needsSetup: session.stored.scope != .full,
                            csrf: SessionCookie.csrfToken(for: session.token))
        if !page.needsSetup, account.allows(.readRecords), let actor = context.identity {
            page.dashboard = try await Self.dashboard(repository, actor: actor, now: environment.now)
        }
        if !page.needsSetup, account.allows(.writeRecords) {
            page.drafts = try await environment.drafts.drafts(accountID: account.id).map { ($0.id, $0.savedAt) }
        }
        return Self.page(page.render(Self.language(request)))
    }

    /// The dashboard within the reader's compartments: the five latest incidents, rescue
    /// requests counted by status, incidents counted by month over the last twelve months, and
    /// the interventions past their deadline. One report in the access log, naming the
    /// incidents and interventions it lists.
    static func dashboard(_ repository: any Repository, actor: ActingIdentity, now: Date) async throws -> HomePage.Dashboard {
        try await repository.counting(report: "dashboard", parameters: "", by: actor) { reading in
            let recent = try await reading.stored(RecordQuery(kinds: [.event])).prefix(5).map { stored in RecordsPage.row(stored, seesProtected: actor.seesProtected) }
            let requests = try await reading.records(RescueRequest.self)
            let rescue = RescueStatus.allCases.map { status in
                HomePage.RescueCount(status: status, count: requests.count { $0.status == status })
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            var monthly: [HomePage.MonthCount] = []
            for back in (0..<12).reversed() {
                guard let day = calendar.date(byAdding: .month, value: -back, to: now) else { continue }
                let parts = calendar.dateComponents([.year, .month], from: day)
                guard let year = parts.year, let month = parts.month,
                      let range = try? FuzzyDate(parsing: String(format: "%04d-%02d", year, month)) else { continue }
                let count = try await reading.count(RecordQuery(kinds: [.event], from: range.earliest, to: range.latest))
                monthly.append(.init(year: year, month: month, count: count))
            }
            // The work queue: deadlines passed and coming, each with what it concerns, and
            // requests still to verify.
            let today = Day.string(now), soon = Day.offset(today, days: 14)
            let waiting = try await reading.records(Intervention.self).filter { [.sent, .overdue].contains($0.status) && !$0.isAnswered }
            func rows(_ matching: (Intervention) -> Bool) -> [Intervention] {
                waiting.filter { $0.deadline != nil && matching($0) }.sorted { $0.deadline! < $1.deadline! }
            }
            let overdue = rows { $0.isOverdue(on: today) }
            let dueSoon = rows { !$0.isOverdue(on: today) && $0.deadline!.earliest <= soon }
            let listed = Array(overdue.prefix(10)) + Array(dueSoon.prefix(10))
            let about = try await reading.labels(listed.compactMap { $0.subjectIDs.first.map { RecordRef(.event, $0) } })
            func row(_ intervention: Intervention) -> HomePage.Overdue {
                HomePage.Overdue(id: intervention.id, party: intervention.partyName, deadline: intervention.deadline!, priority: intervention.priority,
                                 about: intervention.subjectIDs.first.flatMap { about[$0] })
            }
            let unverified = requests.filter { $0.status == .received }.sorted { ($0.timeline.first?.date.earliest ?? "") < ($1.timeline.first?.date.earliest ?? "") }
            let toVerify = unverified.prefix(10).map { request in
                RecordsPage.Row(kind: .rescueRequest, id: request.id, title: nil,
                                date: actor.seesProtected ? request.timeline.first?.date : request.timeline.first.flatMap { try? FuzzyDate(year: $0.date.year) },
                                placeCode: request.placeCode, status: RescueStatus.received.label)
            }
            reading.shows(recent.map { RecordRef(.event, $0.id) } + listed.map { RecordRef(.intervention, $0.id) }
                          + toVerify.map { RecordRef(.rescueRequest, $0.id) })
            return HomePage.Dashboard(recent: recent, rescueByStatus: rescue, monthly: monthly, overdue: overdue.prefix(10).map(row),
                                      overdueTotal: overdue.count, dueSoon: dueSoon.prefix(10).map(row),
                                      awaitingVerification: Array(toVerify), awaitingTotal: unverified.count)
        }
    }

    /// Remembers the chosen language and returns to the page it was chosen on (a path on this
    /// site only, so the switch cannot send anyone elsewhere).
    @Sendable func switchLanguage(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let language = QueryString.fields(request.uri).get("to").flatMap(Language.init(rawValue:)) ?? .ko
        var response = Self.redirect(to: LocalPath.safe(QueryString.fields(request.uri).get("back")))
        response.setCookie(Cookie(name: Language.cookieName, value: language.rawValue, maxAge: 365 * 86_400, path: "/",
                                  secure: true, httpOnly: true, sameSite: .lax))
        return response
    }

    static let stylesheet = ByteBuffer(bytes: PackageResources.haven_css)

    @Sendable func staticFile(_ request: Request, context: HavenRequestContext) async throws -> Response {
        guard context.parameters.get("file") == "haven.css" else { throw Problem.notFound("no such file") }
        return Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: .init(byteBuffer: Self.stylesheet))
    }
}
