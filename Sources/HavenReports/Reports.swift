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

    /// Every broker and facilitating organisation within reach, flagged first: one report in the
    /// access log, naming the brokers it lists.
    public static func brokers(repository: any Repository, actor: ActingIdentity, thresholds: RiskThresholds) async throws -> [Broker] {
        let found = try await repository.counting(report: "brokers", parameters: "", by: actor) { reading in
            let baseline = try await TrackRecordReader.baseline(reading: reading)
            var found: [Broker] = []
            for subject in try await TrackRecordReader.subjects(reading: reading) {
                let evidence = try await TrackRecordReader.evidence(for: subject, baseline: baseline, reading: reading)
                found.append(Broker(subject: subject, name: try await name(of: subject, reading: reading, actor: actor),
                                    record: TrackRecord.assess(evidence, thresholds: thresholds)))
            }
            reading.shows(found.map(\.subject))
            return found
        }
        return found.sorted {
            ($0.record.flags.count, $0.record.arrestIncidents.count, $0.record.requestsHandled) > ($1.record.flags.count, $1.record.arrestIncidents.count, $1.record.requestsHandled)
        }
    }

    /// One broker's or facilitating organisation's track record, with its name (nil when
    /// withheld) and the labels of every record it links to: one report in the access log,
    /// naming the subject, its requests and incidents.
    public static func trackRecord(of subject: RecordRef, repository: any Repository, actor: ActingIdentity,
                                   thresholds: RiskThresholds) async throws -> (record: TrackRecord, name: String?, labels: [UUID: RecordLabel]) {
        try await repository.counting(report: "track-record", parameters: "subject=\(subject.kind.code):\(subject.id.wire)", by: actor) { reading in
            let baseline = try await TrackRecordReader.baseline(reading: reading)
            let evidence = try await TrackRecordReader.evidence(for: subject, baseline: baseline, reading: reading)
            reading.shows([subject] + evidence.requests.map { RecordRef(.rescueRequest, $0.id) } + evidence.incidents.map { RecordRef(.event, $0.event) })
            let record = TrackRecord.assess(evidence, thresholds: thresholds)
            let labels = try await reading.labels([subject] + record.flags.flatMap(\.records) + record.arrestIncidents.map { RecordRef(.event, $0.event) }
                                                  + record.fees.map { RecordRef(.rescueRequest, $0.request) } + record.allegations.map { RecordRef(.event, $0.event) })
            return (record, try await name(of: subject, reading: reading, actor: actor), labels)
        }
    }

    /// A subject's name, or nil when withheld from the reader (or out of reach).
    static func name(of subject: RecordRef, reading: ReportReading, actor: ActingIdentity) async throws -> String? {
        guard actor.seesProtected else { return nil }
        switch subject.kind {
        case .person: return try await reading.record(Person.self, subject.id)?.names.first?.value
        case .organisation: return try await reading.record(Organisation.self, subject.id)?.name
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

    /// Every party's answers, over the interventions within reach, with the labels of the
    /// interventions each lists (which the access log names as shown).
    public static func parties(repository: any Repository, actor: ActingIdentity,
                               shownPerParty: Int = .max) async throws -> (parties: [PartyResponses], labels: [UUID: RecordLabel]) {
        try await repository.counting(report: "parties", parameters: "", by: actor) { reading in
            let parties = PartyResponses.summarise(try await reading.records(Intervention.self))
            // Only the requests a page lists are named (and so logged as shown); the counts cover them all.
            return (parties, try await reading.labels(parties.flatMap { $0.interventions.prefix(shownPerParty) }.map { RecordRef(.intervention, $0) }))
        }
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
