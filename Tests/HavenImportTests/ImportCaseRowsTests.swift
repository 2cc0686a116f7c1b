import Foundation
import HavenCore
@testable import HavenImport
import Testing

/// Rescue requests and interventions as rows: mapped from Korean headers, read through the same
/// intake and validation as their forms, every problem named by row and column in both languages.
struct ImportCaseRowsTests {
    func sheets(_ csv: String) throws -> [Sheet] { try SpreadsheetReader.read(Data(csv.utf8)).sheets }

    @Test func aKoreanRescueRequestSheetBecomesRequestsWithTheirPeopleBrokerAndFee() throws {
        let csv = """
        접수일,상태,요청자,대상자,대상자 성별,대상자 나이,처음 연락한 쪽,브로커,조력 단체,비용,인원,지역
        2019년 3월,체포,가요청,나대상,여,50대,브로커,다중개,라단체,300만원,3,온성군
        2020-01-07,접수,마요청,,,,family,,,"5,000 USD",,연길
        """
        let sheets = try sheets(csv)
        let mapping = ImportMapping.suggested(kind: .rescueRequest, columnNames: sheets[0].columnNames(headerRow: 1))
        #expect(mapping.columns == ["접수일": .requestDate, "상태": .rescueStatus, "요청자": .requesterName, "대상자": .subjectName,
                                   "대상자 성별": .subjectSex, "대상자 나이": .subjectAge, "처음 연락한 쪽": .contactInitiatedBy,
                                   "브로커": .broker, "조력 단체": .facilitatingOrganisation, "비용": .feeAmount, "인원": .groupSize, "지역": .place])
        let plan = try ImportPlanner.plan(sheets, mapping: mapping, compartment: "seoul")
        #expect(plan.problems.isEmpty && plan.unmatched.isEmpty, "\(plan.problems.map { $0.text(false) }) \(plan.unmatched)")
        let requests = plan.records.compactMap { $0 as? RescueRequest }
        #expect(requests.count == 2)
        let first = try #require(requests.first)
        #expect(first.status == .arrested && first.timeline.map(\.date.description) == ["2019-03"])
        #expect(first.contactInitiatedBy == .broker && first.groupSize == 3 && first.placeCode == "KP-09-ONSONG")
        #expect(first.fee == Money(amount: 3_000_000, currency: "KRW"))
        let persons = Dictionary(uniqueKeysWithValues: plan.records.compactMap { $0 as? Person }.map { ($0.id, $0) })
        #expect(first.requesterID.flatMap { persons[$0]?.names.first?.value } == "가요청")
        #expect(first.brokerID.flatMap { persons[$0]?.names.first?.value } == "다중개")
        let subject = try #require(first.subjectIDs.first.flatMap { persons[$0] })
        #expect(subject.names.first?.value == "나대상" && subject.sex == .female && subject.ageRange == AgeRange(minimum: 50, maximum: 59))
        #expect(plan.records.compactMap { $0 as? Organisation }.map(\.name) == ["라단체"])
        let second = requests[1]
        #expect(second.status == .received && second.contactInitiatedBy == .family && second.brokerID == nil && second.subjectIDs.isEmpty)
        #expect(second.fee == Money(amount: 5_000, currency: "USD"))
        #expect(second.placeCode == "CN-JL-YANJI", "연길 is the Korean reading of 옌지(연길)")
        #expect(plan.records.allSatisfy { $0.compartment == "seoul" })
    }

    @Test func aBrokerOrAgencyNamedInManyRowsIsOneRecordButNamesakeVictimsAreNot() throws {
        let requests = """
        접수일,요청자,브로커,조력 단체
        2020-01,가요청,다중개,라단체
        2020-02,가요청,다 중개,라단체
        2020-03,나요청,마중개,
        """
        let plan = try ImportPlanner.plan(try sheets(requests), mapping: ImportMapping(name: "t", kind: .rescueRequest, columns: [
            "접수일": .requestDate, "요청자": .requesterName, "브로커": .broker, "조력 단체": .facilitatingOrganisation,
        ]), compartment: Compartment.default)
        let made = plan.records.compactMap { $0 as? RescueRequest }
        #expect(made.count == 3 && made[0].brokerID == made[1].brokerID && made[2].brokerID != made[0].brokerID)
        #expect(made[0].facilitatingOrganisationID == made[1].facilitatingOrganisationID && made[2].facilitatingOrganisationID == nil)
        let persons = plan.records.compactMap { $0 as? Person }.map { $0.names[0].value }
        #expect(persons.sorted() == ["가요청", "가요청", "나요청", "다중개", "마중개"], "one broker, but each row's requester is its own person")
        #expect(plan.records.compactMap { $0 as? Organisation }.count == 1)

        let incidents = """
        사건 유형,사건 날짜,피해자,가해자,가해 기관 유형
        arrest,2020-01,가피해,국가보위성,state_security
        arrest,2020-02,가피해,국가보위성,state_security
        arrest,2020-03,나피해,국가보위성,
        """
        let second = try ImportPlanner.plan(try sheets(incidents), mapping: ImportMapping(name: "t", kind: .incident, columns: [
            "사건 유형": .actType, "사건 날짜": .date, "피해자": .victimName, "가해자": .perpetrator, "가해 기관 유형": .perpetratorKind,
        ]), compartment: Compartment.default)
        #expect(second.isReady, "\(second.problems.map { $0.text(false) }) \(second.unmatched)")
        let agencies = second.records.compactMap { $0 as? Organisation }
        #expect(agencies.count == 1, "the agency named in rows 2 and 3 is one organisation")
        let involvements = second.records.compactMap { $0 as? Involvement }
        #expect(involvements.count == 3 && involvements.prefix(2).allSatisfy { $0.organisationID == agencies[0].id })
        #expect(involvements[2].personID != nil, "without an organisation kind the perpetrator is an individual, another record")
    }

    @Test func aRescueRequestRowWithoutADateOrWithAnUnclearFeeIsNamedAndNotPlanned() throws {
        let csv = """
        접수일,요청자,비용,통화
        ,가요청,100,KRW
        2020-02,나요청,300만,
        2020-03,다요청,5000 USD,KRW
        2020-04,라요청,많이,KRW
        2020-05,마요청,100,KRW
        2020-13,바요청,100,KRW
        """
        let plan = try ImportPlanner.plan(try sheets(csv), mapping: ImportMapping(name: "t", kind: .rescueRequest, columns: [
            "접수일": .requestDate, "요청자": .requesterName, "비용": .feeAmount, "통화": .feeCurrency,
        ]), compartment: Compartment.default)
        #expect(plan.problems.map { "\($0.row):\($0.column)" } == ["2:접수일", "3:비용", "4:통화", "5:비용", "7:접수일"])
        #expect(!plan.problems[4].text(false).contains("2020-13"), "a request's dates are protected (its timeline) and not quoted")
        #expect(plan.problems[0].text(true).contains("날짜가 필요합니다"))
        #expect(plan.problems[1].text(false).contains("a fee needs its currency"))
        #expect(plan.problems[2].text(false).contains("the amount is in USD but the currency column says KRW"))
        #expect(plan.problems[3].text(false).contains("많이 is not an amount"))
        let requests = plan.records.compactMap { $0 as? RescueRequest }
        #expect(requests.map(\.fee) == [Money(amount: 100, currency: "KRW")], "only row 6 is planned")
    }

    @Test func anInterventionSheetBecomesInterventionsWhoseStatusFollowsTheirDatesAndAnswers() throws {
        let csv = """
        요청 대상 기관,전달 방법,발송일,요청 내용,답변 기한,답변,답변일,대상자,우선순위
        외교부,외교 공한,2024-03-02,송환 중지 요청,2024-03-16,무응답,2024-03-17,가대상,긴급
        유엔 특별보고관,유엔 진정,2024-04-01,구금 경위 문의,2024-05-01,,,,
        국가정보원,서한,,초안 단계의 문의,,,,,
        """
        let sheets = try sheets(csv)
        let mapping = ImportMapping.suggested(kind: .intervention, columnNames: sheets[0].columnNames(headerRow: 1))
        #expect(mapping.columns == ["요청 대상 기관": .partyName, "전달 방법": .channel, "발송일": .dateSent, "요청 내용": .requestText,
                                   "답변 기한": .deadline, "답변": .response, "답변일": .responseDate, "대상자": .subjectName, "우선순위": .priority])
        let plan = try ImportPlanner.plan(sheets, mapping: mapping, compartment: Compartment.default)
        #expect(plan.isReady, "\(plan.problems.map { $0.text(false) }) \(plan.unmatched)")
        let interventions = plan.records.compactMap { $0 as? Intervention }
        #expect(interventions.map(\.status) == [.answered, .sent, .draft])
        #expect(interventions.map(\.channel) == [.diplomaticNote, .unCommunication, .letter])
        #expect(interventions[0].response == .noResponse && interventions[0].priority == .urgent && interventions[1].priority == .normal)
        let subject = try #require(plan.records.first as? Person)
        #expect(subject.names.first?.value == "가대상" && interventions[0].subjectIDs == [subject.id])
        #expect(interventions[1].subjectIDs.isEmpty)
    }

    @Test func anInterventionRowThatBreaksTheRecordsRulesIsNamedInKoreanAndEnglish() throws {
        let csv = """
        기관,방법,발송일,요청,기한
        외교부,,2024-03-02,문의,2024-03-16
        ,서한,2024-03-02,문의,2024-02-01
        """
        let plan = try ImportPlanner.plan(try sheets(csv), mapping: ImportMapping(name: "t", kind: .intervention, columns: [
            "기관": .partyName, "방법": .channel, "발송일": .dateSent, "요청": .requestText, "기한": .deadline,
        ]), compartment: Compartment.default)
        #expect(plan.problems.map { "\($0.row):\($0.column)" } == ["2:방법", "3:기관", "3:기한"])
        #expect(plan.problems[1].text(true) == "3행, 기관 열: partyName: 비워 둘 수 없습니다")
        #expect(plan.problems[2].text(false) == "row 3, column 기한: deadline ends before it starts")
        #expect(plan.problems[2].text(true) == "3행, 기한 열: deadline: 시작보다 앞서 끝납니다")
        #expect(plan.records.isEmpty)
    }

    @Test(arguments: [("3000000", 3_000_000.0, nil), ("3,000,000원", 3_000_000, "KRW"), ("300만원", 3_000_000, "KRW"), ("300만 원", 3_000_000, "KRW"),
                      ("5000 USD", 5_000, "USD"), ("$5,000", 5_000, "USD"), ("20000元", 20_000, "CNY"), ("2만 위안", 20_000, "CNY"),
                      ("1.5억", 150_000_000, nil), ("700 eur", 700, "EUR")] as [(String, Double, String?)])
    func feesAreReadWithTheCurrencyWrittenBesideThem(text: String, amount: Double, currency: String?) {
        guard case .value(let read) = ValueReader.money(.text(text)) else {
            Issue.record("\(text) was not read as an amount")
            return
        }
        #expect(read.amount == amount && read.currency == currency)
    }

    @Test(arguments: ["many", "nan", "1e999", "만원", "1.2.3"])
    func whatIsNotAnAmountIsRefused(text: String) {
        guard case .invalid = ValueReader.money(.text(text)) else {
            Issue.record("\(text) was read as an amount")
            return
        }
    }
}
