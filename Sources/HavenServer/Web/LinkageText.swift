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

    /// A level's meaning (``LinkComparison/levelNames``) in the reader's language.
    static func meaning(_ meaning: String) -> LocalizedLabel {
        let korean: [String: String] = [
            "missing": "한쪽에 없음", "different": "다름", "similar": "비슷함", "close": "거의 같음", "nearby": "가까운 곳", "same": "같음",
            "close, rare spelling": "거의 같음 (드문 표기)", "within a year": "1년 이내", "one slip": "한 군데 오기", "same year": "같은 해", "same month": "같은 달", "same day": "같은 날",
        ]
        return LocalizedLabel(en: meaning.prefix(1).uppercased() + meaning.dropFirst(), ko: korean[meaning] ?? meaning)
    }
}
