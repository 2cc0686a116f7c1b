import Foundation
import HavenCore
import HavenReports
import HavenStore

extension RecordPage {
    /// What points to a record: the incidents a person or organisation was part of (as victim,
    /// perpetrator, broker …) or a source reported, the rescue requests that name them, and the
    /// interventions about them. One entry per incident, listing every part played in it.
    static func backLinks(to id: UUID, repository: any Repository, actor: ActingIdentity, language: Language, today: String,
                          compartments: CompartmentNames) async throws -> Links {
        let t = language
        var incidents: [UUID: Links.Item] = [:]
        var incidentOrder: [UUID] = []
        var requests: [Links.Item] = [], interventions: [Links.Item] = [], samePerson: [Links.Item] = []
        func incident(_ eventID: UUID, _ details: [String]) async throws {
            if var known = incidents[eventID] {
                known.details += details.filter { !known.details.contains($0) }
                incidents[eventID] = known
                return
            }
            guard let event = try await repository.find(Event.self, eventID, by: actor) else { return }
            let when = event.startDate.map { actor.seesProtected ? t.date($0) : String($0.year) }
            incidents[eventID] = Links.Item(kind: .event, id: eventID, name: actor.seesProtected ? event.title : nil,
                                            details: details + [when].compactMap { $0 })
            incidentOrder.append(eventID)
        }
        // A main record gathers what points to the records merged into it.
        let (ids, referrers) = try await MergedRecords.referrers(of: id, repository: repository, actor: actor)
        for referrer in referrers {
            switch referrer.record {
            case let act as Act:
                let part = act.victimGroupID == id ? WebText.victimGroups : WebText.namedVictims
                try await incident(act.eventID, ["\(t(part)): \(t(act.actType.label))", t(act.victimStatus.label)])
            case let group as VictimGroup:
                try await incident(group.eventID, [])
            case let involvement as Involvement:
                guard let act = try await repository.find(Act.self, involvement.actID, by: actor) else { continue }
                try await incident(act.eventID, ["\(t(involvement.role.label)): \(t(act.actType.label))"])
            case let information as Information:
                try await incident(information.subjectID, ["\(t(WebText.reliability)) \(information.reliability.code)"
                                                           + " · \(t(WebText.credibility)) \(information.credibility.code)"])
            case let request as RescueRequest:
                var parts: [LocalizedLabel] = []
                if request.requesterID.map(ids.contains) == true { parts.append(WebText.requester) }
                if request.subjectIDs.contains(where: ids.contains) { parts.append(WebText.requestedFor) }
                if request.brokerID.map(ids.contains) == true { parts.append(WebText.broker) }
                if request.facilitatingOrganisationID.map(ids.contains) == true { parts.append(WebText.organisationName) }
                if request.eventID.map(ids.contains) == true { parts.append(WebText.requestBecameThis) }
                requests.append(Links.Item(kind: .rescueRequest, id: request.id, name: "\(t(RecordKind.rescueRequest.label)) · \(t(request.status.label))",
                                           details: parts.map { t($0) } + [request.fee.map { "\(RescueRequestForm.amount($0.amount)) \($0.currency)" }].compactMap { $0 }))
            case let intervention as Intervention:
                var details = [t(intervention.status.label), t(intervention.response.label)]
                if let deadline = intervention.deadline { details.append("\(t(WebText.deadline)): \(t.date(deadline))") }
                if intervention.isOverdue(on: today) { details.append(t(WebText.overdueShort)) }
                interventions.append(Links.Item(kind: .intervention, id: intervention.id, name: intervention.partyName, details: details))
            case let person as Person where person.sameAs == id:
                samePerson.append(Links.Item(kind: .person, id: person.id, name: actor.seesProtected ? person.names.first?.value : nil,
                                             details: [compartments.name(person.compartment, language)]))
            default:
                continue
            }
        }
        return Links(sections: [
            Links.Section(id: "same-person", heading: WebText.sameAsRecords, items: samePerson),
            Links.Section(id: "incidents", heading: WebText.incidents, items: incidentOrder.compactMap { incidents[$0] }),
            Links.Section(id: "rescue-requests", heading: WebText.rescueRequests, items: requests),
            Links.Section(id: "interventions", heading: WebText.interventionsAbout, items: interventions),
        ].filter { !$0.items.isEmpty })
    }
}
