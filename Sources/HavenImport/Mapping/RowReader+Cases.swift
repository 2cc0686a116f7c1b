import Foundation
import HavenCore

/// The rows of a rescue request sheet and of an intervention sheet: read through the same intake
/// and validation as the forms, so the import refuses what the forms refuse.
extension RowReader {
    mutating func rescueRequest(compartment: String, context: ValidationContext) -> [any Record] {
        let problemsBefore = problems.count
        // Every cell is read before anything stops the row, so that one dry run names every problem.
        let status = term(.rescueStatus, RescueStatus.self) ?? .received
        let date = take(.requestDate, ValueReader.date(cell(.requestDate), quote: !ImportField.requestDate.isProtected))
        let fee = fee()
        var subjects: [IncidentIntake.NamedVictim] = []
        if let name = text(.subjectName) {
            subjects.append(.init(name: name, sex: term(.subjectSex, Sex.self, extra: ValueReader.sexWords) ?? .unknown,
                                  age: take(.subjectAge, ValueReader.age(cell(.subjectAge), quote: !ImportField.subjectAge.isProtected))))
        }
        let request = RescueRequest(compartment: compartment, contactInitiatedBy: term(.contactInitiatedBy, ContactInitiator.self) ?? .unknown,
                                    fee: fee, groupSize: take(.groupSize, ValueReader.whole(cell(.groupSize), in: 0...1_000)),
                                    placeCode: take(.place, ValueReader.place(cell(.place), mapped: values[.place] ?? [:])), notes: text(.notes))
        if date == nil && cell(.requestDate).isEmpty {
            problems.append(.init(row: row.number, column: column(.requestDate), message: LocalizedLabel(
                en: "a rescue request needs the date it was received or reached its status",
                ko: "구출 요청에는 접수한 날짜나 그 상황에 이른 날짜가 필요합니다")))
        }
        guard let date, problems.count == problemsBefore else { return [] }
        // A broker or organisation named in an earlier row is the same record (see `named`).
        let brokerKey = text(.broker).map { NamedKey(false, $0) }
        let organisationKey = text(.facilitatingOrganisation).map { NamedKey(true, $0) }
        let intake = RescueRequestIntake(request: request, requesterName: text(.requesterName), subjects: subjects, brokerName: text(.broker),
                                         organisationName: text(.facilitatingOrganisation), firstStatus: RescueStatusChange(status: status, date: date),
                                         existingBroker: brokerKey.flatMap { named[$0]?.id },
                                         existingOrganisation: organisationKey.flatMap { named[$0]?.id })
        switch intake.records(compartment: compartment, context: context) {
        case .success(let records):
            if let made = records.last as? RescueRequest {
                if let brokerKey, let id = made.brokerID { named[brokerKey] = RecordRef(.person, id) }
                if let organisationKey, let id = made.facilitatingOrganisationID { named[organisationKey] = RecordRef(.organisation, id) }
            }
            return records
        case .failure(let invalid):
            report(invalid.problems, fields: ["requesterName": .requesterName, "subjects": .subjectName, "brokerName": .broker,
                                              "organisationName": .facilitatingOrganisation, "fee": .feeAmount, "fee.currency": .feeCurrency,
                                              "groupSize": .groupSize, "placeCode": .place, "notes": .notes, "status": .rescueStatus,
                                              "timeline": .requestDate, "statusNote": .notes])
            return []
        }
    }

    /// The fee: its amount, in the currency written beside it (`300만원`, `5000 USD`) or in the
    /// currency column; the two must agree when both are given.
    private mutating func fee() -> Money? {
        guard let (amount, written) = take(.feeAmount, ValueReader.money(cell(.feeAmount))) else { return nil }
        let column = text(.feeCurrency)?.uppercased()
        if let written, let column, written != column {
            problems.append(.init(row: row.number, column: self.column(.feeCurrency), message: LocalizedLabel(
                en: "the amount is in \(written) but the currency column says \(column.prefix(10))",
                ko: "금액은 \(written)인데 통화 열에는 \(column.prefix(10))(으)로 적혀 있습니다")))
            return nil
        }
        guard let currency = written ?? column else {
            problems.append(.init(row: row.number, column: self.column(.feeAmount), message: LocalizedLabel(
                en: "a fee needs its currency: write it beside the amount (300만원, 5000 USD, 20000元) or map a currency column",
                ko: "비용에는 통화가 필요합니다. 금액 옆에 쓰거나(300만원, 5000 USD, 20000元) 통화 열을 연결하십시오")))
            return nil
        }
        return Money(amount: amount, currency: currency)
    }

    mutating func intervention(compartment: String, context: ValidationContext) -> [any Record] {
        let problemsBefore = problems.count
        var records: [any Record] = []
        if let name = text(.subjectName) {
            let person = Person(compartment: compartment, names: [PersonName(name, script: NameScript.of(name), system: .unknown)])
            report(person.problems(in: context), fields: ["names": .subjectName])
            records.append(person)
        }
        let channel = term(.channel, InterventionChannel.self)
        let response = term(.response, InterventionResponse.self) ?? .awaiting
        let dateSent = take(.dateSent, ValueReader.date(cell(.dateSent), quote: !ImportField.dateSent.isProtected))
        let deadline = take(.deadline, ValueReader.date(cell(.deadline), quote: !ImportField.deadline.isProtected))
        let responseDate = take(.responseDate, ValueReader.date(cell(.responseDate), quote: !ImportField.responseDate.isProtected))
        let priority = term(.priority, Priority.self) ?? .normal
        // Without a status column a sheet says where a request stands by its dates and answer.
        let status = term(.interventionStatus, InterventionStatus.self)
            ?? (response != .awaiting ? .answered : dateSent != nil ? .sent : .draft)
        if channel == nil && cell(.channel).isEmpty {
            problems.append(.init(row: row.number, column: column(.channel), message: LocalizedLabel(
                en: "an intervention needs its channel (\(InterventionChannel.codes.joined(separator: ", ")))",
                ko: "개입 요청에는 전달 방법이 필요합니다 (\(InterventionChannel.codes.joined(separator: ", ")))")))
        }
        guard let channel, problems.count == problemsBefore else { return [] }
        let intervention = Intervention(compartment: compartment, subjectIDs: records.map(\.id), partyName: text(.partyName) ?? "",
                                        channel: channel, dateSent: dateSent, request: text(.requestText) ?? "", deadline: deadline,
                                        response: response, responseDate: responseDate, responseText: text(.responseText),
                                        status: status, priority: priority, notes: text(.notes))
        report(intervention.problems(in: context), fields: ["partyName": .partyName, "request": .requestText, "dateSent": .dateSent,
                                                            "deadline": .deadline, "response": .response, "responseDate": .responseDate,
                                                            "responseText": .responseText, "status": .interventionStatus, "notes": .notes])
        return problems.count == problemsBefore ? records + [intervention] : []
    }
}
