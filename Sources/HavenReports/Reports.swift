public import Foundation
public import HavenCore
public import HavenStats
public import HavenStore

/// The accountability reports as the command line and the server use them: the same readers
/// and rules, for an identity (a signed-in reader, or the local operator, optionally narrowed to
/// compartments), with typed queries.
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
            found.append(Broker(subject: subject, name: try await name(of: subject, repository: repository, actor: actor),
                                record: TrackRecord.assess(evidence, thresholds: thresholds)))
        }
        return found.sorted {
            ($0.record.flags.count, $0.record.arrestIncidents.count, $0.record.requestsHandled) > ($1.record.flags.count, $1.record.arrestIncidents.count, $1.record.requestsHandled)
        }
    }

    /// A subject's name, or nil when withheld from the reader (or out of reach).
    public static func name(of subject: RecordRef, repository: any Repository, actor: ActingIdentity) async throws -> String? {
        guard actor.seesProtected else { return nil }
        switch subject.kind {
        case .person: return try await repository.find(Person.self, subject.id, by: actor)?.names.first?.value
        case .organisation: return try await repository.find(Organisation.self, subject.id, by: actor)?.name
        default: return nil
        }
    }

    /// A rescue request's trap indicators.
    public static func trapIndicators(request id: UUID, repository: any Repository, actor: ActingIdentity,
                                      thresholds: TrapThresholds, today: Date) async throws -> (request: RescueRequest, indicators: [TrapIndicator]) {
        let request = try await repository.get(RescueRequest.self, id: id, by: actor).record
        let evidence = try await TrapEvidenceReader.evidence(for: request, repository: repository, actor: actor, thresholds: thresholds, today: today)
        return (request, TrapIndicators.assess(request, evidence: evidence, thresholds: thresholds))
    }

    /// Every party's answers, over the interventions within reach.
    public static func parties(repository: any Repository, actor: ActingIdentity) async throws -> [PartyResponses] {
        PartyResponses.summarise(try await TrackRecordReader.all(.intervention, repository: repository, actor: actor).compactMap { $0 as? Intervention })
    }

    /// Trends as CSV (month, region, act type, count) and the surges; counts below
    /// `suppressBelow` withheld.
    public static func trends(_ query: TrendsQuery, detector: SurgeDetector, suppressBelow: Int, repository: any Repository,
                              actor: ActingIdentity) async throws -> (csv: String, surges: [SurgeDetector.Surge]) {
        let trends = try await TrendsReader.trends(query, detector: detector, repository: repository, actor: actor)
        return (TrendsReader.csv(trends, suppressBelow: suppressBelow), trends.surges)
    }

    /// Persons affected and official arrivals over `firstYear`…`lastYear` as CSV, counts below
    /// `suppressBelow` withheld.
    public static func statisticsCSV(firstYear: Int, lastYear: Int, suppressBelow: Int, store: some Repository & StatisticsKeeping, actor: ActingIdentity) async throws -> String {
        try await StatisticsReader.statistics(firstYear: firstYear, lastYear: lastYear, store: store, actor: actor).csv(suppressBelow: suppressBelow)
    }
}

/// A report that could not be made, with the reason.
public struct ReportError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { reason }

    /// Creates the error.
    public init(reason: String) { self.reason = reason }
}
