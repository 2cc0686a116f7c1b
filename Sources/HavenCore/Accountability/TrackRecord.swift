import Foundation

/// What the records hold about one broker or facilitating organisation, gathered by whoever
/// holds the store: the rescue requests it handled and the incidents it took part in.
public struct TrackRecordEvidence: Sendable, Equatable {
    /// One incident the subject took part in, with the acts in it and who reported it.
    public struct Incident: Sendable, Equatable {
        public var event: UUID
        public var date: FuzzyDate?
        public var placeCode: String?
        /// The subject's roles in it.
        public var roles: Set<InvolvementRole>
        /// Every act of the incident: its type, its record and how many people it struck.
        public var acts: [(id: UUID, type: ActType, people: Int)]
        /// Its sources: each source once, with the best rating it gave.
        public var sources: [(source: UUID, reliability: Reliability, credibility: Credibility)]

        public init(event: UUID, date: FuzzyDate?, placeCode: String?, roles: Set<InvolvementRole>,
                    acts: [(id: UUID, type: ActType, people: Int)], sources: [(source: UUID, reliability: Reliability, credibility: Credibility)]) {
            self.event = event
            self.date = date
            self.placeCode = placeCode
            self.roles = roles
            self.acts = acts
            self.sources = sources
        }

        public static func == (a: Incident, b: Incident) -> Bool {
            a.event == b.event && a.date == b.date && a.roles == b.roles && a.acts.map(\.id) == b.acts.map(\.id)
                && a.sources.map(\.source) == b.sources.map(\.source)
        }
    }

    public var subject: RecordRef
    /// Rescue requests naming the subject as broker or facilitating organisation.
    public var requests: [RescueRequest]
    public var incidents: [Incident]
    /// The usual group size across the reader's rescue requests (their median), when known.
    public var groupNorm: Double?
    /// Fees of all the reader's rescue requests, for the going rate.
    public var allFees: [Money]

    public init(subject: RecordRef, requests: [RescueRequest] = [], incidents: [Incident] = [], groupNorm: Double? = nil, allFees: [Money] = []) {
        self.subject = subject
        self.requests = requests
        self.incidents = incidents
        self.groupNorm = groupNorm
        self.allFees = allFees
    }
}

/// The thresholds of risk flags. Defaults are starting points; an organisation sets its own.
public struct RiskThresholds: Sendable, Equatable, Codable {
    /// Arrests linked within this many days count together.
    public var arrestWindowDays: Int = 90
    /// This many arrest incidents within the window raise a flag.
    public var arrestIncidents: Int = 2
    /// A group this many times the usual size, and at least `largeGroupMinimum`, raises a flag.
    public var largeGroupRatio: Double = 3
    public var largeGroupMinimum: Int = 8
    /// The usual group size when the records do not tell (too few requests with a size).
    public var defaultGroupNorm: Double = 3
    /// Allegations whose weight together reaches this raise a flag (a corroborated allegation from
    /// an A source weighs 1; see ``TrackRecord/weight(of:)``).
    public var allegationWeight: Double = 1
    /// Fees below this share of the going rate count as far below it; this many raise a flag.
    public var lowFeeRatio: Double = 0.5
    public var lowFeeRequests: Int = 2

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        arrestWindowDays = try c.decodeIfPresent(Int.self, forKey: .arrestWindowDays) ?? arrestWindowDays
        arrestIncidents = try c.decodeIfPresent(Int.self, forKey: .arrestIncidents) ?? arrestIncidents
        largeGroupRatio = try c.decodeIfPresent(Double.self, forKey: .largeGroupRatio) ?? largeGroupRatio
        largeGroupMinimum = try c.decodeIfPresent(Int.self, forKey: .largeGroupMinimum) ?? largeGroupMinimum
        defaultGroupNorm = try c.decodeIfPresent(Double.self, forKey: .defaultGroupNorm) ?? defaultGroupNorm
        allegationWeight = try c.decodeIfPresent(Double.self, forKey: .allegationWeight) ?? allegationWeight
        lowFeeRatio = try c.decodeIfPresent(Double.self, forKey: .lowFeeRatio) ?? lowFeeRatio
        lowFeeRequests = try c.decodeIfPresent(Int.self, forKey: .lowFeeRequests) ?? lowFeeRequests
    }
}

/// Kinds of risk flag on a broker or facilitating organisation.
public enum RiskFlagKind: String, Vocabulary {
    case linkedArrests = "linked_arrests"
    case largeGroups = "large_groups"
    case entrapment
    case allegations
    case lowFees = "low_fees"

    public static let vocabularyName = "riskFlag"

    public var label: LocalizedLabel {
        switch self {
        case .linkedArrests: LocalizedLabel(en: "Linked to repeated arrests", ko: "반복된 체포와 관련")
        case .largeGroups: LocalizedLabel(en: "Moves unusually large groups", ko: "이례적으로 큰 일행 이동")
        case .entrapment: LocalizedLabel(en: "Named in an entrapment report", ko: "함정 사건 보고에 등장")
        case .allegations: LocalizedLabel(en: "Allegations of abuse", ko: "가해 혐의")
        case .lowFees: LocalizedLabel(en: "Fees far below the going rate", ko: "시세보다 훨씬 낮은 비용")
        }
    }
}

/// One risk flag: what raises it, in plain language, and the records behind it. A flag is an
/// indicator for review, never a verdict.
public struct RiskFlag: Sendable, Equatable, Codable {
    public var kind: RiskFlagKind
    public var explanation: LocalizedLabel
    public var records: [RecordRef]
}

/// A broker's or facilitating organisation's track record and its risk flags.
public struct TrackRecord: Sendable, Equatable {
    /// One allegation: the act, its incident, and how much the sources behind it weigh.
    public struct Allegation: Sendable, Equatable {
        public var type: ActType
        public var act: UUID
        public var event: UUID
        public var bestRating: String?
        public var corroborated: Bool
        public var weight: Double
    }

    public var subject: RecordRef
    /// Rescue requests handled, by status.
    public var outcomes: [RescueStatus: Int]
    public var requestsHandled: Int
    /// Arrests, detentions and repatriations in incidents the subject took part in: act, incident, date, people.
    public var arrests: [(act: UUID, event: UUID, date: FuzzyDate?, people: Int)]
    /// The arrests by incident: one entry per incident, however many acts (a named victim and a
    /// group, say) it holds, with the people of all of them; in the order first met.
    public var arrestIncidents: [(event: UUID, date: FuzzyDate?, people: Int)] {
        var order: [UUID] = []
        var byEvent: [UUID: (event: UUID, date: FuzzyDate?, people: Int)] = [:]
        for arrest in arrests {
            if var known = byEvent[arrest.event] {
                known.people += arrest.people
                if known.date == nil { known.date = arrest.date }
                byEvent[arrest.event] = known
            } else {
                order.append(arrest.event)
                byEvent[arrest.event] = (arrest.event, arrest.date, arrest.people)
            }
        }
        return order.compactMap { byEvent[$0] }
    }
    /// Group sizes moved at once (requests' group sizes, and counted victim groups it facilitated).
    public var groupSizes: [Int]
    /// Fees quoted, oldest first.
    public var fees: [(date: FuzzyDate?, fee: Money, request: UUID)]
    public var allegations: [Allegation]
    public var flags: [RiskFlag]

    public static func == (a: TrackRecord, b: TrackRecord) -> Bool {
        a.subject == b.subject && a.outcomes == b.outcomes && a.flags == b.flags && a.allegations == b.allegations
            && a.arrests.map(\.act) == b.arrests.map(\.act) && a.groupSizes == b.groupSizes && a.fees.map(\.request) == b.fees.map(\.request)
    }

    /// The record as a reader who sees protected fields redacted may see it: the dates of
    /// incidents and of rescue requests (both protected) kept to their year. Flags are assessed
    /// on the full dates first, so that every role sees the same flags.
    public func withDatesToTheYear() -> TrackRecord {
        var copy = self
        copy.arrests = arrests.map { ($0.act, $0.event, $0.date?.toTheYear, $0.people) }
        copy.fees = fees.map { ($0.date?.toTheYear, $0.fee, $0.request) }
        return copy
    }

    /// Acts that accuse whoever took part in them as perpetrator or facilitator.
    public static let allegationTypes: Set<ActType> = [.extortion, .brokerAbandonment, .sexualViolence, .trafficking, .forcedMarriage,
                                                       .fraud, .stateEntrapment, .forcedLabour, .torture]
    /// Acts that count as an arrest linked to the subject.
    public static let arrestTypes: Set<ActType> = [.arrest, .detention, .forcedRepatriation]

    /// How much an allegation weighs: the best source's reliability (A 1, B 0.8, C 0.6, D 0.4,
    /// E 0.2, F — cannot be judged — 0.3), halved when no second independent source corroborates it.
    public static func weight(of sources: [(source: UUID, reliability: Reliability, credibility: Credibility)]) -> Double {
        guard let best = sources.map(\.reliability).min() else { return 0.15 }
        let base: Double = switch best {
        case .a: 1
        case .b: 0.8
        case .c: 0.6
        case .d: 0.4
        case .e: 0.2
        case .f: 0.3
        }
        return Set(sources.map(\.source)).count >= 2 ? base : base / 2
    }

    /// The track record of the evidence's subject, with its flags.
    public static func assess(_ evidence: TrackRecordEvidence, thresholds: RiskThresholds = .init()) -> TrackRecord {
        var record = TrackRecord(subject: evidence.subject, outcomes: [:], requestsHandled: evidence.requests.count, arrests: [],
                                 groupSizes: [], fees: [], allegations: [], flags: [])
        for request in evidence.requests {
            record.outcomes[request.status, default: 0] += 1
            if let size = request.groupSize { record.groupSizes.append(size) }
            if let fee = request.fee { record.fees.append((request.timeline.first?.date, fee, request.id)) }
        }
        record.fees.sort { ($0.date?.earliest ?? "") < ($1.date?.earliest ?? "") }
        let takesPart: Set<InvolvementRole> = [.perpetrator, .facilitator, .coercedFacilitator, .informant]
        for incident in evidence.incidents where !incident.roles.isDisjoint(with: takesPart) {
            for act in incident.acts where arrestTypes.contains(act.type) {
                record.arrests.append((act.id, incident.event, incident.date, act.people))
            }
            if !incident.roles.isDisjoint(with: [.facilitator, .coercedFacilitator]) {
                record.groupSizes += incident.acts.filter { $0.people > 1 }.map(\.people)
            }
            // One allegation per incident and type, however many victims the acts name.
            for act in incident.acts where allegationTypes.contains(act.type)
            && !record.allegations.contains(where: { $0.event == incident.event && $0.type == act.type }) {
                let best = incident.sources.min { ($0.reliability, $0.credibility) < ($1.reliability, $1.credibility) }
                record.allegations.append(Allegation(type: act.type, act: act.id, event: incident.event,
                                                     bestRating: best.map { "\($0.reliability.code)\($0.credibility.code)" },
                                                     corroborated: Set(incident.sources.map(\.source)).count >= 2, weight: weight(of: incident.sources)))
            }
        }
        record.flags = flags(record, evidence, thresholds)
        return record
    }

    static func flags(_ record: TrackRecord, _ evidence: TrackRecordEvidence, _ thresholds: RiskThresholds) -> [RiskFlag] {
        var flags: [RiskFlag] = []
        // Arrests: the window of `arrestWindowDays` holding the most arrest incidents.
        let dated = record.arrests.compactMap { arrest in Day.number(arrest.date).map { (day: $0, arrest: arrest) } }.sorted { $0.day < $1.day }
        var best: [(day: Int, arrest: (act: UUID, event: UUID, date: FuzzyDate?, people: Int))] = []
        var start = 0
        for end in dated.indices {
            while dated[end].day - dated[start].day > thresholds.arrestWindowDays { start += 1 }
            let window = Array(dated[start...end])
            if Set(window.map(\.arrest.event)).count > Set(best.map(\.arrest.event)).count { best = window }
        }
        let events = Set(best.map(\.arrest.event))
        if events.count >= thresholds.arrestIncidents {
            let people = best.reduce(0) { $0 + $1.arrest.people }
            let days = (best.last?.day ?? 0) - (best.first?.day ?? 0) + 1
            flags.append(RiskFlag(kind: .linkedArrests, explanation: LocalizedLabel(
                en: "Linked to \(events.count) arrests of \(people) people in \(days) days.",
                ko: "\(days)일 동안 \(people)명이 체포된 \(events.count)건의 체포와 관련됨."),
                records: events.sorted { $0.uuidString < $1.uuidString }.map { RecordRef(.event, $0) }))
        }
        // Group sizes against the usual size.
        let norm = evidence.groupNorm ?? thresholds.defaultGroupNorm
        if let largest = record.groupSizes.max(), Double(largest) >= norm * thresholds.largeGroupRatio, largest >= thresholds.largeGroupMinimum {
            let normText = WholeNumber.exact(norm).map(String.init) ?? String(format: "%.1f", norm)
            let large = evidence.requests.filter { ($0.groupSize ?? 0) >= thresholds.largeGroupMinimum }.map { RecordRef(.rescueRequest, $0.id) }
                + evidence.incidents.filter { $0.acts.contains { $0.people >= thresholds.largeGroupMinimum } && !$0.roles.isDisjoint(with: [.facilitator, .coercedFacilitator]) }
                    .map { RecordRef(.event, $0.event) }
            flags.append(RiskFlag(kind: .largeGroups, explanation: LocalizedLabel(
                en: "Moved groups of up to \(largest) where \(normText) is the norm.",
                ko: "보통 \(normText)명인데 최대 \(largest)명의 일행을 이동시킴."), records: large))
        }
        // Entrapment reports, with the best rating of their sources.
        let entrapments = record.allegations.filter { $0.type == .stateEntrapment }
        if let strongest = entrapments.max(by: { $0.weight < $1.weight }) {
            let rating = strongest.bestRating.map { " by a \($0) source" } ?? ""
            let ratingKo = strongest.bestRating.map { " (\($0) 출처)" } ?? ""
            flags.append(RiskFlag(kind: .entrapment, explanation: LocalizedLabel(
                en: "Named in \(entrapments.count == 1 ? "an entrapment report" : "\(entrapments.count) entrapment reports")\(rating)\(strongest.corroborated ? ", corroborated" : "").",
                ko: "함정 사건 보고 \(entrapments.count)건에 등장\(ratingKo)\(strongest.corroborated ? ", 교차 확인됨" : "")."),
                records: entrapments.map { RecordRef(.event, $0.event) }))
        }
        // Other allegations, weighed by their sources.
        let others = record.allegations.filter { $0.type != .stateEntrapment }
        let weight = others.reduce(0) { $0 + $1.weight }
        if !others.isEmpty, weight >= thresholds.allegationWeight {
            let types = Array(Set(others.map(\.type))).sorted { $0.code < $1.code }
            let corroborated = others.filter(\.corroborated).count
            flags.append(RiskFlag(kind: .allegations, explanation: LocalizedLabel(
                en: "Named in \(others.count) allegation\(others.count == 1 ? "" : "s") (\(types.map { $0.label.en.lowercased() }.joined(separator: ", "))), \(corroborated) corroborated; weight \(String(format: "%.1f", weight)).",
                ko: "혐의 \(others.count)건에 등장 (\(types.map(\.label.ko).joined(separator: ", "))), 교차 확인 \(corroborated)건, 가중치 \(String(format: "%.1f", weight))."),
                records: others.map { RecordRef(.event, $0.event) }))
        }
        // Fees far below the going rate of the same currency: each currency's rate found once,
        // not once per fee (a busy broker's hundreds of fees against tens of thousands).
        var low: [UUID] = []
        let rates = Dictionary(grouping: evidence.allFees, by: \.currency).compactMapValues { fees -> Double? in
            fees.count >= 3 ? Median.of(fees.map(\.amount)) : nil
        }
        for (_, fee, request) in record.fees {
            if let median = rates[fee.currency], fee.amount < median * thresholds.lowFeeRatio { low.append(request) }
        }
        if low.count >= thresholds.lowFeeRequests {
            flags.append(RiskFlag(kind: .lowFees, explanation: LocalizedLabel(
                en: "Quoted fees far below the going rate in \(low.count) requests.",
                ko: "요청 \(low.count)건에서 시세보다 훨씬 낮은 비용을 제시함."), records: low.map { RecordRef(.rescueRequest, $0) }))
        }
        return flags
    }
}
