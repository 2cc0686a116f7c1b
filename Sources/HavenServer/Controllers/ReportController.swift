import Foundation
import HavenCore
import HavenReports
import HavenStats
import HavenStore
import Hummingbird

/// The accountability reports of the JSON API: a rescue request's trap indicators and checklist.
/// Each report reads through the repository within the caller's compartments, audited like any
/// read, and says what it is: an indicator for review, never a verdict.
struct ReportController: Sendable {
    let repository: any Repository
    let store: SQLStore
    let thresholds: AccountabilityThresholds
    let surge: SurgeDetector

    func addRoutes(to group: RouterGroup<HavenRequestContext>) {
        group.get("reports/trends", use: trends)
        group.get("dossiers/party", use: partyDossier)
        group.get("dossiers/:kind/:id", use: dossier)
        group.get("reports/statistics", use: statistics)
        group.post("statistics/arrivals", use: importArrivals)
        group.get("rescue-requests/:id/indicators", use: indicators)
        group.get("reports/brokers", use: brokers)
        group.get("reports/brokers/:kind/:id", use: trackRecord)
        group.get("reports/parties", use: parties)
    }

    /// Requests sent, answered and unanswered per party, with the median days to an answer.
    @Sendable func parties(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let summary = try await Reports.parties(repository: repository, actor: try context.actor())
        return try Self.json(.object(["parties": .array(summary.map { party in
            .object(["party": .string(party.party), "sent": .number(Double(party.sent)), "answered": .number(Double(party.answered)),
                     "unanswered": .number(Double(party.unanswered)), "noResponse": .number(Double(party.noResponse)),
                     "medianDaysToAnswer": party.medianDaysToAnswer.map(JSONValue.number) ?? .null,
                     "interventions": .array(party.interventions.map { .string($0.wire) })])
        })]))
    }

    static func json(_ value: JSONValue) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try RecordBody.encoder().encode(value))))
    }

    static func json(_ label: LocalizedLabel) -> JSONValue { .object(["en": .string(label.en), "ko": .string(label.ko)]) }

    static func json(_ ref: RecordRef) -> JSONValue { .object(["kind": .string(ref.kind.code), "id": .string(ref.id.wire)]) }

    /// Every broker and facilitating organisation within reach, with counts and flags.
    @Sendable func brokers(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let rows = try await ReportPageController.rows(repository: repository, actor: try context.actor(), thresholds: thresholds.risk)
        return try Self.json(.object([
            "note": .string("A flag is an indicator for review, never a verdict."),
            "subjects": .array(rows.map { row in
                .object(["subject": Self.json(row.subject), "name": row.name.map(JSONValue.string) ?? .null, "requests": .number(Double(row.requests)),
                         "arrests": .number(Double(row.arrests)), "flags": .array(row.flags.map { .string($0.code) })])
            }),
        ]))
    }

    /// One broker's or organisation's track record and flags.
    @Sendable func trackRecord(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let actor = try context.actor()
        let subject = try await ReportPageController.subject(kind: context.parameters.get("kind"), id: try RecordController<Person>.id(context),
                                                             repository: repository, actor: actor)
        let baseline = try await TrackRecordReader.baseline(repository: repository, actor: actor)
        let assessed = TrackRecord.assess(try await TrackRecordReader.evidence(for: subject, baseline: baseline, repository: repository, actor: actor),
                                          thresholds: thresholds.risk)
        let record = actor.seesProtected ? assessed : assessed.withDatesToTheYear()
        return try Self.json(.object([
            "subject": Self.json(subject),
            "note": .string("A flag is an indicator for review, never a verdict."),
            "requestsHandled": .number(Double(record.requestsHandled)),
            "outcomes": .object(Dictionary(uniqueKeysWithValues: record.outcomes.map { ($0.key.code, JSONValue.number(Double($0.value))) })),
            "arrests": .array(record.arrests.map { .object(["event": .string($0.event.wire), "act": .string($0.act.wire),
                                                            "date": $0.date.map { .string($0.description) } ?? .null, "people": .number(Double($0.people))]) }),
            "groupSizes": .array(record.groupSizes.map { .number(Double($0)) }),
            "fees": .array(record.fees.map { .object(["date": $0.date.map { .string($0.description) } ?? .null, "amount": .number($0.fee.amount),
                                                      "currency": .string($0.fee.currency), "request": .string($0.request.wire)]) }),
            "allegations": .array(record.allegations.map { .object(["type": .string($0.type.code), "event": .string($0.event.wire),
                                                                    "rating": $0.bestRating.map(JSONValue.string) ?? .null, "corroborated": .bool($0.corroborated),
                                                                    "weight": .number($0.weight)]) }),
            "flags": .array(record.flags.map { .object(["kind": .string($0.kind.code), "explanation": Self.json($0.explanation),
                                                        "records": .array($0.records.map(Self.json))]) }),
        ]))
    }

    @Sendable func indicators(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let actor = try context.actor()
        let rescue = try await repository.get(RescueRequest.self, id: try RecordController<RescueRequest>.id(context), by: actor).record
        let evidence = try await TrapEvidenceReader.evidence(for: rescue, repository: repository, actor: actor, thresholds: thresholds.trap)
        let found = TrapIndicators.assess(rescue, evidence: evidence, thresholds: thresholds.trap)
        let body: JSONValue = .object([
            "request": .string(rescue.id.wire),
            "note": .string("Indicators are for review, never a verdict; each names the records that raise it."),
            "indicators": .array(found.map { indicator in
                .object([
                    "kind": .string(indicator.kind.code),
                    "label": .object(["en": .string(indicator.kind.label.en), "ko": .string(indicator.kind.label.ko)]),
                    "explanation": .object(["en": .string(indicator.explanation.en), "ko": .string(indicator.explanation.ko)]),
                    "records": .array(indicator.records.map { .object(["kind": .string($0.kind.code), "id": .string($0.id.wire)]) }),
                ])
            }),
            "checks": .array(VerificationItem.allCases.map { item in
                let done = rescue.checks?.first { $0.item == item && $0.done }
                return .object(["item": .string(item.code), "done": .bool(done != nil),
                                "date": done?.date.map { .string($0.description) } ?? .null])
            }),
        ])
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try RecordBody.encoder().encode(body))))
    }

    /// Acts by month, region, type and perpetrator, and the surges, as JSON; counts from 1 to the
    /// suppression threshold − 1 are withheld (null) for roles below analyst.
    @Sendable func trends(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let query = try TrendsQuery.read(ReportPageController.parameters(request))
        let trends = try await TrendsReader.trends(query, detector: surge, repository: repository, actor: try context.actor())
        let threshold = context.account?.allows(.analyse) == true ? 1 : thresholds.suppressBelow
        let count = { (n: Int) -> JSONValue in Suppression.cell(n, threshold: threshold) == .withheld ? .null : .number(Double(n)) }
        let notEnoughHistory = JSONValue.object(trends.notEnoughHistory.reduce(into: [String: JSONValue]()) { $0[$1.key] = .string($1.value.description) })
        return try Self.json(.object([
            "type": query.actType.map { .string($0.code) } ?? .null, "region": query.region.map(JSONValue.string) ?? .null,
            "from": .string(query.first.description), "to": .string(query.last.description),
            "suppressedBelow": .number(Double(threshold)),
            "months": .array(trends.months.map { .object(["month": .string($0.description), "count": count(trends.byMonth[$0] ?? 0)]) }),
            "byType": .object(Dictionary(uniqueKeysWithValues: trends.byType.map { ($0.key.code, count($0.value)) })),
            "surges": .array(trends.surges.map { surge in
                .object(["region": .string(surge.region), "month": .string(surge.month.description), "count": count(surge.count),
                         "baseline": .number(surge.baseline), "probability": .number(surge.probability),
                         "events": .array((trends.events[surge.region]?[surge.month] ?? []).map { .string($0.wire) }.sorted { "\($0)" < "\($1)" })])
            }),
            "notEnoughHistory": notEnoughHistory,
            "test": .object(["baselineMonths": .number(Double(surge.baselineMonths)), "minimumBaseline": .number(surge.minimumBaseline),
                             "minimumCount": .number(Double(surge.minimumCount)), "alpha": .number(surge.alpha)]),
        ]))
    }

    /// Persons affected by act type and sex and by age group, and official arrivals per year;
    /// small counts withheld (null) below analyst.
    @Sendable func statistics(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (first, last) = try StatisticsReader.years(ReportPageController.parameters(request))
        let statistics = try await StatisticsReader.statistics(firstYear: first, lastYear: last, store: store, actor: try context.actor())
        let threshold = context.account?.allows(.analyse) == true ? 1 : thresholds.suppressBelow
        func table(_ rows: [ActType: [String: Int]], _ columns: [String]) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: rows.map { type, row in
                let cells = Suppression.row(columns.map { row[$0] ?? 0 }, threshold: threshold)
                return (type.code, JSONValue.object(Dictionary(uniqueKeysWithValues: zip(columns, cells).map { column, cell in
                    (column, { if case .count(let n) = cell { return JSONValue.number(Double(n)) } else { return JSONValue.null } }())
                })))
            }))
        }
        return try Self.json(.object([
            "from": .number(Double(first)), "to": .number(Double(last)), "suppressedBelow": .number(Double(threshold)),
            "bySex": table(statistics.affected.table { $0.sex.code }, Sex.codes),
            "byAgeGroup": table(statistics.affected.table { $0.age.code }, AgeGroup.codes),
            "arrivals": .object(["source": statistics.arrivals.source.map(JSONValue.string) ?? .null,
                                 "years": .array(statistics.arrivals.figures.map { .object(["year": .number(Double($0.year)), "women": .number(Double($0.women)),
                                                                                            "men": .number(Double($0.men))]) })]),
        ]))
    }

    /// Imports official arrival figures: `{"source": "…", "csv": "year,women,men\n…"}`; all rows or none.
    @Sendable func importArrivals(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let object = try await RecordBody.object(request, context: context)
        guard case .string(let source)? = object["source"], case .string(let csv)? = object["csv"] else {
            throw Problem.invalid([FieldProblem(field: "csv", message: "give source and csv as strings")])
        }
        let figures: [ArrivalFigure]
        do throws(ArrivalCSVError) { figures = try ArrivalFigure.parse(csv: csv) } catch {
            throw Problem.invalid([FieldProblem(field: "csv", message: error.description)])
        }
        try await store.importArrivals(figures, source: source, by: try context.actor())
        return try Self.json(.object(["imported": .number(Double(figures.count))]))
    }

    /// A dossier for one incident or person as JSON (protected values null where withheld).
    @Sendable func dossier(_ request: Request, context: HavenRequestContext) async throws -> Response {
        try Self.json(try await DossierReader.dossier(try ReportPageController.subject(context), repository: repository, actor: try context.actor()).json)
    }

    /// A party's dossier over a period as JSON.
    @Sendable func partyDossier(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let subject = try ReportPageController.partySubject(ReportPageController.parameters(request))
        return try Self.json(try await DossierReader.dossier(subject, repository: repository, actor: try context.actor()).json)
    }
}
