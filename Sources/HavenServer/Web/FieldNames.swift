import HavenCore

/// A record field's name in the reader's language, for a history that says which fields a
/// version changed. Field names are the records' JSON keys; one missing here is shown as it is
/// (a test checks that every field of every kind has a name).
enum FieldNames {
    static let labels: [String: LocalizedLabel] = [
        "title": WebText.titleField, "description": WebText.description, "startDate": WebText.startDate,
        "endDate": WebText.endDate, "placeCode": WebText.placeField, "placeDetail": WebText.placeDetail,
        "verification": WebText.verification, "compartment": WebText.compartment,
        "eventID": RecordKind.event.label, "actType": WebText.actType, "victimID": WebText.actVictim,
        "victimGroupID": RecordKind.victimGroup.label, "memberOfGroupID": WebText.inGroup, "date": WebText.actDate,
        "victimStatus": WebText.victimStatus, "notes": WebText.notes,
        "size": WebText.groupSize, "women": WebText.women, "men": WebText.men, "children": WebText.children,
        "names": WebText.names, "sex": WebText.sex, "birthDate": WebText.birthDate, "ageRange": WebText.age,
        "originPlaceCode": WebText.origin, "familyLinks": LocalizedLabel(en: "Relatives", ko: "가족 관계"),
        "phone": WebText.phone, "address": WebText.address,
        "sameAs": LocalizedLabel(en: "Same person as", ko: "같은 사람으로 합친 기록"),
        "distinctFrom": LocalizedLabel(en: "Judged other people", ko: "다른 사람으로 판단한 기록"),
        "name": WebText.names, "aliases": LocalizedLabel(en: "Other names", ko: "다른 이름"),
        "organisationKind": WebText.actorKind,
        "personID": RecordKind.person.label, "organisationID": RecordKind.organisation.label,
        "actID": WebText.whatWasDone, "role": WebText.role, "degree": WebText.degree,
        "sourceKind": WebText.sourceKind, "contact": WebText.sourceContact,
        "sourceID": RecordKind.source.label, "subjectID": WebText.about, "receivedDate": WebText.receivedDate,
        "connection": WebText.connection, "reliability": WebText.reliability, "credibility": WebText.credibility,
        "content": WebText.whatTheySaid,
        "subjectIDs": WebText.about, "partyID": WebText.partyName, "partyName": WebText.partyName, "channel": WebText.channel,
        "dateSent": WebText.dateSent, "request": WebText.whatWasAsked, "deadline": WebText.deadline,
        "response": WebText.response, "responseDate": WebText.responseDate, "responseText": WebText.responseText,
        "status": WebText.status, "priority": WebText.priority,
        "requesterID": WebText.requester, "requesterRelation": WebText.requesterRelation,
        "contactInitiatedBy": WebText.contactInitiatedBy, "brokerID": WebText.broker,
        "facilitatingOrganisationID": WebText.organisationName, "fee": WebText.feeAmount, "groupSize": WebText.groupSizeMoved,
        "timeline": WebText.timeline, "checks": LocalizedLabel(en: "Verification checklist", ko: "확인 목록"),
        "code": LocalizedLabel(en: "Code", ko: "코드"), "nameHangul": LocalizedLabel(en: "Name in Hangul", ko: "한글 이름"),
        "nameChinese": LocalizedLabel(en: "Name in Chinese", ko: "한자 이름"), "nameRomanised": LocalizedLabel(en: "Romanised name", ko: "로마자 이름"),
        "placeKind": LocalizedLabel(en: "Kind of place", ko: "장소 종류"), "country": LocalizedLabel(en: "Country", ko: "나라"),
        "parentCode": LocalizedLabel(en: "Part of", ko: "상위 지역"), "fileName": LocalizedLabel(en: "File name", ko: "파일 이름"),
        "mediaType": LocalizedLabel(en: "File type", ko: "파일 형식"), "sha256": LocalizedLabel(en: "Fingerprint (SHA-256)", ko: "지문 (SHA-256)"),
        "custody": LocalizedLabel(en: "Chain of custody", ko: "보관 경위"),
        "latitude": LocalizedLabel(en: "Latitude", ko: "위도"), "longitude": LocalizedLabel(en: "Longitude", ko: "경도"),
    ]

    /// The field's name in the reader's language.
    static func name(_ field: String, _ language: Language) -> String {
        labels[field].map(language.callAsFunction) ?? field
    }
}
