import Foundation
import HavenCore
import Testing

/// Trap indicators: each raised exactly by what the rules name, with its numbers and records,
/// and thresholds that an organisation can set.
struct TrapIndicatorTests {
    let broker = UUID(), network = UUID(), entrapment = UUID(), nearby = UUID()

    func request(fee: Double? = 300, initiator: ContactInitiator = .broker, checks: [VerificationCheck]? = nil) throws -> RescueRequest {
        RescueRequest(contactInitiatedBy: initiator, brokerID: broker, facilitatingOrganisationID: network,
                      fee: fee.map { Money(amount: $0, currency: "USD") }, placeCode: "KP-10-HYESAN",
                      timeline: [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2025-03-04"))], checks: checks)
    }

    @Test func everyIndicatorIsRaisedByItsOwnEvidence() throws {
        let evidence = TrapEvidence(
            chainLinks: [.init(member: RecordRef(.person, broker), act: UUID(), event: entrapment),
                         .init(member: RecordRef(.organisation, network), act: UUID(), event: entrapment)],
            areaEntrapments: [entrapment, nearby], comparableFees: [3_000, 2_800, 3_200])
        let found = TrapIndicators.assess(try request(), evidence: evidence)
        #expect(found.map(\.kind) == [.brokerInitiated, .requesterUnverified, .relationshipUnverified, .chainLinkedToEntrapment, .countyEntrapmentReports, .feeFarBelowRate])
        let chain = try #require(found.first { $0.kind == .chainLinkedToEntrapment })
        #expect(chain.explanation.en == "In the records, the broker and the organisation are linked to 1 entrapment incident.")
        #expect(Set(chain.records) == [RecordRef(.person, broker), RecordRef(.organisation, network), RecordRef(.event, entrapment)])
        let area = try #require(found.first { $0.kind == .countyEntrapmentReports })
        #expect(area.explanation.ko == "이 요청 전 180일 동안 같은 지역에서 함정 사건이 2건 보고되었습니다." && area.records.count == 2)
        let fee = try #require(found.first { $0.kind == .feeFarBelowRate })
        #expect(fee.explanation.en == "The fee quoted, 300 USD, is 10% of the median of 3 comparable requests (3000 USD).")
    }

    @Test func eachPersonCheckClearsTheIndicatorItAnswersAndNoOther() throws {
        let identity = try request(initiator: .family, checks: [VerificationCheck(item: .requesterIdentity, done: true)])
        #expect(TrapIndicators.assess(identity, evidence: TrapEvidence()).map(\.kind) == [.relationshipUnverified],
                "confirming who the requester is answers the identity indicator only")
        let relationship = try request(initiator: .family, checks: [VerificationCheck(item: .independentChannel, done: true)])
        #expect(TrapIndicators.assess(relationship, evidence: TrapEvidence()).map(\.kind) == [.requesterUnverified])
        // A review of the records answers its indicator without clearing it: the evidence stays.
        let reviewed = try request(checks: [VerificationCheck(item: .brokerRecord, done: true), VerificationCheck(item: .familyConfirmed, done: true)])
        let evidence = TrapEvidence(chainLinks: [.init(member: RecordRef(.person, UUID()), act: UUID(), event: UUID())])
        #expect(TrapIndicators.assess(reviewed, evidence: evidence).map(\.kind).contains(.chainLinkedToEntrapment))
        #expect(TrapIndicators.assess(reviewed, evidence: evidence).map(\.kind).contains(.brokerInitiated))
        // Every indicator is answered by exactly one check, and the page can name it.
        let answered = VerificationItem.allCases.map(\.indicator)
        #expect(Set(answered) == Set(TrapIndicatorKind.allCases) && answered.count == TrapIndicatorKind.allCases.count)
    }

    @Test func nothingIsRaisedWithoutItsEvidence() throws {
        let checked = [VerificationCheck(item: .requesterIdentity, done: true, date: try FuzzyDate(parsing: "2025-03-04")),
                       VerificationCheck(item: .independentChannel, done: true, date: try FuzzyDate(parsing: "2025-03-05"))]
        let quiet = try request(fee: 2_900, initiator: .family, checks: checked)
        #expect(TrapIndicators.assess(quiet, evidence: TrapEvidence(comparableFees: [3_000, 2_800, 3_200])).isEmpty)
        // A check recorded as not done does not count as done.
        let unchecked = try request(initiator: .family, checks: [VerificationCheck(item: .independentChannel, done: false)])
        #expect(TrapIndicators.assess(unchecked, evidence: TrapEvidence()).map(\.kind) == [.requesterUnverified, .relationshipUnverified])
        // Too few comparable fees make no going rate.
        #expect(!TrapIndicators.assess(try request(), evidence: TrapEvidence(comparableFees: [3_000, 3_000])).contains { $0.kind == .feeFarBelowRate })
    }

    @Test func thresholdsAreTheOrganisationsToSet() throws {
        var thresholds = TrapThresholds()
        thresholds.feeRatio = 0.05
        let found = TrapIndicators.assess(try request(), evidence: TrapEvidence(comparableFees: [3_000, 2_800, 3_200]), thresholds: thresholds)
        #expect(!found.contains { $0.kind == .feeFarBelowRate }, "300 is not below 5% of 3000")
        let read = try AccountabilityThresholds.read(Data(#"{"trap": {"feeRatio": 0.25}}"#.utf8))
        #expect(read.trap.feeRatio == 0.25 && read.trap.areaWindowDays == 180, "what the file leaves out keeps its default")
        #expect(throws: ThresholdsError.self) { try AccountabilityThresholds.read(Data(#"{"trap": {"feeRatio": "half"}}"#.utf8)) }
        #expect(Median.of([3, 1, 2]) == 2 && Median.of([4, 1, 2, 3]) == 2.5 && Median.of([]) == nil)
    }
}
