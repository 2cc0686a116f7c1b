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
