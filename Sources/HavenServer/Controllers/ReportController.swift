import Foundation
import HavenCore
import HavenReports
import HavenStats
import HavenStore
import Hummingbird

/// The accountability reports of the JSON API: a rescue request's trap indicators and checklist.
/// Each report reads through the repository within the caller's compartments, audited like any
/// read, and says what it is: an indicator for review, never a verdict.
struct ReportController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        let read = Requirement.permission(.readRecords)
        return [
            Route(.get, "/api/rescue-requests/{id}/indicators", read,
                  api: .init("A rescue request's trap indicators, each with the records behind it, and its verification checklist",
                             response: .of(IndicatorsView.self)), indicators),
            Route(.get, "/api/reports/brokers", read,
                  api: .init("Every broker and facilitating organisation within reach, with requests, arrests and risk flags",
                             response: .of(BrokersView.self)), brokers),
            Route(.get, "/api/reports/brokers/{kind}/{id}", read,
                  api: .init("One broker's or facilitating organisation's track record and risk flags, each with its records",
                             response: .of(TrackRecordView.self), kinds: ["person", "organisation"]), trackRecord),
            Route(.get, "/api/reports/parties", read,
                  api: .init("Per party: interventions sent, answered and unanswered (no response), and the median days to an answer",
                             response: .of(PartiesView.self)), parties),
            Route(.get, "/api/reports/trends", read,
                  api: .init("Acts by month, region, type and perpetrator, with surges above each region's own baseline",
                             query: QueryParameter.trends, response: .of(TrendsView.self)), trends),
            Route(.get, "/api/reports/statistics", read,
                  api: .init("Documented persons affected by act type and sex and by age group, with the official arrival figures",
                             query: QueryParameter.statistics, response: .of(StatisticsView.self)), statistics),
            Route(.post, "/api/statistics/arrivals", .permission(.analyse),
                  api: .init("Import official yearly arrival figures by sex from CSV with their source (analysts); all rows or none",
                             body: .of(ArrivalsBody.self), response: .of(ImportedView.self)), importArrivals),
            Route(.get, "/api/dossiers/{kind}/{id}", read,
                  api: .init("The dossier of an incident (kind event) or a person: chronology, victims, sources, every request and non-response",
                             response: .of(DossierView.self), kinds: ["event", "person"]), dossier),
            Route(.get, "/api/dossiers/party", read,
                  api: .init("The dossier of a party over a period: its requests and non-responses, and the incidents they concerned",
                             query: QueryParameter.partyDossier, response: .of(DossierView.self)), partyDossier),
        ]
    }

    /// Requests sent, answered and unanswered per party, with the median days to an answer.
    @Sendable func parties(_ request: Request, context: HavenRequestContext) async throws -> PartiesView {
        PartiesView(try await Reports.parties(repository: repository, actor: try context.actor()).parties)
    }

    /// Every broker and facilitating organisation within reach, with counts and flags.
    @Sendable func brokers(_ request: Request, context: HavenRequestContext) async throws -> BrokersView {
        BrokersView(try await ReportPageController.rows(repository: repository, actor: try context.actor(), thresholds: thresholds.risk))
    }

    /// One broker's or organisation's track record and flags.
    @Sendable func trackRecord(_ request: Request, context: HavenRequestContext) async throws -> TrackRecordView {
        let actor = try context.actor()
        let subject = try await ReportPageController.subject(kind: context.parameters.get("kind"), id: try RecordController<Person>.id(context),
                                                             repository: repository, actor: actor)
        let assessed = try await Reports.trackRecord(of: subject, repository: repository, actor: actor, thresholds: thresholds.risk).record
        return TrackRecordView(actor.seesProtected ? assessed : assessed.withDatesToTheYear(), subject: subject)
    }

    @Sendable func indicators(_ request: Request, context: HavenRequestContext) async throws -> IndicatorsView {
        let actor = try context.actor()
        let rescue = try await repository.get(RescueRequest.self, id: try RecordController<RescueRequest>.id(context), by: actor).record
        let evidence = try await TrapEvidenceReader.evidence(for: rescue, repository: repository, actor: actor, thresholds: thresholds.trap, today: environment.now)
        return IndicatorsView(rescue, found: TrapIndicators.assess(rescue, evidence: evidence, thresholds: thresholds.trap))
    }

    /// Acts by month, region, type and perpetrator, and the surges, as JSON; counts from 1 to the
    /// suppression threshold − 1 are withheld (null) for roles below analyst.
    @Sendable func trends(_ request: Request, context: HavenRequestContext) async throws -> TrendsView {
        let query = try TrendsQuery.read(ReportPageController.parameters(request), today: environment.now)
        let trends = try await TrendsReader.trends(query, detector: surge, repository: repository, actor: try context.actor())
        return TrendsView(trends, query: query, detector: surge, threshold: context.account?.allows(.analyse) == true ? 1 : thresholds.suppressBelow)
    }

    /// Persons affected by act type and sex and by age group, and official arrivals per year;
    /// small counts withheld (null) below analyst.
    @Sendable func statistics(_ request: Request, context: HavenRequestContext) async throws -> StatisticsView {
        let (first, last) = try StatisticsReader.years(ReportPageController.parameters(request), today: environment.now)
        let statistics = try await StatisticsReader.statistics(firstYear: first, lastYear: last, store: environment.statistics, actor: try context.actor())
        return StatisticsView(statistics, first: first, last: last, threshold: context.account?.allows(.analyse) == true ? 1 : thresholds.suppressBelow)
    }

    /// Imports official arrival figures: `{"source": "…", "csv": "year,women,men\n…"}`; all rows or none.
    @Sendable func importArrivals(_ request: Request, context: HavenRequestContext) async throws -> ImportedView {
        let body = try await SessionController.decode(ArrivalsBody.self, request, context)
        let figures: [ArrivalFigure]
        do throws(ArrivalCSVError) { figures = try ArrivalFigure.parse(csv: body.csv) } catch {
            throw Problem.invalid([FieldProblem(field: "csv", message: error.description)])
        }
        try await environment.statistics.importArrivals(figures, source: body.source, by: try context.actor())
        return ImportedView(imported: figures.count)
    }

    /// A dossier for one incident or person as JSON (protected values null where withheld).
    @Sendable func dossier(_ request: Request, context: HavenRequestContext) async throws -> DossierView {
        DossierView(try await DossierReader.dossier(try ReportPageController.subject(context), repository: repository, actor: try context.actor()))
    }

    /// A party's dossier over a period as JSON.
    @Sendable func partyDossier(_ request: Request, context: HavenRequestContext) async throws -> DossierView {
        let subject = try ReportPageController.partySubject(ReportPageController.parameters(request))
        return DossierView(try await DossierReader.dossier(subject, repository: repository, actor: try context.actor()))
    }
}
