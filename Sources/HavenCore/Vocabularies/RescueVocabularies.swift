/// Who made the first contact that led to a rescue request.
///
/// A broker-initiated approach is one of the indicators of a state-manufactured trap.
public enum ContactInitiator: String, Vocabulary {
    case family
    case requester
    case broker
    case ngo
    case unknown

    public static let vocabularyName = "contactInitiator"

    public var label: LocalizedLabel {
        switch self {
        case .family: LocalizedLabel(en: "Family inside", ko: "북한 내 가족")
        case .requester: LocalizedLabel(en: "Requester", ko: "요청자")
        case .broker: LocalizedLabel(en: "Broker", ko: "브로커")
        case .ngo: LocalizedLabel(en: "NGO", ko: "비정부기구")
        case .unknown: LocalizedLabel(en: "Unknown", ko: "알 수 없음")
        }
    }
}

/// Where a rescue request stands.
public enum RescueStatus: String, Vocabulary {
    case received
    case requesterVerified = "requester_verified"
    case underway
    case arrived
    case arrested
    case repatriated
    case missing
    case withdrawn

    public static let vocabularyName = "rescueStatus"

    public var label: LocalizedLabel {
        switch self {
        case .received: LocalizedLabel(en: "Received", ko: "접수")
        case .requesterVerified: LocalizedLabel(en: "Requester verified", ko: "요청자 확인")
        case .underway: LocalizedLabel(en: "Underway", ko: "진행 중")
        case .arrived: LocalizedLabel(en: "Arrived", ko: "도착")
        case .arrested: LocalizedLabel(en: "Arrested", ko: "체포")
        case .repatriated: LocalizedLabel(en: "Repatriated", ko: "송환")
        case .missing: LocalizedLabel(en: "Missing", ko: "행방불명")
        case .withdrawn: LocalizedLabel(en: "Withdrawn", ko: "철회")
        }
    }

    /// Whether the case has ended; an ended case takes no further status.
    public var isFinal: Bool {
        switch self {
        case .arrived, .arrested, .repatriated, .missing, .withdrawn: true
        case .received, .requesterVerified, .underway: false
        }
    }
}

/// The kind of a place in the gazetteer.
public enum PlaceKind: String, Vocabulary {
    case country
    case province
    case city
    case county
    case district
    case detentionFacility = "detention_facility"
    case other

    public static let vocabularyName = "placeKind"

    public var label: LocalizedLabel {
        switch self {
        case .country: LocalizedLabel(en: "Country", ko: "국가")
        case .province: LocalizedLabel(en: "Province", ko: "도·성")
        case .city: LocalizedLabel(en: "City", ko: "시")
        case .county: LocalizedLabel(en: "County", ko: "군·현")
        case .district: LocalizedLabel(en: "District", ko: "구역")
        case .detentionFacility: LocalizedLabel(en: "Detention facility", ko: "구금 시설")
        case .other: LocalizedLabel(en: "Other", ko: "기타")
        }
    }
}

/// The checks made before acting on a rescue request, against state-manufactured traps.
public enum VerificationItem: String, Vocabulary {
    case requesterIdentity = "requester_identity"
    case independentChannel = "independent_channel"
    case familyConfirmed = "family_confirmed"
    case brokerRecord = "broker_record"
    case countyReports = "county_reports"
    case feeCompared = "fee_compared"

    public static let vocabularyName = "verificationItem"

    public var label: LocalizedLabel {
        switch self {
        case .requesterIdentity: LocalizedLabel(en: "The requester's identity is confirmed", ko: "요청자의 신원을 확인함")
        case .independentChannel: LocalizedLabel(en: "The requester's relationship is confirmed through an independent channel",
                                                 ko: "독립된 경로로 요청자와 가족의 관계를 확인함")
        case .familyConfirmed: LocalizedLabel(en: "The family inside confirmed the request themselves", ko: "북한 내 가족이 직접 요청을 확인함")
        case .brokerRecord: LocalizedLabel(en: "The broker's track record is checked", ko: "브로커의 이력을 확인함")
        case .countyReports: LocalizedLabel(en: "Recent entrapment reports from the county are checked", ko: "해당 지역의 최근 함정 보고를 확인함")
        case .feeCompared: LocalizedLabel(en: "The fee is compared with the going rate", ko: "비용을 시세와 비교함")
        }
    }

    /// The trap indicator the check answers. A check of the people involved (the requester's
    /// identity, the relationship) clears its indicator once done; a check of the records (the
    /// broker's history, the area's reports, the fee) is a review of evidence that stays in the
    /// records, so its indicator stays, shown as reviewed.
    public var indicator: TrapIndicatorKind {
        switch self {
        case .requesterIdentity: .requesterUnverified
        case .independentChannel: .relationshipUnverified
        case .familyConfirmed: .brokerInitiated
        case .brokerRecord: .chainLinkedToEntrapment
        case .countyReports: .countyEntrapmentReports
        case .feeCompared: .feeFarBelowRate
        }
    }

    /// Whether doing the check clears its indicator (see ``indicator``).
    public var clearsIndicator: Bool { self == .requesterIdentity || self == .independentChannel }
}

/// Signs that a rescue request may be a trap set by state security ("defection trap").
public enum TrapIndicatorKind: String, Vocabulary {
    case brokerInitiated = "broker_initiated"
    case requesterUnverified = "requester_unverified"
    case relationshipUnverified = "relationship_unverified"
    case chainLinkedToEntrapment = "chain_linked_to_entrapment"
    case countyEntrapmentReports = "county_entrapment_reports"
    case feeFarBelowRate = "fee_far_below_rate"

    public static let vocabularyName = "trapIndicator"

    public var label: LocalizedLabel {
        switch self {
        case .brokerInitiated: LocalizedLabel(en: "The broker made the first contact", ko: "브로커가 먼저 연락함")
        case .requesterUnverified: LocalizedLabel(en: "The requester's identity is not confirmed", ko: "요청자의 신원이 확인되지 않음")
        case .relationshipUnverified: LocalizedLabel(en: "The requester's relationship to the family is not confirmed through an independent channel",
                                                     ko: "요청자와 가족의 관계가 독립된 경로로 확인되지 않음")
        case .chainLinkedToEntrapment: LocalizedLabel(en: "Someone in the chain is linked to an earlier entrapment", ko: "연결된 사람이 이전 함정 사건과 관련됨")
        case .countyEntrapmentReports: LocalizedLabel(en: "Recent entrapment reports from the same area", ko: "같은 지역의 최근 함정 보고")
        case .feeFarBelowRate: LocalizedLabel(en: "The fee is far below the going rate", ko: "비용이 시세보다 훨씬 낮음")
        }
    }
}
