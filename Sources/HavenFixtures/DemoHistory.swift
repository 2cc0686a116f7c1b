import Foundation
import HavenCore

/// A synthetic, clearly fictional history for `haven demo`: three years of incidents up to the
/// month before the demo starts, across the North Korean border provinces and the Chinese
/// cities on the routes south, so that every page has something to show at first sight.
///
/// What it holds, on purpose: regions documented at different rates; one regional surge (the
/// Dandong area, four months before the end, at about four times its usual rate); brokers with
/// ordinary records and three whose records raise flags (cheap fees, large groups, arrests that
/// follow them); rescue requests at every stage, some initiated by brokers; interventions
/// answered, ignored past their deadline, and still within it; and people recorded again by a
/// second source in another spelling, for the duplicate review. Every narrative carries
/// ``DemoDataset/marker``. The same seed and end month give the same records.
public enum DemoHistory {
    /// A history of about `incidents` incidents (plus the surge's), ending in the month before
    /// `today`.
    public static func records(incidents: Int, today: Date, seed: UInt64 = 2026) -> [any Record] {
        var builder = Builder(seed: seed, today: today)
        return builder.build(incidents: incidents)
    }

    /// The regions incidents happen in, with their share of them and their places.
    static let regions: [(share: Double, places: [String], korean: Bool)] = [
        (0.30, ["CN-JL-YANJI", "CN-JL-TUMEN", "CN-JL-LONGJING", "CN-JL-HUNCHUN", "CN-JL-CHANGBAI"], false),
        (0.16, ["CN-LN-DANDONG", "CN-LN-SHENYANG"], false),
        (0.10, ["CN-YN-KUNMING", "CN-YN-MENGLA"], false),
        (0.04, ["CN-SD-QINGDAO", "CN-HL-HARBIN"], false),
        (0.24, ["KP-09-ONSONG", "KP-09-HOERYONG", "KP-09-MUSAN", "KP-09-CHONGJIN"], true),
        (0.16, ["KP-10-HYESAN", "KP-10-SAMJIYON", "KP-10-POCHON"], true),
    ]

    static let actsInChina: [(ActType, Double)] = [
        (.arrest, 0.55), (.detention, 0.12), (.forcedRepatriation, 0.15), (.extortion, 0.06), (.brokerAbandonment, 0.05),
        (.trafficking, 0.04), (.phoneInspection, 0.03),
    ]
    static let actsInKorea: [(ActType, Double)] = [
        (.arrest, 0.38), (.detention, 0.25), (.disappearance, 0.14), (.torture, 0.10), (.stateEntrapment, 0.05),
        (.phoneInspection, 0.05), (.forcedLabour, 0.03),
    ]

    static let parties = ["가상 외교부 (Fictional Ministry of Foreign Affairs)", "가상 공안부 (Fictional Ministry of Public Security)",
                          "UN 특별보고관 (fictional communication)", "가상 주재 대사관 (Fictional Embassy)"]

    struct Builder {
        var rng: SeededGenerator
        /// The months of the history, oldest first, as (year, month).
        let months: [(year: Int, month: Int)]
        var out: [any Record] = []
        var sources: [Source] = []
        var perpetrators: [String: Organisation] = [:]
        var brokers: [Person] = []
        var riskyBrokers: [Person] = []
        var networks: [Organisation] = []
        /// Arrests with their incident, place, month index and named victims, for requests and interventions.
        var arrests: [(event: Event, place: String, month: Int, victims: [Person])] = []

        /// The day before the demo starts: nothing happens later.
        let yesterday: String

        init(seed: UInt64, today: Date) {
            rng = SeededGenerator(seed: seed)
            let now = Day.string(today)
            yesterday = Day.offset(now, days: -1)
            let (year, month) = (Int(now.prefix(4))!, Int(now.dropFirst(5).prefix(2))!)
            // 36 months ending with the month before this one.
            months = (1...36).reversed().map { back in
                let index = year * 12 + (month - 1) - back
                return (index / 12, index % 12 + 1)
            }
        }

        mutating func pick<T>(_ weighted: [(T, Double)]) -> T {
            var roll = Double.random(in: 0..<weighted.reduce(0) { $0 + $1.1 }, using: &rng)
            for (value, weight) in weighted {
                if roll < weight { return value }
                roll -= weight
            }
            return weighted[weighted.count - 1].0
        }

        mutating func day(in monthIndex: Int) -> FuzzyDate {
            let (year, month) = months[max(0, min(monthIndex, months.count - 1))]
            return try! FuzzyDate(year: year, month: month, day: Int.random(in: 1...28, using: &rng))
        }

        func placeName(_ code: String) -> String { Gazetteer.shared.place(code: code)?.nameHangul ?? code }

        mutating func person(_ note: String, sex: Sex? = nil) -> Person {
            let sex = sex ?? (Double.random(in: 0..<1, using: &rng) < 0.7 ? .female : .male)
            let year = Int.random(in: 1955...2012, using: &rng)
            let birth: FuzzyDate? = switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5: try? FuzzyDate(year: year, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))
            case 5..<8: try? FuzzyDate(year: year)
            default: nil
            }
            return Person(names: SyntheticNames.person(using: &rng), sex: sex, birthDate: birth,
                          originPlaceCode: ["KP-09-ONSONG", "KP-09-MUSAN", "KP-10-HYESAN", "KP-09-HOERYONG", "KP-09-CHONGJIN"]
                              .randomElement(using: &rng)!,
                          notes: "\(DemoDataset.marker). \(note)")
        }

        mutating func build(incidents: Int) -> [any Record] {
            makeActors()
            // The surge: Dandong's area, four months before the end, at about four times its rate.
            let surgeMonth = months.count - 4
            let liaoning = regions.first { $0.places.contains("CN-LN-DANDONG") }!.share
            let surgeExtra = max(8, Int(Double(incidents) / Double(months.count) * liaoning * 3))
            for n in 0..<incidents {
                let monthIndex = Int.random(in: 0..<months.count, using: &rng)
                let region = pick(regions.map { ($0, $0.share) })
                incident(number: n, monthIndex: monthIndex, place: region.places.randomElement(using: &rng)!, korean: region.korean)
            }
            for n in 0..<surgeExtra {
                incident(number: incidents + n, monthIndex: surgeMonth, place: "CN-LN-DANDONG", korean: false, forceArrest: true)
            }
            rescueRequests(count: max(12, incidents / 8))
            interventions(count: max(8, incidents / 20))
            return out
        }

        mutating func makeActors() {
            let kinds: [(String, SourceKind)] = [
                ("현장 활동가 C (가상)", .ngo), ("현장 활동가 D (가상)", .ngo), ("연길 협력자 E (가상)", .ngo), ("단둥 협력자 F (가상)", .ngo),
                ("가족 제보자 G (가상)", .family), ("가족 제보자 H (가상)", .family), ("가상 통신 (Fictional Wire)", .media),
                ("가상 주간지 (Fictional Weekly)", .media), ("가상 연구자 I", .researcher), ("탈북민 증언자 J (가상)", .victim),
            ]
            sources = kinds.map { Source(name: $0.0, sourceKind: $0.1, notes: DemoDataset.marker) }
            out += sources
            for region in regions {
                for place in region.places {
                    let name = placeName(place)
                    let organisation = region.korean
                        ? Organisation(name: "가상 \(name) 보위부 (Fictional state security, \(place))", organisationKind: .stateSecurity,
                                       placeCode: place, notes: DemoDataset.marker)
                        : Organisation(name: "가상 \(name) 공안국 (Fictional Public Security Bureau, \(place))", organisationKind: .publicSecurity,
                                       placeCode: place, notes: DemoDataset.marker)
                    perpetrators[place] = organisation
                    out.append(organisation)
                }
            }
            networks = ["백두", "두만", "남풍", "압록"].map {
                Organisation(name: "가상 브로커망 '\($0)'", organisationKind: .brokerNetwork, placeCode: "CN-JL-YANJI", notes: DemoDataset.marker)
            }
            out += networks
            for i in 0..<40 {
                let broker = person(i < 3 ? "A broker whose groups are large and cheap, and whose clients are often arrested (fictional)."
                                          : "A broker (fictional).", sex: i % 3 == 0 ? .female : .male)
                if i < 3 { riskyBrokers.append(broker) } else { brokers.append(broker) }
                out.append(broker)
            }
        }

        mutating func incident(number: Int, monthIndex: Int, place: String, korean: Bool, forceArrest: Bool = false) {
            let actType = forceArrest ? .arrest : pick(korean ? actsInKorea : actsInChina)
            let date = day(in: monthIndex)
            let source = sources.randomElement(using: &rng)!
            let event = Event(title: "\(placeName(place)) \(actType.label.ko) (가상 \(number + 1))",
                              description: "\(DemoDataset.marker). \(actType.label.en) near \(Gazetteer.shared.place(code: place)?.nameRomanised ?? place), as \(source.name) reported it.",
                              startDate: date, placeCode: place,
                              verification: [.unverified, .partiallyVerified, .verified].randomElement(using: &rng)!)
            out.append(event)
            let status: VictimStatus = switch actType {
            case .forcedRepatriation: .repatriated
            case .disappearance: .missing
            case .arrest, .detention, .torture, .stateEntrapment, .forcedLabour: .detained
            default: .unknown
            }
            var acts: [Act] = []
            var named: [Person] = []
            if Double.random(in: 0..<1, using: &rng) < 0.6 {
                for _ in 0..<Int.random(in: 1...2, using: &rng) {
                    let victim = person("Named in a report of the incident.")
                    named.append(victim)
                    out.append(victim)
                    acts.append(Act(eventID: event.id, actType: actType, victimID: victim.id, date: date, placeCode: place,
                                    victimStatus: status, notes: DemoDataset.marker))
                }
            } else {
                let size = Int.random(in: 2...14, using: &rng)
                let children = Int.random(in: 0...(size / 4), using: &rng)
                let women = Int.random(in: 0...(size - children), using: &rng)
                let group = VictimGroup(eventID: event.id, size: size, women: women, men: size - children - women, children: children,
                                        description: "\(DemoDataset.marker). A group of \(size).")
                out.append(group)
                acts.append(Act(eventID: event.id, actType: actType, victimGroupID: group.id, date: date, placeCode: place,
                                victimStatus: status, notes: DemoDataset.marker))
            }
            out += acts
            for act in acts {
                if let perpetrator = perpetrators[place], actType != .brokerAbandonment, actType != .extortion,
                   Double.random(in: 0..<1, using: &rng) < 0.9 {
                    out.append(Involvement(actID: act.id, organisationID: perpetrator.id, role: .perpetrator, degree: .direct))
                }
            }
            // Brokers: some incidents in China name the one who brought the people; the risky
            // brokers are behind a share of the arrests far above their share of the work.
            if !korean, let act = acts.first, Double.random(in: 0..<1, using: &rng) < (actType == .arrest ? 0.2 : 0.15) {
                let risky = Double.random(in: 0..<1, using: &rng) < 0.6
                let broker = (risky ? riskyBrokers : brokers).randomElement(using: &rng)!
                let role: InvolvementRole = actType == .extortion || actType == .brokerAbandonment ? .perpetrator : .facilitator
                out.append(Involvement(actID: act.id, personID: broker.id, role: role, degree: .direct))
            }
            // One source, sometimes a second that corroborates it.
            out.append(Information(sourceID: source.id, subjectID: event.id, receivedDate: date, connection: [.eyewitness, .hearsay, .media, .directExperience].randomElement(using: &rng)!,
                                   reliability: [.a, .b, .b, .c, .c, .d].randomElement(using: &rng)!,
                                   credibility: [.probablyTrue, .possiblyTrue, .possiblyTrue, .doubtful].randomElement(using: &rng)!,
                                   content: "\(DemoDataset.marker). What the source said about it."))
            if Double.random(in: 0..<1, using: &rng) < 0.25, let second = sources.filter({ $0.id != source.id }).randomElement(using: &rng) {
                out.append(Information(sourceID: second.id, subjectID: event.id, receivedDate: date, connection: .hearsay, reliability: .c,
                                       credibility: .possiblyTrue, content: "\(DemoDataset.marker). A second account."))
            }
            if actType == .arrest { arrests.append((event, place, monthIndex, named)) }
            // Some arrested people are later reported repatriated by another source, who spells
            // their name another way: the same person twice, for the duplicate review.
            if actType == .arrest, let victim = named.first, monthIndex < months.count - 2, Double.random(in: 0..<1, using: &rng) < 0.12 {
                repatriation(of: victim, after: monthIndex, number: number)
            }
        }

        mutating func repatriation(of victim: Person, after monthIndex: Int, number: Int) {
            let again = Person(names: victim.names.filter { $0.system == .mccuneReischauer }, sex: victim.sex, birthDate: victim.birthDate,
                               notes: "\(DemoDataset.marker). As a second source recorded her or him: the same person as another record, spelled differently.")
            let date = day(in: monthIndex + Int.random(in: 1...2, using: &rng))
            let event = Event(title: "투먼 강제송환 (가상 \(number + 1)-송환)", description: "\(DemoDataset.marker). Handed over at Tumen.",
                              startDate: date, placeCode: "CN-JL-TUMEN", verification: .unverified)
            let act = Act(eventID: event.id, actType: .forcedRepatriation, victimID: again.id, date: date, placeCode: "CN-JL-TUMEN",
                          victimStatus: .repatriated, notes: DemoDataset.marker)
            out += [again, event, act,
                    Information(sourceID: sources.randomElement(using: &rng)!.id, subjectID: event.id, receivedDate: date, connection: .hearsay,
                                reliability: .c, credibility: .possiblyTrue, content: "\(DemoDataset.marker). Heard from a relative.")]
            if let perpetrator = perpetrators["CN-JL-TUMEN"] {
                out.append(Involvement(actID: act.id, organisationID: perpetrator.id, role: .perpetrator, degree: .direct))
            }
        }

        mutating func rescueRequests(count: Int) {
            for _ in 0..<count {
                let monthIndex = Int.random(in: 0..<months.count, using: &rng)
                let received = day(in: monthIndex)
                let requester = person("Asked for help for family members (fictional).")
                let subjects = (0..<Int.random(in: 1...3, using: &rng)).map { _ in person("A family member a request concerns.") }
                let risky = Double.random(in: 0..<1, using: &rng) < 0.2
                let broker = (risky ? riskyBrokers : brokers).randomElement(using: &rng)!
                let group = risky ? Int.random(in: 8...15, using: &rng) : Int.random(in: 1...4, using: &rng)
                let fee = risky ? Double(Int.random(in: 3...5, using: &rng)) * 1_000_000 : Double(Int.random(in: 12...30, using: &rng)) * 1_000_000
                let age = months.count - 1 - monthIndex
                var timeline = [RescueStatusChange(status: .received, date: received)]
                let outcome: RescueStatus = switch age {
                case 0...1: [.received, .requesterVerified].randomElement(using: &rng)!
                case 2...3: [.requesterVerified, .underway].randomElement(using: &rng)!
                default: risky ? [.arrested, .arrested, .missing, .arrived].randomElement(using: &rng)!
                    : [.arrived, .arrived, .arrived, .arrested, .withdrawn].randomElement(using: &rng)!
                }
                if outcome != .received {
                    let later = Day.offset(received.earliest, days: Int.random(in: 3...(age > 3 ? 75 : 20), using: &rng))
                    timeline.append(RescueStatusChange(status: outcome, date: try! FuzzyDate(parsing: min(later, yesterday))))
                }
                out += [requester] + subjects
                out.append(RescueRequest(requesterID: requester.id, subjectIDs: subjects.map(\.id),
                                         contactInitiatedBy: risky && Bool.random(using: &rng) ? .broker : [.family, .requester].randomElement(using: &rng)!,
                                         brokerID: broker.id, facilitatingOrganisationID: Bool.random(using: &rng) ? networks.randomElement(using: &rng)!.id : nil,
                                         fee: Money(amount: fee, currency: "KRW"), groupSize: group,
                                         placeCode: ["KP-09-ONSONG", "KP-09-MUSAN", "KP-10-HYESAN", "KP-09-HOERYONG"].randomElement(using: &rng)!,
                                         status: timeline.last!.status, timeline: timeline, notes: DemoDataset.marker))
            }
        }

        mutating func interventions(count: Int) {
            for _ in 0..<min(count, arrests.count) {
                let arrest = arrests.randomElement(using: &rng)!
                // Sent a few days after the arrest, never before it nor after the demo starts.
                let arrested = arrest.event.startDate?.earliest ?? yesterday
                let sent = try! FuzzyDate(parsing: min(Day.offset(arrested, days: Int.random(in: 2...10, using: &rng)), yesterday))
                let deadline = Day.offset(sent.earliest, days: [14, 30].randomElement(using: &rng)!)
                let party = Self.partyFor(arrest.place, &rng)
                let roll = Double.random(in: 0..<1, using: &rng)
                let base = Intervention(subjectIDs: [arrest.event.id], partyName: party, channel: [.diplomaticNote, .letter, .unCommunication].randomElement(using: &rng)!,
                                        dateSent: sent, request: "\(DemoDataset.marker). Asks that the people arrested not be returned, and for consular access.",
                                        deadline: try? FuzzyDate(parsing: deadline), status: .sent,
                                        priority: [.normal, .high, .urgent].randomElement(using: &rng)!)
                var intervention = base
                if roll < 0.35 {
                    // Answered within the deadline.
                    intervention.response = [.acknowledged, .declined, .denied, .partiallyFulfilled].randomElement(using: &rng)!
                    intervention.responseDate = try? FuzzyDate(parsing: min(Day.offset(sent.earliest, days: Int.random(in: 3...13, using: &rng)), yesterday))
                    intervention.responseText = "\(DemoDataset.marker). The answer received."
                    intervention.status = .answered
                }
                // Otherwise left awaiting: those past their deadline are marked unanswered as they
                // are saved, as any intervention would be.
                out.append(intervention)
            }
        }

        static func partyFor(_ place: String, _ rng: inout SeededGenerator) -> String {
            place.hasPrefix("CN") ? [parties[0], parties[1], parties[2]].randomElement(using: &rng)! : [parties[2], parties[3]].randomElement(using: &rng)!
        }
    }
}
