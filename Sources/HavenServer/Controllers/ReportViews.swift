import Foundation
import HavenCore
import HavenReports
import HavenStats
import HavenStore
import Hummingbird

/// `null` written out rather than the key left away: a withheld count or an unknown date is
/// there to be seen as such.
struct OrNull<Value: Codable>: Codable, SchemaPlaceholder {
    let value: Value?

    init(_ value: Value?) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = container.decodeNil() ? nil : try container.decode(Value.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }

    static var placeholder: OrNull { OrNull(nil) }
    static var schema: Schema { get throws { .nullable(try SchemaDecoder.schema(of: Value.self)) } }
}

/// A fuzzy date as its text (`2019`, `2019-03`, `2019-03-02`) or null.
typealias DateOrNull = OrNull<FuzzyDate>

/// Requests sent, answered and unanswered per party.
struct PartiesView: Codable, ResponseEncodable {
    struct Party: Codable {
        let party: String
        let sent: Int
        let answered: Int
        let unanswered: Int
        let noResponse: Int
        let medianDaysToAnswer: OrNull<Double>
        let interventions: [String]
    }
    let parties: [Party]

    init(_ summary: [PartyResponses]) {
        parties = summary.map {
            Party(party: $0.party, sent: $0.sent, answered: $0.answered, unanswered: $0.unanswered, noResponse: $0.noResponse,
                  medianDaysToAnswer: OrNull($0.medianDaysToAnswer), interventions: $0.interventions.map(\.wire))
        }
    }
}

/// The statement every flag and indicator carries.
let reviewNote = "A flag is an indicator for review, never a verdict."

/// Every broker and facilitating organisation within reach.
struct BrokersView: Codable, ResponseEncodable {
    struct Subject: Codable {
        let subject: RecordRefView
        let name: OrNull<String>
        let requests: Int
        let arrests: Int
        let flags: [RiskFlagKind]
    }
    let note: String
    let subjects: [Subject]

    init(_ rows: [BrokerListPage.Row]) {
        note = reviewNote
        subjects = rows.map { Subject(subject: RecordRefView($0.subject), name: OrNull($0.name), requests: $0.requests, arrests: $0.arrests, flags: $0.flags) }
    }
}

/// One broker's or organisation's track record.
struct TrackRecordView: Codable, ResponseEncodable {
    struct Arrest: Codable {
        let event: String
        let act: String
        let date: DateOrNull
        let people: Int
    }
    struct Fee: Codable {
        let date: DateOrNull
        let amount: Double
        let currency: String
        let request: String
    }
    struct Allegation: Codable {
        let type: ActType
        let event: String
        let rating: OrNull<String>
        let corroborated: Bool
        let weight: Double
    }
    struct Flag: Codable {
        let kind: RiskFlagKind
        let explanation: LocalizedLabel
        let records: [RecordRefView]
    }
    let subject: RecordRefView
    let note: String
    let requestsHandled: Int
    /// Requests by outcome code.
    let outcomes: [String: Int]
    let arrests: [Arrest]
    let groupSizes: [Int]
    let fees: [Fee]
    let allegations: [Allegation]
    let flags: [Flag]

    init(_ record: TrackRecord, subject: RecordRef) {
        self.subject = RecordRefView(subject)
        note = reviewNote
        requestsHandled = record.requestsHandled
        outcomes = Dictionary(uniqueKeysWithValues: record.outcomes.map { ($0.key.code, $0.value) })
        arrests = record.arrests.map { Arrest(event: $0.event.wire, act: $0.act.wire, date: OrNull($0.date), people: $0.people) }
        groupSizes = record.groupSizes
        fees = record.fees.map { Fee(date: OrNull($0.date), amount: $0.fee.amount, currency: $0.fee.currency, request: $0.request.wire) }
        allegations = record.allegations.map {
            Allegation(type: $0.type, event: $0.event.wire, rating: OrNull($0.bestRating), corroborated: $0.corroborated, weight: $0.weight)
        }
        flags = record.flags.map { Flag(kind: $0.kind, explanation: $0.explanation, records: $0.records.map(RecordRefView.init)) }
    }
}

/// A rescue request's trap indicators and verification checklist.
struct IndicatorsView: Codable, ResponseEncodable {
    struct Indicator: Codable {
        let kind: TrapIndicatorKind
        let label: LocalizedLabel
        let explanation: LocalizedLabel
        let records: [RecordRefView]
    }
    struct Check: Codable {
        let item: VerificationItem
        let done: Bool
        let date: DateOrNull
    }
    let request: String
    let note: String
    let indicators: [Indicator]
    let checks: [Check]

    init(_ rescue: RescueRequest, found: [TrapIndicator]) {
        request = rescue.id.wire
        note = "Indicators are for review, never a verdict; each names the records that raise it."
        indicators = found.map { Indicator(kind: $0.kind, label: $0.kind.label, explanation: $0.explanation, records: $0.records.map(RecordRefView.init)) }
        checks = VerificationItem.allCases.map { item in
            let done = rescue.checks?.first { $0.item == item && $0.done }
            return Check(item: item, done: done != nil, date: OrNull(done?.date))
        }
    }
}

/// Acts by month and type, and the surges; a count below the threshold is null.
struct TrendsView: Codable, ResponseEncodable {
    struct MonthCount: Codable {
        let month: String
        let count: OrNull<Int>
    }
    struct Surge: Codable {
        let region: String
        let month: String
        let count: OrNull<Int>
        let baseline: Double
        let probability: Double
        let events: [String]
    }
    struct Test: Codable {
        let baselineMonths: Int
        let minimumBaseline: Double
        let minimumCount: Int
        let alpha: Double
    }
    let type: OrNull<ActType>
    let region: OrNull<String>
    let from: String
    let to: String
    let suppressedBelow: Int
    let months: [MonthCount]
    /// Acts by type code.
    let byType: [String: OrNull<Int>]
    let surges: [Surge]
    /// Per region, the first month whose surge test has a whole baseline of documented history.
    let notEnoughHistory: [String: String]
    let test: Test

    init(_ trends: Trends, query: TrendsQuery, detector: SurgeDetector, threshold: Int) {
        let count = { (n: Int) in OrNull(Suppression.cell(n, threshold: threshold) == .withheld ? nil : n) }
        type = OrNull(query.actType)
        region = OrNull(query.region)
        from = query.first.description
        to = query.last.description
        suppressedBelow = threshold
        months = trends.months.map { MonthCount(month: $0.description, count: count(trends.byMonth[$0] ?? 0)) }
        byType = Dictionary(uniqueKeysWithValues: trends.byType.map { ($0.key.code, count($0.value)) })
        surges = trends.surges.map { surge in
            Surge(region: surge.region, month: surge.month.description, count: count(surge.count), baseline: surge.baseline,
                  probability: surge.probability, events: (trends.events[surge.region]?[surge.month] ?? []).map(\.wire).sorted())
        }
        notEnoughHistory = trends.notEnoughHistory.mapValues(\.description)
        test = Test(baselineMonths: detector.baselineMonths, minimumBaseline: detector.minimumBaseline, minimumCount: detector.minimumCount,
                    alpha: detector.alpha)
    }
}

/// Persons affected by act type and sex and by age group, and official arrivals.
struct StatisticsView: Codable, ResponseEncodable {
    struct Arrivals: Codable {
        struct Year: Codable {
            let year: Int
            let women: Int
            let men: Int
        }
        let source: OrNull<String>
        let years: [Year]
    }
    let from: Int
    let to: Int
    let suppressedBelow: Int
    /// Per act type code, per sex code: a count, or null when withheld.
    let bySex: [String: [String: OrNull<Int>]]
    /// Per act type code, per age group code.
    let byAgeGroup: [String: [String: OrNull<Int>]]
    let arrivals: Arrivals

    init(_ statistics: Statistics, first: Int, last: Int, threshold: Int) {
        func table(_ rows: [ActType: [String: Int]], _ columns: [String]) -> [String: [String: OrNull<Int>]] {
            Dictionary(uniqueKeysWithValues: rows.map { type, row in
                let cells = Suppression.row(columns.map { row[$0] ?? 0 }, threshold: threshold)
                return (type.code, Dictionary(uniqueKeysWithValues: zip(columns, cells).map { column, cell in
                    (column, OrNull({ if case .count(let n) = cell { n } else { nil } }()))
                }))
            })
        }
        from = first
        to = last
        suppressedBelow = threshold
        bySex = table(statistics.affected.table { $0.sex.code }, Sex.codes)
        byAgeGroup = table(statistics.affected.table { $0.age.code }, AgeGroup.codes)
        arrivals = Arrivals(source: OrNull(statistics.arrivals.source),
                            years: statistics.arrivals.figures.map { Arrivals.Year(year: $0.year, women: $0.women, men: $0.men) })
    }
}

/// How many official figures were imported.
struct ImportedView: Codable, ResponseEncodable {
    let imported: Int
}

/// The body of `POST /api/statistics/arrivals`.
struct ArrivalsBody: StrictBody {
    /// Where the figures come from, e.g. the Ministry of Unification's yearly table.
    let source: String
    /// `year,women,men` rows.
    let csv: String
    enum CodingKeys: String, CodingKey, CaseIterable { case source, csv }
}

/// Duplicate suggestions for scripts: ids, probability and each comparison, never names.
struct DuplicatesView: Codable, ResponseEncodable {
    struct Comparison: Codable {
        let comparison: String
        let level: Int
        let meaning: String
        let weight: Double
    }
    struct Suggestion: Codable {
        let first: String
        let second: String
        let probability: Double
        let comparisons: [Comparison]
    }
    let total: Int
    let suggestions: [Suggestion]
}

/// A dossier as JSON: protected values only where the reader sees them (null otherwise).
struct DossierView: Codable, ResponseEncodable {
    struct Subject: Codable {
        let kind: String
        let id: String?
        let name: String?
        let from: DateOrNull?
        let to: DateOrNull?
    }
    struct Group: Codable {
        let size: Int
        let women: OrNull<Int>
        let men: OrNull<Int>
        let children: OrNull<Int>
    }
    struct Act: Codable {
        let type: ActType
        let victim: OrNull<String>
        let status: VictimStatus
        let group: OrNull<Group>
    }
    struct Actor: Codable {
        let name: OrNull<String>
        let role: InvolvementRole
        let organisationKind: OrNull<OrganisationKind>
    }
    struct Source: Codable {
        let name: OrNull<String>
        let kind: SourceKind
        let connection: SourceConnection
        /// Reliability and credibility, e.g. `B2`.
        let rating: String
        let content: OrNull<String>
    }
    struct Incident: Codable {
        let event: String
        let title: OrNull<String>
        let description: OrNull<String>
        let startDate: DateOrNull
        let placeCode: OrNull<String>
        let verification: VerificationStatus
        let people: Int
        let corroborated: Bool
        let acts: [Act]
        let actors: [Actor]
        let sources: [Source]
    }
    struct Intervention: Codable {
        let id: String
        let party: String
        let channel: InterventionChannel
        let dateSent: DateOrNull
        let deadline: DateOrNull
        let request: OrNull<String>
        let response: InterventionResponse
        let responseDate: DateOrNull
        let answered: Bool
    }
    let subject: Subject
    let name: OrNull<String>
    let incidents: [Incident]
    let interventions: [Intervention]

    init(_ dossier: Dossier) {
        let sees = dossier.seesProtected
        subject = switch dossier.subject {
        case .event(let id): Subject(kind: "event", id: id.wire, name: nil, from: nil, to: nil)
        case .person(let id): Subject(kind: "person", id: id.wire, name: nil, from: nil, to: nil)
        case .party(let name, let from, let to): Subject(kind: "party", id: nil, name: name, from: OrNull(from), to: OrNull(to))
        }
        name = OrNull(dossier.name)
        incidents = dossier.incidents.map { incident in
            let event = incident.event
            return Incident(
                event: event.id.wire, title: OrNull(sees ? event.title : nil), description: OrNull(sees ? event.description : nil),
                startDate: OrNull(sees ? event.startDate : event.startDate?.toTheYear), placeCode: OrNull(event.placeCode),
                verification: event.verification, people: incident.people, corroborated: incident.corroborated,
                acts: incident.acts.map { act in
                    Act(type: act.type, victim: OrNull(act.victim), status: act.status,
                        group: OrNull(act.group.map { Group(size: $0.size, women: OrNull($0.women), men: OrNull($0.men), children: OrNull($0.children)) }))
                },
                actors: incident.actors.map { Actor(name: OrNull($0.name), role: $0.role, organisationKind: OrNull($0.organisation)) },
                sources: incident.sources.map {
                    Source(name: OrNull($0.name), kind: $0.kind, connection: $0.connection, rating: "\($0.reliability.code)\($0.credibility.code)",
                           content: OrNull($0.content))
                })
        }
        interventions = dossier.interventions.map {
            Intervention(id: $0.id.wire, party: $0.partyName, channel: $0.channel, dateSent: OrNull($0.dateSent), deadline: OrNull($0.deadline),
                         request: OrNull(sees ? $0.request : nil), response: $0.response, responseDate: OrNull($0.responseDate), answered: $0.isAnswered)
        }
    }
}
