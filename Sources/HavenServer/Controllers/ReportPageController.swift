import Foundation
import HavenCore
import HavenReports
import HavenStats
import HavenStore
import Hummingbird

/// The accountability pages: brokers' and facilitating organisations' track records.
struct ReportPageController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        [
            Route(.get, "/reports/statistics", .permission(.readRecords), statistics),
            Route(.get, "/reports/statistics.csv", .permission(.readRecords), statisticsCSV),
            Route(.post, "/reports/statistics/arrivals", .permission(.analyse), importArrivals),
            Route(.get, "/dossiers/party", .permission(.readRecords), partyDossier),
            Route(.get, "/dossiers/{kind}/{id}", .permission(.readRecords), dossier),
            Route(.get, "/reports/trends", .permission(.readRecords), trends),
            Route(.get, "/reports/trends.csv", .permission(.readRecords), trendsCSV),
            Route(.get, "/reports/trends/events", .permission(.readRecords), surgeEvents),
            Route(.get, "/reports/brokers", .permission(.readRecords), brokers),
            Route(.get, "/reports/brokers/{kind}/{id}", .permission(.readRecords), trackRecord),
            Route(.get, "/reports/parties", .permission(.readRecords), parties),
            Route(.get, "/reports/estimates", .permission(.analyse), estimates),
        ]
    }

    @Sendable func parties(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try signedIn(context)
        let summary = try await Reports.parties(repository: repository, actor: actor, shownPerParty: PartyResponsesPage.shownPerParty)
        return PageController.page(PartyResponsesPage(parties: summary.parties, labels: summary.labels).render(PageController.language(request), account: account))
    }

    func signedIn(_ context: HavenRequestContext) throws -> (PageUser, ActingIdentity) {
        let reader = try context.signedIn()
        return (try reader.pageUser(), reader.identity)
    }

    @Sendable func brokers(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try signedIn(context)
        let rows = try await Self.rows(repository: repository, actor: actor, thresholds: thresholds.risk)
        return PageController.page(BrokerListPage(rows: rows).render(PageController.language(request), account: account))
    }

    /// Every broker and facilitating organisation within reach with its counts and flags, flagged first.
    static func rows(repository: any Repository, actor: ActingIdentity, thresholds: RiskThresholds) async throws -> [BrokerListPage.Row] {
        try await Reports.brokers(repository: repository, actor: actor, thresholds: thresholds).map { broker in
            .init(subject: broker.subject, name: broker.name, requests: broker.record.requestsHandled, arrests: broker.record.arrestIncidents.count,
                  flags: broker.record.flags.map(\.kind))
        }
    }

    /// The subject of a track record by kind and id, 404 when it is not a person or organisation within reach.
    static func subject(kind: String?, id: UUID, repository: any Repository, actor: ActingIdentity) async throws -> RecordRef {
        switch kind.flatMap(RecordKind.init(rawValue:)) {
        case .person?: _ = try await repository.get(Person.self, id: id, by: actor); return RecordRef(.person, id)
        case .organisation?: _ = try await repository.get(Organisation.self, id: id, by: actor); return RecordRef(.organisation, id)
        default: throw Problem.notFound("track records are kept for persons and organisations")
        }
    }

    @Sendable func trackRecord(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try signedIn(context)
        let subject = try await Self.subject(kind: context.parameters.get("kind"), id: try RecordController<Person>.id(context),
                                             repository: repository, actor: actor)
        let (assessed, name, labels) = try await Reports.trackRecord(of: subject, repository: repository, actor: actor, thresholds: thresholds.risk)
        let page = TrackRecordPage(record: actor.seesProtected ? assessed : assessed.withDatesToTheYear(), name: name, labels: labels)
        return PageController.page(page.render(PageController.language(request), account: account))
    }

    static func parameters(_ request: Request) -> [String: String] {
        var parameters: [String: String] = [:]
        for (key, value) in QueryString.fields(request.uri) { parameters[String(key)] = String(value) }
        return parameters
    }

    /// Counts from 1 to the threshold − 1 are withheld for roles below analyst.
    func suppression(_ context: HavenRequestContext) -> Int {
        context.account?.allows(.analyse) == true ? 1 : thresholds.suppressBelow
    }

    @Sendable func trends(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try signedIn(context)
        let parameters = Self.parameters(request)
        // A filter that cannot be read shows the default view, the form as typed and the problem.
        var problem: FilterProblem?
        let query: TrendsQuery
        do { query = try TrendsQuery.read(parameters, today: environment.now) } catch {
            problem = FilterProblem(error, typed: parameters)
            query = try TrendsQuery(today: environment.now)
        }
        let trends = try await TrendsReader.trends(query, detector: surge, repository: repository, actor: actor)
        let page = TrendsPage(trends: trends, suppressBelow: suppression(context), detector: surge, problem: problem)
        return PageController.page(page.render(PageController.language(request), account: account), status: problem == nil ? .ok : .badRequest)
    }

    /// The figures behind the trends chart, as CSV (suppressed like the page for the reader's role).
    @Sendable func trendsCSV(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (_, actor) = try signedIn(context)
        let query = try TrendsQuery.read(Self.parameters(request), today: environment.now)
        let trends = try await TrendsReader.trends(query, detector: surge, repository: repository, actor: actor)
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"haven-trends.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: TrendsReader.csv(trends, suppressBelow: suppression(context)))))
    }

    /// The incidents behind one region-month of the trends.
    @Sendable func surgeEvents(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try signedIn(context)
        let parameters = Self.parameters(request)
        guard let region = parameters["region"], let month = parameters["month"].flatMap({ Month($0) }) else {
            throw Problem.badRequest("give a region and a month (YYYY-MM)", field: "region")
        }
        var query = try TrendsQuery.read(["type": parameters["type"] ?? "", "from": month.description, "to": month.description], today: environment.now)
        query.region = nil
        let trends = try await TrendsReader.trends(query, detector: surge, repository: repository, actor: actor)
        var rows: [RecordsPage.Row] = []
        for id in (trends.events[region]?[month] ?? []).sorted(by: { $0.uuidString < $1.uuidString }) {
            let stored = try await repository.get(Event.self, id: id, by: actor)
            rows.append(RecordsPage.row(AnyStored(record: stored.record, version: stored.version, updatedAt: stored.updatedAt), seesProtected: actor.seesProtected))
        }
        return PageController.page(SurgeEventsPage(region: region, month: month, rows: rows).render(PageController.language(request), account: account))
    }

    /// The dossier subject of `/…/{kind}/{id}`.
    static func subject(_ context: HavenRequestContext) throws -> Dossier.Subject {
        let id = try RecordController<Event>.id(context)
        switch context.parameters.get("kind").flatMap(RecordKind.init(rawValue:)) {
        case .event?: return .event(id)
        case .person?: return .person(id)
        default: throw Problem.notFound("dossiers are made for an incident, a person or a party")
        }
    }

    /// The party dossier's subject from `name`, `from` and `to`.
    static func partySubject(_ parameters: [String: String]) throws -> Dossier.Subject {
        guard let name = parameters["name"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty, name.count <= 500 else {
            throw Problem.badRequest("name the party, e.g. ?name=…", field: "name")
        }
        func date(_ key: String) throws -> FuzzyDate? {
            guard let text = parameters[key], !text.isEmpty else { return nil }
            do { return try FuzzyDate(parsing: text) } catch { throw Problem.badRequest("\(key): \(error.reason)", field: key) }
        }
        return .party(name: name, from: try date("from"), to: try date("to"))
    }

    /// A dossier for one incident or one person, laid out for paper.
    @Sendable func dossier(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try signedIn(context)
        let subject = try Self.subject(context)
        let dossier = try await DossierReader.dossier(subject, repository: repository, actor: actor)
        let page = DossierPage(dossier: dossier, generatedAt: environment.now, generatedBy: account.username, path: request.uri.path)
        return try await Self.respond(page, request, account: account)
    }

    /// A dossier of the requests to one party over a period, with the incidents they were about.
    @Sendable func partyDossier(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try signedIn(context)
        let parameters = Self.parameters(request)
        let subject = try Self.partySubject(parameters)
        guard case .party(let name, _, _) = subject else { throw Problem.badRequest("name the party", field: "name") }
        let dossier = try await DossierReader.dossier(subject, repository: repository, actor: actor)
        var path = "/dossiers/party?name=" + (name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        for key in ["from", "to"] { if let value = parameters[key], !value.isEmpty { path += "&\(key)=\(value)" } }
        let page = DossierPage(dossier: dossier, generatedAt: environment.now, generatedBy: account.username, path: path)
        return try await Self.respond(page, request, account: account)
    }

    /// Documented against estimated per stratum (multiple systems estimation), for analysts.
    @Sendable func estimates(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try signedIn(context)
        let parameters = Self.parameters(request)
        // Every parameter is one of a closed list; anything else falls back to the default.
        let actType = parameters["type"].flatMap { code in ActType.allCases.first { $0.code == code } } ?? .arrest
        let byValue = EstimatesPage.stratifications.map(\.value).first { $0 == parameters["by", default: ""] } ?? ""
        let method = EstimatesPage.methods.map(\.value).first { $0 == parameters["method"] } ?? "dga"
        let by = byValue.split(separator: ",").compactMap { EstimateStratum(rawValue: String($0)) }
        var page = EstimatesPage(actType: actType, by: by, method: method, rows: [], groupActs: 0, outside: 0)
        do {
            let table = try await EstimateReader.histories(EstimateQuery(actType: actType, by: by), repository: repository, actor: actor)
            page.groupActs = table.groupActs
            page.outside = table.outsideLists
            page.leftOutSources = table.leftOutSources
            page.listLabels = EstimatesPage.labels(table.lists)
            page.rows = table.strata.map { stratum in Self.estimateRow(stratum, method: method) }
        } catch let error as ReportQueryError {
            page.problem = LocalizedLabel(en: error.message.prefix(1).uppercased() + error.message.dropFirst() + ".",
                                          ko: "이 행위를 기록한 출처가 2개보다 적어 추정할 수 없습니다.")
        }
        return PageController.page(page.render(PageController.language(request), account: account))
    }

    /// One stratum's estimate by the method asked; dga outside three to five lists falls back
    /// to log-linear models, and says so.
    static func estimateRow(_ stratum: EstimateHistories.Stratum, method: String) -> EstimatesPage.Row {
        var row = EstimatesPage.Row(values: stratum.values, lists: stratum.histories?.lists ?? [], observed: stratum.observed)
        guard let histories = stratum.histories else {
            row.note = switch stratum.refusal {
            case .tooFew(let observed, let minimum): WebText.refusedStratum(observed: observed, minimum: minimum)
            case .oneList: WebText.oneListOnly
            case .unformed, nil: WebText.estimateFailed
            }
            return row
        }
        do {
            switch method {
            case "lcmcr": row.estimate = try LatentClassEstimator().estimate(histories)
            case "loglinear": row.estimate = try LogLinearEstimator().estimate(histories)
            default:
                if (3...GraphAveragingEstimator.maximumLists).contains(histories.lists.count) {
                    row.estimate = try GraphAveragingEstimator().estimate(histories)
                } else {
                    row.estimate = try LogLinearEstimator().estimate(histories)
                    row.note = WebText.methodFallback
                }
            }
        } catch {
            row.note = WebText.estimateFailed
        }
        return row
    }

    @Sendable func statistics(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try signedIn(context)
        let parameters = Self.parameters(request)
        var problem: FilterProblem?
        let (first, last): (Int, Int)
        do { (first, last) = try StatisticsReader.years(parameters, today: environment.now) } catch {
            problem = FilterProblem(error, typed: parameters)
            (first, last) = try StatisticsReader.years(from: nil, to: nil, today: environment.now)
        }
        let statistics = try await StatisticsReader.statistics(firstYear: first, lastYear: last, store: environment.statistics, actor: actor)
        var page = StatisticsPage(statistics: statistics, suppressBelow: suppression(context), canImport: context.account?.allows(.analyse) == true)
        page.problem = problem
        return PageController.page(page.render(PageController.language(request), account: account), status: problem == nil ? .ok : .badRequest)
    }

    /// The statistics as CSV; for sharing (`shared=1`), or for a role below analyst, small cells withheld.
    @Sendable func statisticsCSV(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (_, actor) = try signedIn(context)
        let parameters = Self.parameters(request)
        let (first, last) = try StatisticsReader.years(parameters, today: environment.now)
        let statistics = try await StatisticsReader.statistics(firstYear: first, lastYear: last, store: environment.statistics, actor: actor)
        let threshold = parameters["shared"] == "1" ? thresholds.suppressBelow : suppression(context)
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"haven-statistics.csv\""],
                        body: .init(byteBuffer: ByteBuffer(string: statistics.csv(suppressBelow: threshold))))
    }

    /// Imports official arrival figures from pasted CSV, all rows or none; a refusal names the row.
    @Sendable func importArrivals(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try signedIn(context)
        guard context.account?.allows(.analyse) == true else { throw AuthMiddleware.roleForbids }
        let fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        let language = PageController.language(request)
        let source = fields["source"] ?? "", csv = fields["csv"] ?? ""
        var problem: String?
        var figures: [ArrivalFigure] = []
        do throws(ArrivalCSVError) { figures = try ArrivalFigure.parse(csv: csv) } catch {
            problem = language == .ko ? error.korean : error.description
        }
        if problem == nil && source.trimmingCharacters(in: .whitespaces).isEmpty {
            problem = language == .ko ? "공식 통계의 출처를 적으십시오" : "Name the source of the official figures"
        }
        if problem == nil { try await environment.statistics.importArrivals(figures, source: source, by: actor) }
        let (first, last) = try StatisticsReader.years([:], today: environment.now)
        let statistics = try await StatisticsReader.statistics(firstYear: first, lastYear: last, store: environment.statistics, actor: actor)
        var page = StatisticsPage(statistics: statistics, suppressBelow: suppression(context), canImport: true)
        page.importProblem = problem
        page.imported = problem == nil
        if problem != nil { page.importSource = source; page.importCSV = csv }
        return PageController.page(page.render(language, account: account), status: problem == nil ? .ok : .unprocessableContent)
    }

    /// A dossier as a page, or with `format=pdf` as PDF printed by headless Chromium on the
    /// server (nothing written to disk); without Chromium, a page that says to print from the browser.
    static func respond(_ page: DossierPage, _ request: Request, account: PageUser) async throws -> Response {
        let language = PageController.language(request)
        guard parameters(request)["format"] == "pdf" else { return PageController.page(page.render(language, account: account)) }
        guard let printer = PDFPrinter.available() else {
            throw Problem(status: .notImplemented, title: "PDF printing needs Chromium on the server",
                          titleKo: "PDF로 만들려면 서버에 Chromium이 있어야 합니다", detail: "print the dossier page from your browser instead")
        }
        let pdf: Data
        do { pdf = try await printer.pdf(html: page.printDocument(language)) } catch let busy as PDFPrinter.Busy {
            var problem = Problem(status: .serviceUnavailable, title: "Other dossiers are being printed; try again shortly",
                                  titleKo: "다른 자료집을 인쇄하는 중입니다. 잠시 후 다시 시도하십시오",
                                  detail: "at most \(PDFPrinter.concurrentPrints) dossiers are printed at once")
            problem.retryAfter = busy.retryAfter
            throw problem
        } catch {
            throw Problem(status: .serviceUnavailable, title: "The PDF could not be made", titleKo: "PDF를 만들 수 없습니다",
                          detail: "print the dossier page from your browser instead")
        }
        return Response(status: .ok, headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"haven-dossier.pdf\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
    }
}
