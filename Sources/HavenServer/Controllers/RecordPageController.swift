import Foundation
import HavenCore
import HavenReports
import HavenStore
import Hummingbird
import HummingbirdCore

/// The records pages: search and lists with filters (`/records`). The search form is posted, so
/// that what is searched for (a name, often) never appears in a URL, a proxy's log or the
/// browser's history; a plain `GET` lists records by coded filters only. Each record has its page
/// (`/records/{kind}/{id}`); forms are ``RecordFormController``'s.
struct RecordPageController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        [
            Route(.get, "/records", .permission(.readRecords), list),
            Route(.post, "/records", .permission(.readRecords), search),
            Route(.get, "/records/{kind}/{id}", .permission(.readRecords), show),
            Route(.get, "/records/{kind}/{id}/versions/{version}", .permission(.readRecords), showVersion),
            Route(.post, "/records/{kind}/{id}/checks", .permission(.writeRecords), saveChecks),
        ]
    }

    @Sendable func show(_ request: Request, context: HavenRequestContext) async throws -> Response {
        guard let account = context.account, let session = context.session else { return PageController.redirect(to: "/login") }
        guard let kind = context.parameters.get("kind").flatMap(RecordKind.init(rawValue:)) else {
            throw Problem.notFound("no such kind of record")
        }
        let id = try RecordController<Person>.id(context)
        let actor = try context.actor()
        let language = PageController.language(request)
        let actors = try await actorNames()
        let (stored, versions) = try await Self.load(RecordTypes.type(for: kind), id: id, repository: repository, actor: actor,
                                                     actors: actors, language: language)
        let compartments = try await environment.compartmentNames()
        var page = RecordPage.make(stored, versions: versions, seesProtected: actor.seesProtected, language: language, compartments: compartments)
        if QueryString.fields(request.uri).get("saved") == "1" { page.confirmation = WebText.savedVersion(stored.version) }
        page.canEdit = RecordPage.editableKinds.contains(kind) && account.allows(.writeRecords)
        page.canIntervene = [.event, .person, .rescueRequest].contains(kind) && account.allows(.writeRecords)
        switch stored.record {
        case let event as Event:
            page.links = try await RecordPage.links(of: event, repository: repository, actor: actor, language: language)
            let about = try await RecordPage.backLinks(to: event.id, repository: repository, actor: actor, language: language, today: environment.today, compartments: compartments)
            // The rescue requests that became this incident, and the interventions about it.
            page.links?.sections += about.sections.filter { $0.id == "interventions" || $0.id == "rescue-requests" }
        case let request as RescueRequest:
            page.links = try await RecordPage.links(of: request, repository: repository, actor: actor, language: language)
            // The interventions made about the request, as on an incident's page.
            let about = try await RecordPage.backLinks(to: request.id, repository: repository, actor: actor, language: language, today: environment.today, compartments: compartments)
            page.links?.sections += about.sections.filter { $0.id == "interventions" }
            let review = try await TrapEvidenceReader.indicators(for: request, repository: repository, actor: actor, thresholds: thresholds.trap,
                                                                 today: environment.now)
            page.trap = RecordPage.TrapReview(indicators: review.indicators, checks: request.checks ?? [], version: stored.version,
                                              canCheck: account.allows(.writeRecords), labels: review.labels)
            // The timeline's dates and notes are protected.
            page.timeline = actor.seesProtected ? request.timeline : nil
            page.canRecordIncident = request.eventID == nil && account.allows(.writeRecords)
        case let intervention as Intervention:
            page.links = try await RecordPage.links(of: intervention, repository: repository, actor: actor, language: language)
            if intervention.isOverdue(on: environment.today) { page.warning = WebText.overdue }
        case let person as Person:
            page.links = try await RecordPage.backLinks(to: id, repository: repository, actor: actor, language: language, today: environment.today, compartments: compartments)
            if let main = person.sameAs {
                let label = try await repository.find(Person.self, main, by: actor).map { RecordLabel.of($0, seesProtected: actor.seesProtected) }
                page.sameAs = (main, account.allows(.writeRecords) && account.allows(.readProtected), label)
            }
        case is Act, is Information:
            page.links = try await RecordPage.links(ofPart: stored.record, repository: repository, actor: actor, language: language)
        case is Organisation, is Source, is VictimGroup:
            page.links = try await RecordPage.backLinks(to: id, repository: repository, actor: actor, language: language, today: environment.today, compartments: compartments)
        default: break
        }
        // Analysts see who viewed and changed a record of their compartments (the query is logged too).
        if account.allows(.analyse) {
            let entries = try await environment.accessLog.auditEntries(AuditQuery(recordID: id, limit: 50), by: actor)
            page.trailTotal = entries.total
            page.trail = entries.items.map { entry in
                RecordPage.TrailEntry(at: AuditQuery.instant(entry.at, endOfDay: false).map(language.instant) ?? entry.at,
                                      who: actors.name(entry.actor, language) ?? entry.actor,
                                      action: AuditActionText.label(action: entry.action, detail: entry.detail))
            }
        }
        return PageController.page(page.render(language, account: PageUser(username: account.username, csrf: SessionCookie.csrfToken(for: session.token), role: account.role)))
    }

    /// Records which checks of a rescue request's verification checklist are done: a new version
    /// of the request (audited with who did it), each newly done check dated today.
    @Sendable func saveChecks(_ request: Request, context: HavenRequestContext) async throws -> Response {
        guard context.parameters.get("kind") == RecordKind.rescueRequest.code else { throw Problem.notFound("only rescue requests have a checklist") }
        guard let account = context.account, account.allows(.writeRecords) else { throw AuthMiddleware.roleForbids }
        let id = try RecordController<RescueRequest>.id(context)
        let fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        guard let version = fields["version"].flatMap(Int.init) else { throw Problem.badRequest("the form lost its version", field: "version") }
        let actor = try context.actor()
        var rescue = try await repository.get(RescueRequest.self, id: id, by: actor).record
        let today = try FuzzyDate(parsing: environment.today)
        rescue.checks = VerificationItem.allCases.map { item in
            let done = fields["check.\(item.code)"] == "on"
            let earlier = rescue.checks?.first { $0.item == item && $0.done }
            return VerificationCheck(item: item, done: done, date: done ? earlier?.date ?? today : nil)
        }
        do {
            _ = try await repository.update(rescue, expectedVersion: version, by: actor)
        } catch StoreError.versionConflict {
            throw Problem(status: .conflict, title: "Someone changed this request meanwhile", titleKo: "그동안 다른 사람이 이 요청을 바꾸었습니다",
                          detail: "nothing was overwritten; open the request again and tick the checks again")
        }
        return PageController.redirect(to: "/records/rescue_request/\(id.wire)?saved=1#checks")
    }

    /// A record and its versions, newest first, with who wrote each and what it changed (both
    /// reads audited by the store), authors named through `actors`.
    static func load<R: Record>(_ type: R.Type, id: UUID, repository: any Repository, actor: ActingIdentity,
                                actors: ActorNames = ActorNames(), language: Language = .ko) async throws -> (AnyStored, [RecordVersion]) {
        let stored = try await repository.get(type, id: id, by: actor)
        let history = try await repository.history(type, id: id, by: actor)
        return (AnyStored(record: stored.record, version: stored.version, updatedAt: stored.updatedAt),
                RecordVersion.list(history, actors: actors, language: language))
    }

    /// How the access log's actors are named: accounts by user name, the operator and Haven's jobs in words.
    private func actorNames() async throws -> ActorNames {
        ActorNames(accounts: Dictionary(try await environment.accessLog.accounts().map { (ActingIdentity.account($0.account.id).id, $0.account.username) },
                                        uniquingKeysWith: { first, _ in first }))
    }

    /// A past version of a record as it was, from its history (which only holds the versions
    /// kept in compartments the reader reaches); the read of the history is audited.
    @Sendable func showVersion(_ request: Request, context: HavenRequestContext) async throws -> Response {
        guard let account = context.account, let session = context.session else { return PageController.redirect(to: "/login") }
        guard let kind = context.parameters.get("kind").flatMap(RecordKind.init(rawValue:)) else {
            throw Problem.notFound("no such kind of record")
        }
        let id = try RecordController<Person>.id(context)
        guard let number = context.parameters.get("version").flatMap(Int.init), number >= 1 else { throw Problem.notFound("no such version") }
        let actor = try context.actor()
        let actors = try await actorNames()
        let language = PageController.language(request)
        func past<R: Record>(_ type: R.Type) async throws -> (AnyStored, [RecordVersion])? {
            let history = try await repository.history(type, id: id, by: actor)
            guard let version = history.first(where: { $0.version == number && !$0.deleted }) else { return nil }
            return (AnyStored(record: version.record, version: version.version, updatedAt: version.updatedAt),
                    RecordVersion.list(history, actors: actors, language: language))
        }
        guard let (stored, versions) = try await past(RecordTypes.type(for: kind)) else { throw Problem.notFound("no such version") }
        var page = RecordPage.make(stored, versions: versions, seesProtected: actor.seesProtected, language: language,
                                   compartments: try await environment.compartmentNames())
        page.pastVersion = number
        return PageController.page(page.render(language, account: PageUser(username: account.username, csrf: SessionCookie.csrfToken(for: session.token), role: account.role)))
    }

    @Sendable func list(_ request: Request, context: HavenRequestContext) async throws -> Response {
        var asked: [String: String] = [:]
        // Text never comes in a URL: a `q` there is ignored, not searched.
        for (key, value) in QueryString.fields(request.uri) where !value.isEmpty && key != "q" { asked[String(key)] = String(value) }
        return try await results(asked, request, context)
    }

    @Sendable func search(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        let asked = fields.filter { ["q", "kind", "status", "type", "compartment", "place", "from", "to", "offset"].contains($0.key) && !$0.value.isEmpty }
        return try await results(asked, request, context)
    }

    /// A place typed that names no place in the gazetteer.
    private struct UnknownPlace: Error {}

    /// Runs the asked filters (empty fields mean "any") through the API's own parser and store.
    private func results(_ asked: [String: String], _ request: Request, _ context: HavenRequestContext) async throws -> Response {
        guard let account = context.account, let session = context.session else { return PageController.redirect(to: "/login") }
        let language = PageController.language(request)
        let actor = try context.actor()
        var page = RecordsPage(query: asked, searched: true)
        page.canCreate = account.allows(.writeRecords)
        page.compartments = try await environment.compartmentNames().options(account.compartments.sorted(), language)
        do {
            var asked = asked
            // A place may be typed by name; the query takes its code.
            if let typed = asked["place"] {
                guard let code = Gazetteer.shared.code(named: typed) else { throw UnknownPlace() }
                asked["place"] = code
            }
            let pairs = asked.filter { $0.key != "compartment" }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            var query = try QueryParameters.recordQuery(QueryString.fields(pairs))
            // Without a kind, type or status, the records an officer works with; a type or
            // status (an act's, an involvement's) finds the parts it belongs to.
            if asked["kind"] == nil, asked["type"] == nil, asked["status"] == nil { query.kinds = RecordsPage.mainKinds }
            if let compartment = asked["compartment"] {
                // Only one of the reader's own; the store would narrow anything else to nothing.
                guard account.compartments.contains(compartment) else { throw Problem.badRequest("not one of your compartments", field: "compartment") }
                query.compartments = [compartment]
            }
            let found = try await repository.search(query, by: actor)
            page.rows = found.items.map { RecordsPage.row($0, seesProtected: actor.seesProtected) }
            page.total = found.total
        } catch is UnknownPlace {
            page.problem = WebText.unknownPlace
        } catch let problem as Problem {
            page.problem = WebText.badFilter
            page.problemDetail = problem.detail
        } catch StoreError.forbidden {
            page.problem = WebText.textSearchNotAllowed
        }
        let status: HTTPResponse.Status = page.problem == nil ? .ok : .badRequest
        return PageController.page(page.render(language, account: PageUser(username: account.username, csrf: SessionCookie.csrfToken(for: session.token), role: account.role)), status: status)
    }
}
