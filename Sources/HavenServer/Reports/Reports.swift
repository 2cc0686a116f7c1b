public import Foundation
public import HavenCore
public import HavenStats
public import HavenStore

/// The accountability reports as the command line uses them: the same readers and rules as the
/// pages and the API, for an identity (the local operator, optionally narrowed to compartments).
public enum Reports {
    /// One broker or facilitating organisation: its record, name (nil when withheld) and track record.
    public struct Broker: Sendable {
        public var subject: RecordRef
        public var name: String?
        public var record: TrackRecord
    }

    /// Every broker and facilitating organisation within reach, flagged first.
    public static func brokers(repository: any Repository, actor: ActingIdentity, thresholds: RiskThresholds) async throws -> [Broker] {
        let baseline = try await TrackRecordReader.baseline(repository: repository, actor: actor)
        var found: [Broker] = []
        for subject in try await TrackRecordReader.subjects(repository: repository, actor: actor) {
            let evidence = try await TrackRecordReader.evidence(for: subject, baseline: baseline, repository: repository, actor: actor)
            found.append(Broker(subject: subject, name: try await ReportPageController.name(of: subject, repository: repository, actor: actor),
                                record: TrackRecord.assess(evidence, thresholds: thresholds)))
        }
        return found.sorted {
            ($0.record.flags.count, $0.record.arrests.count, $0.record.requestsHandled) > ($1.record.flags.count, $1.record.arrests.count, $1.record.requestsHandled)
        }
    }

    /// A rescue request's trap indicators.
    public static func trapIndicators(request id: UUID, repository: any Repository, actor: ActingIdentity,
                                      thresholds: TrapThresholds) async throws -> (request: RescueRequest, indicators: [TrapIndicator]) {
        let request = try await repository.get(RescueRequest.self, id: id, by: actor).record
        let evidence = try await TrapEvidenceReader.evidence(for: request, repository: repository, actor: actor, thresholds: thresholds)
        return (request, TrapIndicators.assess(request, evidence: evidence, thresholds: thresholds))
    }

    /// Every party's answers.
    public static func parties(repository: any Repository, actor: ActingIdentity) async throws -> [PartyResponses] {
        try await ReportPageController.partyResponses(repository: repository, actor: actor)
    }

    /// Trends as CSV (month, region, act type, count) and the surges, for `type`, `region`, `from`
    /// and `to` as the page takes them; counts below `suppressBelow` withheld.
    public static func trends(_ parameters: [String: String], detector: SurgeDetector, suppressBelow: Int, repository: any Repository,
                              actor: ActingIdentity) async throws -> (csv: String, surges: [SurgeDetector.Surge]) {
        let query: TrendsQuery
        do { query = try TrendsQuery.read(parameters) } catch let problem as Problem { throw ReportError(reason: problem.detail ?? problem.title) }
        let trends = try await TrendsReader.trends(query, detector: detector, repository: repository, actor: actor)
        return (TrendsReader.csv(trends, suppressBelow: suppressBelow), trends.surges)
    }
}

extension Reports {
    /// What a dossier is about.
    public enum DossierSubject: Sendable {
        case event(UUID)
        case person(UUID)
        case party(name: String, from: FuzzyDate?, to: FuzzyDate?)
    }

    /// A dossier as printable HTML (its stylesheet inlined) or, with `pdf`, as PDF printed by
    /// headless Chromium; every read behind it is audited.
    public static func dossier(_ subject: DossierSubject, language: Language, pdf: Bool, repository: any Repository,
                               actor: ActingIdentity, madeBy: String) async throws -> Data {
        let inner: Dossier.Subject = switch subject {
        case .event(let id): .event(id)
        case .person(let id): .person(id)
        case .party(let name, let from, let to): .party(name: name, from: from, to: to)
        }
        let dossier: Dossier
        do { dossier = try await DossierReader.dossier(inner, repository: repository, actor: actor) } catch StoreError.notFound {
            throw ReportError(reason: "no such record within reach")
        }
        let html = DossierPage(dossier: dossier, generatedAt: Date(), generatedBy: madeBy, path: "/").printDocument(language)
        guard pdf else { return Data(html.utf8) }
        guard let printer = PDFPrinter.available() else { throw ReportError(reason: "PDF printing needs Chromium (apt-get install chromium)") }
        return try await printer.pdf(html: html)
    }
}

extension Reports {
    /// Persons affected and official arrivals over `from`…`to` (years) as CSV, counts below
    /// `suppressBelow` withheld.
    public static func statisticsCSV(from: Int?, to: Int?, suppressBelow: Int, store: SQLStore, actor: ActingIdentity) async throws -> String {
        let parameters = ["from": from.map(String.init), "to": to.map(String.init)].compactMapValues { $0 }
        let years: (Int, Int)
        do { years = try StatisticsReader.years(parameters) } catch let problem as Problem { throw ReportError(reason: problem.detail ?? problem.title) }
        return try await StatisticsReader.statistics(firstYear: years.0, lastYear: years.1, store: store, actor: actor).csv(suppressBelow: suppressBelow)
    }
}

/// A report that could not be made, with the reason.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }
}
