import HavenCore
import HavenLinkage

/// The words of record linkage on the pages, in Korean and English: what was compared and how
/// far two records agreed on it.
enum LinkageText {
    static func label(_ comparison: LinkComparison) -> LocalizedLabel {
        switch comparison {
        case .familyName: LocalizedLabel(en: "Family name", ko: "성")
        case .givenName: LocalizedLabel(en: "Given name", ko: "이름")
        case .birthDate: LocalizedLabel(en: "Birth date", ko: "생년월일")
        case .sex: LocalizedLabel(en: "Sex", ko: "성별")
        case .birthPlace: LocalizedLabel(en: "Place of origin", ko: "출신지")
        case .address: LocalizedLabel(en: "Address", ko: "주소")
        case .locality: LocalizedLabel(en: "Locality", ko: "지역")
        case .postcode: LocalizedLabel(en: "Postcode", ko: "우편번호")
        case .region: LocalizedLabel(en: "Region", ko: "도·주")
        case .idNumber: LocalizedLabel(en: "Identity number", ko: "신분증 번호")
        case .phone: LocalizedLabel(en: "Phone", ko: "전화")
        }
    }

    /// Whether a record has nothing for a comparison to compare.
    static func lacks(_ comparison: LinkComparison, _ record: LinkRecord) -> Bool {
        func empty(_ value: String?) -> Bool { value?.allSatisfy(\.isWhitespace) ?? true }
        switch comparison {
        case .familyName: return empty(record.familyName) && empty(record.name)
        case .givenName: return empty(record.givenName) && empty(record.name)
        case .birthDate: return empty(record.birthDate)
        case .sex: return empty(record.sex) || record.sex == "unknown"
        case .birthPlace: return empty(record.birthPlace)
        case .address: return empty(record.address)
        case .locality: return empty(record.locality)
        case .postcode: return empty(record.postcode)
        case .region: return empty(record.region)
        case .idNumber: return empty(record.idNumber)
        case .phone: return empty(record.phone)
        }
    }

    /// A part's meaning for two records: "missing" says whether one of them or both lack it.
    static func meaning(_ part: LinkResult.Part, _ first: LinkRecord, _ second: LinkRecord) -> LocalizedLabel {
        guard part.level == 0 else { return meaning(part.meaning) }
        return lacks(part.comparison, first) && lacks(part.comparison, second)
            ? LocalizedLabel(en: "Missing on both", ko: "양쪽 모두 없음")
            : LocalizedLabel(en: "Missing on one side", ko: "한쪽에 없음")
    }

    /// A level's meaning (``LinkComparison/levelNames``) in the reader's language.
    static func meaning(_ meaning: String) -> LocalizedLabel {
        let korean: [String: String] = [
            "missing": "한쪽에 없음", "different": "다름", "similar": "비슷함", "close": "거의 같음", "nearby": "가까운 곳", "same": "같음",
            "close, rare spelling": "거의 같음 (드문 표기)", "in the range": "범위 안", "within a year": "1년 이내", "one slip": "한 군데 오기", "same year": "같은 해", "same month": "같은 달", "same day": "같은 날",
        ]
        return LocalizedLabel(en: meaning.prefix(1).uppercased() + meaning.dropFirst(), ko: korean[meaning] ?? meaning)
    }
}
