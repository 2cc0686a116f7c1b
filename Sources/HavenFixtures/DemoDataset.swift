import Foundation
import HavenCore

/// The synthetic dataset `haven demo` loads: clearly fictional people, incidents, rescue
/// requests, interventions, brokers and sources. Every narrative says it is fictional.
public enum DemoDataset {
    /// The marker every demo narrative carries.
    public static let marker = "가상 데모 기록 — fictional demo record"

    /// The records, in an order that creates each record before records that refer to it.
    public static func records(seed: UInt64 = 2024) -> [any Record] {
        var rng = SeededGenerator(seed: seed)
        func date(_ text: String) -> FuzzyDate { (try? FuzzyDate(parsing: text)) ?? (try! FuzzyDate(year: 2024)) }
        func person(_ sex: Sex, origin: String?, birth: String? = nil, age: AgeRange? = nil, note: String) -> Person {
            Person(names: SyntheticNames.person(using: &rng), sex: sex, birthDate: birth.map(date), ageRange: age,
                   originPlaceCode: origin, notes: "\(marker). \(note)")
        }
        var out: [any Record] = []

        let ngoSource = Source(name: "현장 활동가 A (가상)", sourceKind: .ngo, notes: "\(marker). Field worker of a fictional NGO.")
        let familySource = Source(name: "가족 제보자 B (가상)", sourceKind: .family, notes: "\(marker). A relative in Seoul.")
        let pressSource = Source(name: "가상 신문 (Fictional Daily)", sourceKind: .media, notes: marker)
        out += [ngoSource, familySource, pressSource]

        let brokerNet = Organisation(name: "가상 브로커망 '북풍'", aliases: ["Network N (fictional)"], organisationKind: .brokerNetwork,
                                     placeCode: "CN-JL-YANJI", notes: "\(marker). Recruits at a fraction of the usual fee.")
        let psb = Organisation(name: "가상 공안국 (Fictional Public Security Bureau, Kunming)", organisationKind: .publicSecurity,
                               placeCode: "CN-YN-KUNMING", notes: marker)
        let ministry = Organisation(name: "Fictional Ministry of Foreign Affairs", organisationKind: .governmentBody,
                                    placeCode: "CN", notes: marker)
        let stateSecurity = Organisation(name: "가상 보위부 지부 (Fictional state security branch, Hyesan)", organisationKind: .stateSecurity,
                                         placeCode: "KP-10-HYESAN", notes: marker)
        out += [brokerNet, psb, ministry, stateSecurity]

        let broker = person(.male, origin: "KP-09-HOERYONG", age: .decade(40), note: "A broker in the fictional network.")
        let coercedBroker = person(.female, origin: "KP-10-HYESAN", age: .decade(50), note: "A broker coerced by state security.")
        let requester = person(.female, origin: "KP-09-MUSAN", birth: "1979-03", note: "Requester living in Seoul.")
        let mother = person(.female, origin: "KP-09-MUSAN", birth: "1958", note: "Requester's mother.")
        let daughter = person(.female, origin: "KP-09-MUSAN", birth: "2009-11-02", note: "Requester's niece.")
        var victims: [Person] = []
        for i in 0..<5 {
            victims.append(person(i == 4 ? .male : .female, origin: ["KP-09-ONSONG", "KP-10-HYESAN", "KP-09-CHONGJIN"][i % 3],
                                  birth: ["1985", "1992-06", "1978", "1990-01-15", "2012"][i], note: "Arrested in Kunming."))
        }
        let trapped = person(.female, origin: "KP-10-HYESAN", age: .decade(30), note: "Lured by a broker claiming to act for her husband.")
        var motherLinked = mother
        motherLinked.familyLinks = [FamilyLink(relation: .child, personID: requester.id)]
        // The same woman again, as a newspaper reported her: McCune–Reischauer only, no origin.
        // Haven suggests the pair on /duplicates for someone to review.
        let reported = Person(names: victims[3].names.filter { $0.system == .mccuneReischauer }, sex: victims[3].sex,
                              birthDate: victims[3].birthDate,
                              notes: "\(marker). Reported by a fictional newspaper; the same woman as another record, spelled differently.")
        out += [broker, coercedBroker, requester, motherLinked, daughter] + victims + [trapped, reported]

        // 1. A group arrested in Kunming and transferred; then forcibly repatriated.
        let arrest = Event(title: "쿤밍 인근 5명 체포 (가상)", description: "\(marker). A group of five was arrested by public security near Kunming shortly after arriving, then moved to a detention centre.",
                           startDate: date("2024-03-14"), endDate: date("2024-03"), placeCode: "CN-YN-KUNMING",
                           verification: .partiallyVerified)
        let group = VictimGroup(eventID: arrest.id, size: 5, women: 3, men: 1, children: 1, description: "\(marker). Four adults and one child.")
        out += [arrest, group]
        for victim in victims {
            let act = Act(eventID: arrest.id, actType: .arrest, victimID: victim.id, date: date("2024-03-14"), placeCode: "CN-YN-KUNMING",
                          victimStatus: .detained, notes: marker)
            out.append(act)
            out.append(Involvement(actID: act.id, organisationID: psb.id, role: .perpetrator, degree: .direct))
        }
        let repatriation = Event(title: "투먼을 통한 강제송환 (가상)", description: "\(marker). The same group was handed over at Tumen.",
                                 startDate: date("~2024-05"), placeCode: "CN-JL-TUMEN", verification: .unverified)
        out.append(repatriation)
        out.append(Act(eventID: repatriation.id, actType: .forcedRepatriation, victimGroupID: group.id, date: date("2024-05"),
                       placeCode: "CN-JL-TUMEN", victimStatus: .repatriated, notes: marker))
        out.append(Information(sourceID: ngoSource.id, subjectID: arrest.id, receivedDate: date("2024-03-16"), connection: .eyewitness,
                               reliability: .b, credibility: .probablyTrue, content: "\(marker). Saw the arrest at a bus station."))
        out.append(Information(sourceID: pressSource.id, subjectID: arrest.id, receivedDate: date("2024-03-20"), connection: .media,
                               reliability: .c, credibility: .possiblyTrue, content: "\(marker). Fictional press report."))

        // 2. A defection trap: a coerced broker approaches a family in Hyesan.
        let trap = Event(title: "혜산 기획 유인 사건 (가상)", description: "\(marker). A broker approached the family, claiming the husband in South Korea had sent for them; state security arrested them at the meeting point.",
                         startDate: date("2024-07"), placeCode: "KP-10-HYESAN", verification: .unverified)
        let trapAct = Act(eventID: trap.id, actType: .stateEntrapment, victimID: trapped.id, date: date("2024-07"),
                          placeCode: "KP-10-HYESAN", victimStatus: .detained, notes: marker)
        out += [trap, trapAct,
                Involvement(actID: trapAct.id, personID: coercedBroker.id, role: .coercedFacilitator, degree: .direct,
                            notes: "\(marker). Said to have been threatened with her son's arrest."),
                Involvement(actID: trapAct.id, organisationID: stateSecurity.id, role: .perpetrator, degree: .ordered),
                Information(sourceID: familySource.id, subjectID: trap.id, receivedDate: date("2024-08"), connection: .hearsay,
                            reliability: .c, credibility: .possiblyTrue, content: "\(marker). Heard from a neighbour by phone.")]

        // 3. Rescue requests.
        out.append(RescueRequest(requesterID: requester.id, subjectIDs: [mother.id, daughter.id], contactInitiatedBy: .requester,
                                 brokerID: broker.id, facilitatingOrganisationID: brokerNet.id, fee: Money(amount: 15_000_000, currency: "KRW"),
                                 groupSize: 2, placeCode: "KP-09-MUSAN", status: .arrived,
                                 timeline: [RescueStatusChange(status: .received, date: date("2024-01-05")),
                                            RescueStatusChange(status: .requesterVerified, date: date("2024-01-09"), note: "Verified by a second call."),
                                            RescueStatusChange(status: .underway, date: date("2024-02")),
                                            RescueStatusChange(status: .arrived, date: date("2024-04-22"))],
                                 notes: marker))
        out.append(RescueRequest(subjectIDs: [trapped.id], contactInitiatedBy: .broker, brokerID: coercedBroker.id, groupSize: 4,
                                 placeCode: "KP-10-HYESAN", status: .arrested,
                                 timeline: [RescueStatusChange(status: .received, date: date("2024-06-20")),
                                            RescueStatusChange(status: .arrested, date: date("2024-07"))],
                                 notes: "\(marker). The approach came from the broker, not the family."))

        // 4. Interventions: one answered, one never answered.
        out.append(Intervention(subjectIDs: [arrest.id], partyID: ministry.id, partyName: "Fictional Ministry of Foreign Affairs",
                                channel: .diplomaticNote, dateSent: date("2024-03-18"),
                                request: "\(marker). Asks that the five people not be returned and that consular access be granted.",
                                deadline: date("2024-04-01"), response: .noResponse, status: .overdue, priority: .urgent))
        out.append(Intervention(subjectIDs: [trap.id], partyName: "UN Special Rapporteur (fictional communication)",
                                channel: .unCommunication, dateSent: date("2024-08-10"), request: "\(marker). Urgent appeal.",
                                deadline: date("2024-10-10"), response: .acknowledged, responseDate: date("2024-08-20"),
                                responseText: "\(marker). Acknowledged receipt.", status: .answered, priority: .high))
        return out
    }
}

/// Bulk synthetic records for benchmarks: persons and events with realistic text lengths.
public enum SyntheticBulk {
    /// `count` persons and `count` events, interleaved.
    public static func records(count: Int, seed: UInt64 = 7) -> [any Record] {
        var rng = SeededGenerator(seed: seed)
        let places = ["KP-09-ONSONG", "KP-09-HOERYONG", "KP-09-MUSAN", "KP-10-HYESAN", "KP-03-SINUIJU", "CN-JL-YANJI",
                      "CN-JL-TUMEN", "CN-LN-DANDONG", "CN-LN-SHENYANG", "CN-YN-KUNMING", "LA-VIENTIANE", "TH-BANGKOK"]
        var out: [any Record] = []
        out.reserveCapacity(count * 2)
        for i in 0..<count {
            let year = 2015 + Int.random(in: 0...9, using: &rng)
            let month = Int.random(in: 1...12, using: &rng)
            let date = try? FuzzyDate(year: year, month: month)
            out.append(Person(names: SyntheticNames.person(using: &rng), sex: Bool.random(using: &rng) ? .female : .male,
                              birthDate: try? FuzzyDate(year: 1950 + Int.random(in: 0...60, using: &rng)),
                              originPlaceCode: places[Int.random(in: 0..<5, using: &rng)],
                              notes: "Synthetic benchmark person \(i)."))
            out.append(Event(title: "Synthetic incident \(i) 가상 사건",
                             description: "Synthetic benchmark narrative \(i): a group was stopped and questioned. 가상 서술입니다.",
                             startDate: date, placeCode: places.randomElement(using: &rng)!,
                             verification: VerificationStatus.allCases.randomElement(using: &rng)!))
        }
        return out
    }
}
