/// What kind of body an organisation is.
public enum OrganisationKind: String, Vocabulary {
    case brokerNetwork = "broker_network"
    case ngo
    case religiousGroup = "religious_group"
    case governmentBody = "government_body"
    case publicSecurity = "public_security"
    case stateSecurity = "state_security"
    case borderGuard = "border_guard"
    case embassy
    case unBody = "un_body"
    case media
    case other

    public static let vocabularyName = "organisationKind"

    public var label: LocalizedLabel {
        switch self {
        case .brokerNetwork: LocalizedLabel(en: "Broker network", ko: "브로커 조직")
        case .ngo: LocalizedLabel(en: "NGO", ko: "비정부기구")
        case .religiousGroup: LocalizedLabel(en: "Missionary or religious group", ko: "선교·종교 단체")
        case .governmentBody: LocalizedLabel(en: "Government body", ko: "정부 기관")
        case .publicSecurity: LocalizedLabel(en: "Public security (police)", ko: "공안")
        case .stateSecurity: LocalizedLabel(en: "State security", ko: "국가보위성")
        case .borderGuard: LocalizedLabel(en: "Border guard", ko: "국경경비대")
        case .embassy: LocalizedLabel(en: "Embassy or consulate", ko: "대사관·영사관")
        case .unBody: LocalizedLabel(en: "UN body", ko: "유엔 기구")
        case .media: LocalizedLabel(en: "Media", ko: "언론")
        case .other: LocalizedLabel(en: "Other", ko: "기타")
        }
    }
}

/// A person's or organisation's role in an act.
public enum InvolvementRole: String, Vocabulary {
    case perpetrator
    case facilitator
    case coercedFacilitator = "coerced_facilitator"
    case informant
    case rescuer
    case witness

    public static let vocabularyName = "involvementRole"

    public var label: LocalizedLabel {
        switch self {
        case .perpetrator: LocalizedLabel(en: "Perpetrator", ko: "가해자")
        case .facilitator: LocalizedLabel(en: "Facilitator (broker)", ko: "조력자(브로커)")
        case .coercedFacilitator: LocalizedLabel(en: "Coerced facilitator", ko: "강요된 조력자")
        case .informant: LocalizedLabel(en: "Informant", ko: "밀고자")
        case .rescuer: LocalizedLabel(en: "Rescuer", ko: "구출자")
        case .witness: LocalizedLabel(en: "Witness", ko: "목격자")
        }
    }
}

/// How directly someone took part in an act (after HURIDOCS "Degrees of Involvement").
public enum InvolvementDegree: String, Vocabulary {
    case direct
    case ordered
    case complicit
    case alleged
    case unknown

    public static let vocabularyName = "involvementDegree"

    public var label: LocalizedLabel {
        switch self {
        case .direct: LocalizedLabel(en: "Direct", ko: "직접")
        case .ordered: LocalizedLabel(en: "Ordered", ko: "지시")
        case .complicit: LocalizedLabel(en: "Complicit", ko: "공모")
        case .alleged: LocalizedLabel(en: "Alleged", ko: "혐의")
        case .unknown: LocalizedLabel(en: "Unknown", ko: "알 수 없음")
        }
    }

    public var huridocs: HuridocsReference? {
        switch self {
        case .direct: HuridocsReference("Degrees of Involvement", "Direct perpetrator")
        case .ordered: HuridocsReference("Degrees of Involvement", "Gave the order")
        case .complicit: HuridocsReference("Degrees of Involvement", "Accomplice")
        case .alleged, .unknown: nil
        }
    }
}
