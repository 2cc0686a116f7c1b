import HavenCore

/// What each row of a sheet becomes.
public enum ImportKind: String, Sendable, Codable, CaseIterable {
    /// A person record per row.
    case person
    /// An incident per row: an event, the act done, a named victim or a group, a perpetrator
    /// and a source, written together as the intake form writes them.
    case incident
    /// A rescue request per row: the requester, the person it is for and the broker as persons,
    /// the facilitating organisation, and the request with its status on the date given, as the
    /// rescue request form writes them.
    case rescueRequest
    /// An intervention per row: a request to a party (a ministry, a UN body), its deadline and
    /// its answer, and the person it concerns when one is named.
    case intervention

    /// Its labels.
    public var label: LocalizedLabel {
        switch self {
        case .person: LocalizedLabel(en: "Persons", ko: "인물")
        case .incident: LocalizedLabel(en: "Incidents", ko: "사건")
        case .rescueRequest: LocalizedLabel(en: "Rescue requests", ko: "구출 요청")
        case .intervention: LocalizedLabel(en: "Interventions", ko: "개입 요청")
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
    // A rescue request (with groupSize, place and notes).
    case requestDate, rescueStatus, requesterName, subjectName, subjectSex, subjectAge, contactInitiatedBy, broker
    case facilitatingOrganisation, feeAmount, feeCurrency
    // An intervention (with subjectName and notes).
    case partyName, channel, dateSent, requestText, deadline, response, responseDate, responseText, interventionStatus, priority

    /// The kinds of row it belongs to.
    public var kinds: Set<ImportKind> {
        switch self {
        case .name, .otherName, .sex, .birthDate, .age, .originPlace, .phone, .address: [.person]
        case .notes: [.person, .rescueRequest, .intervention]
        case .groupSize, .place: [.incident, .rescueRequest]
        case .subjectName: [.rescueRequest, .intervention]
        case .requestDate, .rescueStatus, .requesterName, .subjectSex, .subjectAge, .contactInitiatedBy, .broker,
             .facilitatingOrganisation, .feeAmount, .feeCurrency:
            [.rescueRequest]
        case .partyName, .channel, .dateSent, .requestText, .deadline, .response, .responseDate, .responseText, .interventionStatus, .priority:
            [.intervention]
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
        case .requestDate: LocalizedLabel(en: "Date of the status", ko: "상황 날짜")
        case .rescueStatus: LocalizedLabel(en: "Request status", ko: "요청 상황")
        case .requesterName: LocalizedLabel(en: "Requester", ko: "요청자")
        case .subjectName: LocalizedLabel(en: "Person concerned", ko: "대상자")
        case .subjectSex: LocalizedLabel(en: "Person concerned: sex", ko: "대상자 성별")
        case .subjectAge: LocalizedLabel(en: "Person concerned: age", ko: "대상자 나이")
        case .contactInitiatedBy: LocalizedLabel(en: "Who made first contact", ko: "처음 연락한 쪽")
        case .broker: LocalizedLabel(en: "Broker", ko: "브로커")
        case .facilitatingOrganisation: LocalizedLabel(en: "Facilitating organisation", ko: "조력 단체")
        case .feeAmount: LocalizedLabel(en: "Fee quoted", ko: "제시된 비용")
        case .feeCurrency: LocalizedLabel(en: "Fee currency", ko: "비용 통화")
        case .partyName: LocalizedLabel(en: "Party asked", ko: "요청 대상 기관")
        case .channel: LocalizedLabel(en: "Channel", ko: "전달 방법")
        case .dateSent: LocalizedLabel(en: "Date sent", ko: "발송일")
        case .requestText: LocalizedLabel(en: "What was asked", ko: "요청 내용")
        case .deadline: LocalizedLabel(en: "Deadline", ko: "답변 기한")
        case .response: LocalizedLabel(en: "Response", ko: "답변")
        case .responseDate: LocalizedLabel(en: "Response date", ko: "답변일")
        case .responseText: LocalizedLabel(en: "Response text", ko: "답변 내용")
        case .interventionStatus: LocalizedLabel(en: "Intervention status", ko: "개입 상태")
        case .priority: LocalizedLabel(en: "Priority", ko: "우선순위")
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
        case .requestDate: ["날짜", "접수일", "요청일", "일자", "date", "request date", "date received", "status date"]
        case .rescueStatus: ["상태", "상황", "진행 상황", "결과", "status", "outcome"]
        case .requesterName: ["요청자", "신청자", "의뢰인", "requester", "requested by"]
        case .subjectName: ["대상자", "대상자 이름", "구출 대상", "관련 인물", "subject", "person", "person concerned", "for whom"]
        case .subjectSex: ["대상자 성별", "성별", "sex", "gender"]
        case .subjectAge: ["대상자 나이", "나이", "연령", "연령대", "age"]
        case .contactInitiatedBy: ["처음 연락한 쪽", "최초 연락", "먼저 연락", "first contact", "contact initiated by", "initiated by"]
        case .broker: ["브로커", "중개인", "broker"]
        case .facilitatingOrganisation: ["조력 단체", "단체", "조직", "organisation", "organization", "network"]
        case .feeAmount: ["비용", "금액", "수수료", "fee", "amount", "price"]
        case .feeCurrency: ["통화", "화폐", "currency"]
        case .partyName: ["요청 대상 기관", "대상 기관", "수신처", "기관", "party", "addressee", "recipient"]
        case .channel: ["전달 방법", "경로", "방법", "channel", "method"]
        case .dateSent: ["발송일", "보낸 날짜", "요청일", "date sent", "sent", "date"]
        case .requestText: ["요청 내용", "요청", "request", "ask"]
        case .deadline: ["답변 기한", "기한", "마감", "deadline", "due", "due date"]
        case .response: ["답변", "회신", "응답", "response", "answer"]
        case .responseDate: ["답변일", "회신일", "response date", "answered"]
        case .responseText: ["답변 내용", "회신 내용", "response text"]
        case .interventionStatus: ["상태", "진행 상황", "status"]
        case .priority: ["우선순위", "긴급도", "priority", "urgency"]
        }
    }

    /// Whether the field feeds a protected (sealed) field of its record: a problem with its value
    /// is named by row and column without quoting the value, which may be a person's.
    public var isProtected: Bool {
        switch self {
        case .name, .otherName, .birthDate, .age, .phone, .address, .notes, .title, .date, .placeDetail, .description,
             .victimName, .victimOtherName, .victimAge, .perpetrator, .sourceName,
             .requestDate, .requesterName, .subjectName, .subjectAge, .broker, .facilitatingOrganisation, .requestText, .responseText:
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
        case .rescueStatus: return of(RescueStatus.self)
        case .subjectSex: return of(Sex.self)
        case .contactInitiatedBy: return of(ContactInitiator.self)
        case .channel: return of(InterventionChannel.self)
        case .response: return of(InterventionResponse.self)
        case .interventionStatus: return of(InterventionStatus.self)
        case .priority: return of(Priority.self)
        default: return nil
        }
    }

    /// Whether the field holds a place, mapped to a gazetteer code.
    public var isPlace: Bool { self == .place || self == .originPlace }
}
