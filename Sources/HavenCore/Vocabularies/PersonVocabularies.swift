/// A person's sex as recorded.
public enum Sex: String, Vocabulary {
    case female
    case male
    case unknown

    public static let vocabularyName = "sex"

    public var label: LocalizedLabel {
        switch self {
        case .female: LocalizedLabel(en: "Female", ko: "여성")
        case .male: LocalizedLabel(en: "Male", ko: "남성")
        case .unknown: LocalizedLabel(en: "Unknown", ko: "알 수 없음")
        }
    }
}

/// The writing system a name is written in.
public enum NameScript: String, Vocabulary {
    case hangul
    case latin
    case han
    case other

    public static let vocabularyName = "nameScript"

    public var label: LocalizedLabel {
        switch self {
        case .hangul: LocalizedLabel(en: "Hangul", ko: "한글")
        case .latin: LocalizedLabel(en: "Latin", ko: "로마자")
        case .han: LocalizedLabel(en: "Chinese characters", ko: "한자")
        case .other: LocalizedLabel(en: "Other", ko: "기타")
        }
    }
}

/// The spelling system or provenance of a name.
public enum NameSystem: String, Vocabulary {
    case southKorean = "south_korean"
    case northKorean = "north_korean"
    case revisedRomanization = "revised_romanization"
    case mccuneReischauer = "mccune_reischauer"
    case northKoreanOfficial = "north_korean_official"
    case passport
    case chinese
    case alias
    case unknown

    public static let vocabularyName = "nameSystem"

    public var label: LocalizedLabel {
        switch self {
        case .southKorean: LocalizedLabel(en: "South Korean spelling", ko: "남한식 표기")
        case .northKorean: LocalizedLabel(en: "North Korean spelling", ko: "북한식 표기")
        case .revisedRomanization: LocalizedLabel(en: "Revised Romanization", ko: "국어의 로마자 표기법")
        case .mccuneReischauer: LocalizedLabel(en: "McCune–Reischauer", ko: "매큔-라이샤워 표기법")
        case .northKoreanOfficial: LocalizedLabel(en: "North Korean official romanisation", ko: "북한 공식 로마자 표기")
        case .passport: LocalizedLabel(en: "Passport spelling", ko: "여권 표기")
        case .chinese: LocalizedLabel(en: "Chinese characters", ko: "한자 표기")
        case .alias: LocalizedLabel(en: "Alias", ko: "가명")
        case .unknown: LocalizedLabel(en: "Unknown", ko: "알 수 없음")
        }
    }
}

/// A family relationship from one person to another.
public enum FamilyRelation: String, Vocabulary {
    case parent
    case child
    case spouse
    case sibling
    case grandparent
    case grandchild
    case otherRelative = "other_relative"

    public static let vocabularyName = "familyRelation"

    public var label: LocalizedLabel {
        switch self {
        case .parent: LocalizedLabel(en: "Parent", ko: "부모")
        case .child: LocalizedLabel(en: "Child", ko: "자녀")
        case .spouse: LocalizedLabel(en: "Spouse", ko: "배우자")
        case .sibling: LocalizedLabel(en: "Sibling", ko: "형제자매")
        case .grandparent: LocalizedLabel(en: "Grandparent", ko: "조부모")
        case .grandchild: LocalizedLabel(en: "Grandchild", ko: "손자녀")
        case .otherRelative: LocalizedLabel(en: "Other relative", ko: "기타 친척")
        }
    }

    public var huridocs: HuridocsReference? {
        HuridocsReference("Types of Relationships", label.en)
    }
}
