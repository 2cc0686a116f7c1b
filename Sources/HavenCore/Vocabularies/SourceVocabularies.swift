/// Who a source is.
public enum SourceKind: String, Vocabulary {
    case victim
    case family
    case witness
    case ngo
    case media
    case official
    case broker
    case researcher
    case anonymous

    public static let vocabularyName = "sourceKind"

    public var label: LocalizedLabel {
        switch self {
        case .victim: LocalizedLabel(en: "Victim", ko: "피해자")
        case .family: LocalizedLabel(en: "Family member", ko: "가족")
        case .witness: LocalizedLabel(en: "Witness", ko: "목격자")
        case .ngo: LocalizedLabel(en: "NGO", ko: "비정부기구")
        case .media: LocalizedLabel(en: "Media", ko: "언론")
        case .official: LocalizedLabel(en: "Official", ko: "공무원")
        case .broker: LocalizedLabel(en: "Broker", ko: "브로커")
        case .researcher: LocalizedLabel(en: "Researcher", ko: "연구자")
        case .anonymous: LocalizedLabel(en: "Anonymous", ko: "익명")
        }
    }
}

/// How a source knows what it reports (after HURIDOCS "Source Connection to Information").
public enum SourceConnection: String, Vocabulary {
    case directExperience = "direct_experience"
    case eyewitness
    case hearsay
    case document
    case media
    case unknown

    public static let vocabularyName = "sourceConnection"

    public var label: LocalizedLabel {
        switch self {
        case .directExperience: LocalizedLabel(en: "Experienced it", ko: "직접 겪음")
        case .eyewitness: LocalizedLabel(en: "Eyewitness", ko: "목격")
        case .hearsay: LocalizedLabel(en: "Hearsay", ko: "전해 들음")
        case .document: LocalizedLabel(en: "Document", ko: "문서")
        case .media: LocalizedLabel(en: "Media report", ko: "언론 보도")
        case .unknown: LocalizedLabel(en: "Unknown", ko: "알 수 없음")
        }
    }

    public var huridocs: HuridocsReference? {
        switch self {
        case .directExperience: HuridocsReference("Source Connection to Information", "Victim")
        case .eyewitness: HuridocsReference("Source Connection to Information", "Eyewitness")
        case .hearsay: HuridocsReference("Source Connection to Information", "Hearsay")
        case .document: HuridocsReference("Source Connection to Information", "Document")
        case .media: HuridocsReference("Source Connection to Information", "Media")
        case .unknown: nil
        }
    }
}

/// The reliability of a source, A (completely reliable) to F (cannot be judged).
///
/// This is the Admiralty grading that HURIDOCS documentation practice uses for sources.
public enum Reliability: String, Vocabulary, Comparable {
    case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F"

    public static let vocabularyName = "reliability"

    public var label: LocalizedLabel {
        switch self {
        case .a: LocalizedLabel(en: "A — completely reliable", ko: "A — 완전히 신뢰할 수 있음")
        case .b: LocalizedLabel(en: "B — usually reliable", ko: "B — 대체로 신뢰할 수 있음")
        case .c: LocalizedLabel(en: "C — fairly reliable", ko: "C — 어느 정도 신뢰할 수 있음")
        case .d: LocalizedLabel(en: "D — not usually reliable", ko: "D — 대체로 신뢰하기 어려움")
        case .e: LocalizedLabel(en: "E — unreliable", ko: "E — 신뢰할 수 없음")
        case .f: LocalizedLabel(en: "F — reliability cannot be judged", ko: "F — 판단 불가")
        }
    }

    public var huridocs: HuridocsReference? { HuridocsReference("Reliability", label.en) }

    public static func < (lhs: Reliability, rhs: Reliability) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The credibility of one piece of information, 1 (confirmed) to 6 (cannot be judged).
public enum Credibility: String, Vocabulary, Comparable {
    case confirmed = "1", probablyTrue = "2", possiblyTrue = "3"
    case doubtful = "4", improbable = "5", cannotBeJudged = "6"

    public static let vocabularyName = "credibility"

    public var label: LocalizedLabel {
        switch self {
        case .confirmed: LocalizedLabel(en: "1 — confirmed by other sources", ko: "1 — 다른 출처로 확인됨")
        case .probablyTrue: LocalizedLabel(en: "2 — probably true", ko: "2 — 사실일 가능성이 높음")
        case .possiblyTrue: LocalizedLabel(en: "3 — possibly true", ko: "3 — 사실일 수 있음")
        case .doubtful: LocalizedLabel(en: "4 — doubtful", ko: "4 — 의심스러움")
        case .improbable: LocalizedLabel(en: "5 — improbable", ko: "5 — 사실일 가능성이 낮음")
        case .cannotBeJudged: LocalizedLabel(en: "6 — truth cannot be judged", ko: "6 — 판단 불가")
        }
    }

    public static func < (lhs: Credibility, rhs: Credibility) -> Bool { lhs.rawValue < rhs.rawValue }
}
