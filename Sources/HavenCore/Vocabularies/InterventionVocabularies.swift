/// The channel an intervention was sent through.
public enum InterventionChannel: String, Vocabulary {
    case diplomaticNote = "diplomatic_note"
    case letter
    case meeting
    case email
    case phone
    case unCommunication = "un_communication"
    case publicStatement = "public_statement"

    public static let vocabularyName = "interventionChannel"

    public var label: LocalizedLabel {
        switch self {
        case .diplomaticNote: LocalizedLabel(en: "Diplomatic note", ko: "외교 공한")
        case .letter: LocalizedLabel(en: "Letter", ko: "서한")
        case .meeting: LocalizedLabel(en: "Meeting", ko: "면담")
        case .email: LocalizedLabel(en: "Email", ko: "이메일")
        case .phone: LocalizedLabel(en: "Phone", ko: "전화")
        case .unCommunication: LocalizedLabel(en: "UN communication", ko: "유엔 진정")
        case .publicStatement: LocalizedLabel(en: "Public statement", ko: "공개 성명")
        }
    }

    public var huridocs: HuridocsReference? {
        HuridocsReference("Types of Intervention", label.en)
    }
}

/// What a party answered to an intervention.
public enum InterventionResponse: String, Vocabulary {
    case awaiting
    case noResponse = "no_response"
    case acknowledged
    case declined
    case denied
    case partiallyFulfilled = "partially_fulfilled"
    case fulfilled

    public static let vocabularyName = "interventionResponse"

    public var label: LocalizedLabel {
        switch self {
        case .awaiting: LocalizedLabel(en: "Awaiting answer", ko: "답변 대기")
        case .noResponse: LocalizedLabel(en: "No response", ko: "무응답")
        case .acknowledged: LocalizedLabel(en: "Acknowledged", ko: "접수 확인")
        case .declined: LocalizedLabel(en: "Declined", ko: "거절")
        case .denied: LocalizedLabel(en: "Facts denied", ko: "사실 부인")
        case .partiallyFulfilled: LocalizedLabel(en: "Partially fulfilled", ko: "일부 이행")
        case .fulfilled: LocalizedLabel(en: "Fulfilled", ko: "이행")
        }
    }

    public var huridocs: HuridocsReference? {
        switch self {
        case .noResponse: HuridocsReference("Types of Response", "No response")
        case .acknowledged: HuridocsReference("Types of Response", "Acknowledgement")
        case .denied: HuridocsReference("Types of Response", "Denial")
        default: nil
        }
    }
}

/// Where an intervention stands.
public enum InterventionStatus: String, Vocabulary {
    case draft
    case sent
    case answered
    case overdue
    case closed

    public static let vocabularyName = "interventionStatus"

    public var label: LocalizedLabel {
        switch self {
        case .draft: LocalizedLabel(en: "Draft", ko: "초안")
        case .sent: LocalizedLabel(en: "Sent", ko: "발송")
        case .answered: LocalizedLabel(en: "Answered", ko: "답변 받음")
        case .overdue: LocalizedLabel(en: "Deadline passed", ko: "기한 경과")
        case .closed: LocalizedLabel(en: "Closed", ko: "종결")
        }
    }
}

/// How urgent a piece of work is.
public enum Priority: String, Vocabulary, Comparable {
    case low
    case normal
    case high
    case urgent

    public static let vocabularyName = "priority"

    public var label: LocalizedLabel {
        switch self {
        case .low: LocalizedLabel(en: "Low", ko: "낮음")
        case .normal: LocalizedLabel(en: "Normal", ko: "보통")
        case .high: LocalizedLabel(en: "High", ko: "높음")
        case .urgent: LocalizedLabel(en: "Urgent", ko: "긴급")
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }
}
