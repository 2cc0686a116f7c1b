/// What happened to a victim within an event.
public enum ActType: String, Vocabulary {
    case arrest
    case detention
    case forcedRepatriation = "forced_repatriation"
    case disappearance
    case death
    case extortion
    case brokerAbandonment = "broker_abandonment"
    case sexualViolence = "sexual_violence"
    case trafficking
    case forcedMarriage = "forced_marriage"
    case stateEntrapment = "state_entrapment"
    case phoneInspection = "phone_inspection"
    case fraud
    case torture
    case forcedLabour = "forced_labour"

    public static let vocabularyName = "actType"

    public var label: LocalizedLabel {
        switch self {
        case .arrest: LocalizedLabel(en: "Arrest", ko: "체포")
        case .detention: LocalizedLabel(en: "Detention", ko: "구금")
        case .forcedRepatriation: LocalizedLabel(en: "Forced repatriation (refoulement)", ko: "강제송환")
        case .disappearance: LocalizedLabel(en: "Disappearance", ko: "실종")
        case .death: LocalizedLabel(en: "Death", ko: "사망")
        case .extortion: LocalizedLabel(en: "Extortion", ko: "갈취")
        case .brokerAbandonment: LocalizedLabel(en: "Abandonment by broker", ko: "브로커의 유기")
        case .sexualViolence: LocalizedLabel(en: "Sexual violence", ko: "성폭력")
        case .trafficking: LocalizedLabel(en: "Trafficking", ko: "인신매매")
        case .forcedMarriage: LocalizedLabel(en: "Forced marriage", ko: "강제결혼")
        case .stateEntrapment: LocalizedLabel(en: "Entrapment by state security", ko: "보위부 기획 유인")
        case .phoneInspection: LocalizedLabel(en: "Confiscation or inspection of phone", ko: "휴대전화 압수·검열")
        case .fraud: LocalizedLabel(en: "Fraud", ko: "사기")
        case .torture: LocalizedLabel(en: "Torture", ko: "고문")
        case .forcedLabour: LocalizedLabel(en: "Forced labour", ko: "강제노동")
        }
    }

    public var huridocs: HuridocsReference? {
        switch self {
        case .arrest: HuridocsReference("Types of Acts", "Arrest")
        case .detention: HuridocsReference("Types of Acts", "Detention")
        case .forcedRepatriation: HuridocsReference("Types of Acts", "Refoulement")
        case .disappearance: HuridocsReference("Types of Acts", "Disappearance")
        case .death: HuridocsReference("Types of Acts", "Killing")
        case .extortion: HuridocsReference("Types of Acts", "Extortion")
        case .sexualViolence: HuridocsReference("Types of Acts", "Sexual violence")
        case .trafficking: HuridocsReference("Types of Acts", "Trafficking")
        case .torture: HuridocsReference("Types of Acts", "Torture")
        case .forcedLabour: HuridocsReference("Types of Acts", "Forced labour")
        case .brokerAbandonment, .forcedMarriage, .stateEntrapment, .phoneInspection, .fraud: nil
        }
    }
}

/// A victim's situation at the end of an act.
public enum VictimStatus: String, Vocabulary {
    case unknown
    case free
    case detained
    case repatriated
    case missing
    case dead
    case arrivedSafely = "arrived_safely"
    case inHiding = "in_hiding"

    public static let vocabularyName = "victimStatus"

    public var label: LocalizedLabel {
        switch self {
        case .unknown: LocalizedLabel(en: "Unknown", ko: "알 수 없음")
        case .free: LocalizedLabel(en: "Free", ko: "자유로움")
        case .detained: LocalizedLabel(en: "Detained", ko: "구금 중")
        case .repatriated: LocalizedLabel(en: "Repatriated", ko: "송환됨")
        case .missing: LocalizedLabel(en: "Missing", ko: "행방불명")
        case .dead: LocalizedLabel(en: "Dead", ko: "사망")
        case .arrivedSafely: LocalizedLabel(en: "Arrived safely", ko: "안전하게 도착")
        case .inHiding: LocalizedLabel(en: "In hiding", ko: "은신 중")
        }
    }
}

/// How far an event's account has been checked.
public enum VerificationStatus: String, Vocabulary {
    case unverified
    case partiallyVerified = "partially_verified"
    case verified
    case disputed

    public static let vocabularyName = "verificationStatus"

    public var label: LocalizedLabel {
        switch self {
        case .unverified: LocalizedLabel(en: "Unverified", ko: "미확인")
        case .partiallyVerified: LocalizedLabel(en: "Partially verified", ko: "부분 확인")
        case .verified: LocalizedLabel(en: "Verified", ko: "확인됨")
        case .disputed: LocalizedLabel(en: "Disputed", ko: "이견 있음")
        }
    }
}
