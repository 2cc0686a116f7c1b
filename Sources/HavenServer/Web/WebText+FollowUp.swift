import HavenCore

/// The words of the follow-up forms: editing a person, a group, an act, a source or what it
/// said, a victim's next step, another source for an incident, and a record's past versions.
extension WebText {
    static let editPerson = LocalizedLabel(en: "Edit person", ko: "사람 정보 고치기")
    static let editGroup = LocalizedLabel(en: "Edit victim group", ko: "피해자 집단 고치기")
    static let editAct = LocalizedLabel(en: "Edit what was done", ko: "피해 행위 고치기")
    static let newAct = LocalizedLabel(en: "Record what happened next to a victim", ko: "피해자에게 그다음 일어난 일 기록")
    static let editSource = LocalizedLabel(en: "Edit source", ko: "출처 고치기")
    static let editInformation = LocalizedLabel(en: "Edit what the source reported", ko: "제보 내용 고치기")
    static let newInformation = LocalizedLabel(en: "Add a source", ko: "출처 추가")
    static let nameSystem = LocalizedLabel(en: "Spelling", ko: "표기 방식")
    static let nameRemoveHint = LocalizedLabel(en: "Empty a name to remove it; the last row takes a new name.",
                                               ko: "이름을 지우려면 칸을 비우십시오. 마지막 칸에 새 이름을 적을 수 있습니다.")
    static let sourceContact = LocalizedLabel(en: "How to reach them", ko: "연락 방법")
    static let actVictim = LocalizedLabel(en: "Victim", ko: "피해자")
    static let actVictimHint = LocalizedLabel(en: "One of this incident's victims or groups.", ko: "이 사건의 피해자나 피해자 집단 가운데 고르십시오.")
    static let actDate = LocalizedLabel(en: "When", ko: "날짜")
    static let victimStatusAfter = LocalizedLabel(en: "The victim's state after it", ko: "그 뒤 피해자의 상태")
    static let addAct = LocalizedLabel(en: "Record what happened next", ko: "그다음 일어난 일 기록")
    static let whatWasDone = LocalizedLabel(en: "What was done", ko: "피해 행위")
    static let whatWasReported = LocalizedLabel(en: "What they reported", ko: "제보")
}

extension WebText {
    static let linkedRecords = LocalizedLabel(en: "Linked records", ko: "연결된 기록")
}

extension WebText {
    static let requestBecame = LocalizedLabel(en: "The incident this request became", ko: "이 요청에서 이어진 사건")
    static let requestBecameThis = LocalizedLabel(en: "became this incident", ko: "이 사건으로 이어짐")
    static let recordIncidentFromRequest = LocalizedLabel(en: "Record the incident it became", ko: "이어진 사건 기록")
    static let incidentFromRequest = LocalizedLabel(en: "This incident will be linked to the rescue request", ko: "이 사건은 다음 구출 요청과 연결됩니다")
}

extension WebText {
    static func latestRequests(shown: Int, of total: Int) -> LocalizedLabel {
        LocalizedLabel(en: "The latest \(shown) of \(total) requests; the party's dossier lists every one.",
                       ko: "요청 \(total)건 가운데 최근 \(shown)건입니다. 모든 요청은 이 기관의 자료집에 있습니다.")
    }
}
