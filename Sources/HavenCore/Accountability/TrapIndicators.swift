import Foundation

/// One sign that a rescue request may be a trap, with a plain-language explanation of exactly
/// what raises it and the records behind it. An indicator is for review, never a verdict.
public struct TrapIndicator: Sendable, Equatable, Codable {
    public var kind: TrapIndicatorKind
    public var explanation: LocalizedLabel
    public var records: [RecordRef]
}

/// What the records say around a rescue request, gathered by whoever holds the store: the
/// entrapments its broker or organisation is linked to, recent entrapment reports from its area,
/// and the fees quoted in comparable requests.
public struct TrapEvidence: Sendable, Equatable {
    /// An entrapment someone in the chain is linked to: who (the broker or the organisation),
    /// the act of entrapment and its incident.
    public struct ChainLink: Sendable, Equatable {
        public var member: RecordRef
        public var act: UUID
        public var event: UUID
        public init(member: RecordRef, act: UUID, event: UUID) {
            self.member = member
            self.act = act
            self.event = event
        }
    }

    public var chainLinks: [ChainLink]
    /// Incidents with an entrapment in the request's area within the window before it.
    public var areaEntrapments: [UUID]
    /// Fees quoted in comparable requests (same currency, same period), the request itself left out.
    public var comparableFees: [Double]

    public init(chainLinks: [ChainLink] = [], areaEntrapments: [UUID] = [], comparableFees: [Double] = []) {
        self.chainLinks = chainLinks
        self.areaEntrapments = areaEntrapments
        self.comparableFees = comparableFees
    }
}

/// The thresholds behind trap indicators. Defaults are starting points for review; an
/// organisation sets its own (`haven serve --thresholds FILE`).
public struct TrapThresholds: Sendable, Equatable, Codable {
    /// How far back entrapment reports from the same area count, in days.
    public var areaWindowDays: Int = 180
    /// A fee below this share of the median of comparable requests is "far below the going rate".
    public var feeRatio: Double = 0.5
    /// How many comparable fees a going rate needs before a fee is compared with it.
    public var minimumComparableFees: Int = 3

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        areaWindowDays = try c.decodeIfPresent(Int.self, forKey: .areaWindowDays) ?? areaWindowDays
        feeRatio = try c.decodeIfPresent(Double.self, forKey: .feeRatio) ?? feeRatio
        minimumComparableFees = try c.decodeIfPresent(Int.self, forKey: .minimumComparableFees) ?? minimumComparableFees
    }
}

/// The trap indicators of a rescue request: pure rules over the request and its evidence.
public enum TrapIndicators {
    public static func assess(_ request: RescueRequest, evidence: TrapEvidence, thresholds: TrapThresholds = .init()) -> [TrapIndicator] {
        var found: [TrapIndicator] = []
        let this = RecordRef(.rescueRequest, request.id)
        if request.contactInitiatedBy == .broker {
            found.append(TrapIndicator(kind: .brokerInitiated, explanation: LocalizedLabel(
                en: "The broker approached the family first, rather than the family or the requester seeking help.",
                ko: "가족이나 요청자가 도움을 구한 것이 아니라 브로커가 먼저 가족에게 접근했습니다."), records: [this]))
        }
        // Each of these two is answered by its own check (VerificationItem.indicator).
        if !request.checked(.requesterIdentity) {
            found.append(TrapIndicator(kind: .requesterUnverified, explanation: LocalizedLabel(
                en: "Nobody has yet confirmed that the requester is who they say they are.",
                ko: "요청자가 본인이 맞는지 아직 확인하지 않았습니다."), records: [this]))
        }
        if !request.checked(.independentChannel) {
            found.append(TrapIndicator(kind: .relationshipUnverified, explanation: LocalizedLabel(
                en: "Nobody has yet confirmed through an independent channel that the requester is family of the people named and asked for this.",
                ko: "요청자가 실제로 그 가족이고 이 요청을 했는지를 아직 독립된 경로로 확인하지 않았습니다."), records: [this]))
        }
        if !evidence.chainLinks.isEmpty {
            let events = Set(evidence.chainLinks.map(\.event)).count
            let members = Set(evidence.chainLinks.map(\.member))
            let who = members.contains { $0.kind == .organisation } && members.contains { $0.kind == .person }
                ? ("the broker and the organisation", "브로커와 조직이")
                : members.first?.kind == .organisation ? ("the facilitating organisation", "조력 조직이") : ("the broker", "브로커가")
            found.append(TrapIndicator(kind: .chainLinkedToEntrapment, explanation: LocalizedLabel(
                en: "In the records, \(who.0) \(members.count > 1 ? "are" : "is") linked to \(events) entrapment incident\(events == 1 ? "" : "s").",
                ko: "기록상 \(who.1) 함정 사건 \(events)건과 관련되어 있습니다."),
                records: Array(members) + Set(evidence.chainLinks.map(\.event)).map { RecordRef(.event, $0) }))
        }
        if !evidence.areaEntrapments.isEmpty {
            let count = evidence.areaEntrapments.count
            found.append(TrapIndicator(kind: .countyEntrapmentReports, explanation: LocalizedLabel(
                en: "\(count) entrapment incident\(count == 1 ? " was" : "s were") reported from the same area in the \(thresholds.areaWindowDays) days before this request.",
                ko: "이 요청 전 \(thresholds.areaWindowDays)일 동안 같은 지역에서 함정 사건이 \(count)건 보고되었습니다."),
                records: evidence.areaEntrapments.map { RecordRef(.event, $0) }))
        }
        if let fee = request.fee, evidence.comparableFees.count >= thresholds.minimumComparableFees,
           let median = Median.of(evidence.comparableFees), median > 0, fee.amount < median * thresholds.feeRatio {
            let percent = WholeNumber.amountText((fee.amount / median * 100).rounded())
            let amount = WholeNumber.amountText
            found.append(TrapIndicator(kind: .feeFarBelowRate, explanation: LocalizedLabel(
                en: "The fee quoted, \(amount(fee.amount)) \(fee.currency), is \(percent)% of the median of \(evidence.comparableFees.count) comparable requests (\(amount(median)) \(fee.currency)).",
                ko: "제시된 비용 \(amount(fee.amount)) \(fee.currency)는 비슷한 요청 \(evidence.comparableFees.count)건의 중앙값(\(amount(median)) \(fee.currency))의 \(percent)%입니다."),
                records: [this]))
        }
        return found
    }
}
