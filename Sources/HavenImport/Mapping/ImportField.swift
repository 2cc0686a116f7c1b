import HavenCore

/// What each row of a sheet becomes.
public enum ImportKind: String, Sendable, Codable, CaseIterable {
    /// A person record per row.
    case person
    /// An incident per row: an event, the act done, a named victim or a group, a perpetrator
    /// and a source, written together as the intake form writes them.
    case incident

    /// Its labels.
    public var label: LocalizedLabel {
        switch self {
        case .person: LocalizedLabel(en: "Persons", ko: "인물")
        case .incident: LocalizedLabel(en: "Incidents", ko: "사건")
        }
    }
}

/// A field a column can feed, with the header words that suggest it (Korean and English, as
/// organisations' sheets name them).
public enum ImportField: String, Sendable, Codable, CaseIterable {
    // A person.
    case name, otherName, sex, birthDate, age, originPlace, phone, address, notes
    // An incident.
    case title, date, place, placeDetail, description, actType, victimName, victimOtherName, victimSex, victimAge, victimStatus
    case groupSize, perpetrator, perpetratorKind, sourceName, sourceKind, reliability, credibility

    /// The kinds of row it belongs to.
    public var kinds: Set<ImportKind> {
        switch self {
        case .name, .otherName, .sex, .birthDate, .age, .originPlace, .phone, .address, .notes: [.person]
        default: [.incident]
        }
    }

    /// Its name in both languages.
    public var label: LocalizedLabel {
        switch self {
        case .name: LocalizedLabel(en: "Name", ko: "이름")
        case .otherName: LocalizedLabel(en: "Other name or spelling", ko: "다른 이름·표기")
        case .sex: LocalizedLabel(en: "Sex", ko: "성별")
        case .birthDate: LocalizedLabel(en: "Date of birth", ko: "생년월일")
        case .age: LocalizedLabel(en: "Age", ko: "나이")
        case .originPlace: LocalizedLabel(en: "Place of origin", ko: "출신지")
        case .phone: LocalizedLabel(en: "Phone", ko: "전화번호")
        case .address: LocalizedLabel(en: "Address", ko: "주소")
        case .notes: LocalizedLabel(en: "Notes", ko: "메모")
        case .title: LocalizedLabel(en: "Incident title", ko: "사건명")
        case .date: LocalizedLabel(en: "Incident date", ko: "사건 날짜")
        case .place: LocalizedLabel(en: "Place", ko: "장소")
        case .placeDetail: LocalizedLabel(en: "Place detail", ko: "상세 장소")
        case .description: LocalizedLabel(en: "Description", ko: "내용")
        case .actType: LocalizedLabel(en: "Act type", ko: "사건 유형")
        case .victimName: LocalizedLabel(en: "Victim's name", ko: "피해자 이름")
        case .victimOtherName: LocalizedLabel(en: "Victim's other name", ko: "피해자 다른 이름")
        case .victimSex: LocalizedLabel(en: "Victim's sex", ko: "피해자 성별")
        case .victimAge: LocalizedLabel(en: "Victim's age", ko: "피해자 나이")
        case .victimStatus: LocalizedLabel(en: "Victim's situation after", ko: "피해자 이후 상황")
        case .groupSize: LocalizedLabel(en: "Number of people", ko: "인원")
        case .perpetrator: LocalizedLabel(en: "Perpetrator", ko: "가해자")
        case .perpetratorKind: LocalizedLabel(en: "Perpetrator's kind", ko: "가해 기관 유형")
        case .sourceName: LocalizedLabel(en: "Source", ko: "출처")
        case .sourceKind: LocalizedLabel(en: "Source kind", ko: "출처 유형")
        case .reliability: LocalizedLabel(en: "Source reliability", ko: "출처 신뢰도")
        case .credibility: LocalizedLabel(en: "Information credibility", ko: "정보 신빙성")
        }
    }

    /// Other header words that name it.
    var synonyms: [String] {
        switch self {
        case .name: ["성명", "이름", "name", "full name", "성함"]
        case .otherName: ["가명", "다른 이름", "alias", "romanised name", "영문 이름", "영문명"]
        case .sex: ["성별", "sex", "gender", "남녀"]
        case .birthDate: ["생년월일", "출생일", "생일", "date of birth", "dob", "birth date", "birthdate"]
        case .age: ["나이", "연령", "연령대", "age", "age group", "age_group"]
        case .originPlace: ["출신", "출신지", "고향", "origin", "hometown", "place of origin"]
        case .phone: ["전화", "전화번호", "연락처", "phone", "telephone", "mobile"]
        case .address: ["주소", "address"]
        case .notes: ["비고", "메모", "notes", "remarks", "note"]
        case .title: ["사건명", "제목", "title", "incident", "사건"]
        case .date: ["날짜", "사건 날짜", "사건일", "일자", "발생일", "date", "incident date", "incident/date"]
        case .place: ["장소", "지역", "발생 장소", "place", "location", "region"]
        case .placeDetail: ["상세 장소", "상세 주소", "place detail"]
        case .description: ["내용", "경위", "설명", "description", "narrative", "details", "summary"]
        case .actType: ["사건 유형", "유형", "피해 유형", "type", "act type", "incident type", "incident/type", "violation"]
        case .victimName: ["피해자", "피해자 이름", "피해자명", "victim", "victim name", "victims/name", "이름", "성명", "name"]
        case .victimOtherName: ["피해자 다른 이름", "victim other name"]
        case .victimSex: ["피해자 성별", "victim sex", "victims/sex", "성별", "sex", "gender"]
        case .victimAge: ["피해자 나이", "victim age", "victims/age_group", "나이", "연령", "연령대", "age"]
        case .victimStatus: ["피해자 상황", "이후 상황", "victim status", "status"]
        case .groupSize: ["인원", "인원수", "명", "number of people", "victims_count", "people", "count"]
        case .perpetrator: ["가해자", "가해 기관", "perpetrator", "perpetrators", "incident/perpetrators"]
        case .perpetratorKind: ["가해 기관 유형", "perpetrator kind", "perpetrator type"]
        case .sourceName: ["출처", "제보자", "source", "informant", "reported by"]
        case .sourceKind: ["출처 유형", "source kind", "source type"]
        case .reliability: ["신뢰도", "reliability"]
        case .credibility: ["신빙성", "credibility"]
        }
    }

    /// Whether the field feeds a protected (sealed) field of its record: a problem with its value
    /// is named by row and column without quoting the value, which may be a person's.
    public var isProtected: Bool {
        switch self {
        case .name, .otherName, .birthDate, .age, .phone, .address, .notes, .title, .date, .placeDetail, .description,
             .victimName, .victimOtherName, .victimAge, .perpetrator, .sourceName:
            true
        default:
            false
        }
    }

    /// The fields of a kind, in the order a form shows them.
    public static func fields(of kind: ImportKind) -> [ImportField] { allCases.filter { $0.kinds.contains(kind) } }
}

extension ImportField {
    /// What a word in the field may be mapped to: its vocabulary's codes with their labels, for
    /// a field read as a vocabulary term; nil for every other field (places are gazetteer codes,
    /// chosen by name).
    public var terms: [(code: String, label: LocalizedLabel)]? {
        func of<V: Vocabulary>(_ type: V.Type) -> [(code: String, label: LocalizedLabel)] { V.allCases.map { ($0.code, $0.label) } }
        switch self {
        case .sex, .victimSex: return of(Sex.self)
        case .actType: return of(ActType.self)
        case .victimStatus: return of(VictimStatus.self)
        case .perpetratorKind: return of(OrganisationKind.self)
        case .sourceKind: return of(SourceKind.self)
        case .reliability: return of(Reliability.self)
        case .credibility: return of(Credibility.self)
        default: return nil
        }
    }

    /// Whether the field holds a place, mapped to a gazetteer code.
    public var isPlace: Bool { self == .place || self == .originPlace }
}
