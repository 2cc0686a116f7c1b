import Foundation
import HavenCore
import HavenReports
import HavenStore

extension RecordPage {
    /// Records linked to an incident, grouped as a reader looks for them: who was harmed and
    /// how, who did it or took part, and who reported it with how far they can be trusted.
    struct Links: Equatable {
        /// One linked record: what it is, its name or summary (nil when withheld), and details.
        struct Item: Equatable {
            var kind: RecordKind
            var id: UUID
            var name: String?
            var details: [String]
            /// The record the details describe, when it has a page of its own (the act that
            /// links a victim, what a source reported): the details link to it.
            var via: Via?
        }

        /// A record that links an item to the page's record.
        struct Via: Equatable {
            var kind: RecordKind
            var id: UUID
        }

        /// A titled list of linked records.
        struct Section: Equatable {
            var id: String
            var heading: LocalizedLabel
            var items: [Item]
        }

        var sections: [Section] = []

        /// The items of the section with this id.
        func items(_ id: String) -> [Item] { sections.first { $0.id == id }?.items ?? [] }
    }

    /// The incident's acts with their victims and groups, the people and organisations
    /// involved, and its sources with reliability and credibility. Every read is audited by the
    /// store like any other; names are withheld for readers who do not see protected fields.
    static func links(of event: Event, repository: any Repository, actor: ActingIdentity, language: Language) async throws -> Links {
        let t = language
        var victims: [Links.Item] = [], sources: [Links.Item] = []
        let named = { (value: String?) in actor.seesProtected ? value : nil }
        func all<R: Record>(_ type: R.Type, parent: UUID) async throws -> [R] {
            try await repository.allRecords(RecordQuery(kinds: [R.kind], parentID: parent), by: actor).compactMap { $0 as? R }
        }
        func optional<R: Record>(_ type: R.Type, _ id: UUID?) async throws -> R? {
            try await repository.find(type, id, by: actor)
        }
        let acts = try await all(Act.self, parent: event.id).reversed()
        let groups = Dictionary(uniqueKeysWithValues: try await all(VictimGroup.self, parent: event.id).map { ($0.id, $0) })
        var actors: [UUID: (item: Links.Item, roles: [String])] = [:]
        var actorOrder: [UUID] = []
        for act in acts {
            let what = [t(act.actType.label), t(act.victimStatus.label)]
            if let person = try await optional(Person.self, act.victimID) {
                victims.append(Links.Item(kind: .person, id: person.id, name: named(person.names.first?.value),
                                          details: what + [t(person.sex.label)], via: Links.Via(kind: .act, id: act.id)))
            } else if let group = act.victimGroupID.flatMap({ groups[$0] }) {
                victims.append(Links.Item(kind: .victimGroup, id: group.id, name: Self.groupSummary(group, language), details: what,
                                          via: Links.Via(kind: .act, id: act.id)))
            }
            for involvement in try await all(Involvement.self, parent: act.id) {
                let id = involvement.personID ?? involvement.organisationID
                guard let id else { continue }
                let role = "\(t(involvement.role.label)) (\(t(involvement.degree.label)))"
                if var known = actors[id] {
                    if !known.roles.contains(role) { known.roles.append(role) }
                    actors[id] = known
                    continue
                }
                if let person = try await optional(Person.self, involvement.personID) {
                    actors[id] = (Links.Item(kind: .person, id: id, name: named(person.names.first?.value), details: [t(WebText.individual)]), [role])
                } else if let organisation = try await optional(Organisation.self, involvement.organisationID) {
                    actors[id] = (Links.Item(kind: .organisation, id: id, name: named(organisation.name),
                                       details: [t(organisation.organisationKind.label)]), [role])
                } else { continue }
                actorOrder.append(id)
            }
        }
        let involved = actorOrder.compactMap { actors[$0] }.map { entry in
            var item = entry.item
            item.details = entry.roles + item.details
            return item
        }
        for information in try await all(Information.self, parent: event.id) {
            guard let source = try await optional(Source.self, information.sourceID) else { continue }
            var details = [t(source.sourceKind.label),
                           "\(t(WebText.reliability)) \(information.reliability.code) · \(t(WebText.credibility)) \(information.credibility.code)",
                           t(information.connection.label)]
            if let received = information.receivedDate, actor.seesProtected { details.append("\(t(WebText.receivedDate)) \(t.date(received))") }
            if let content = information.content, actor.seesProtected { details.append(content) }
            sources.append(Links.Item(kind: .source, id: source.id, name: named(source.name), details: details,
                                      via: Links.Via(kind: .information, id: information.id)))
        }
        return Links(sections: [Links.Section(id: "victims", heading: WebText.namedVictims, items: victims),
                                Links.Section(id: "actors", heading: WebText.actors, items: involved),
                                Links.Section(id: "sources", heading: WebText.sources, items: sources)].filter { !$0.items.isEmpty })
    }

    /// The people and organisation a rescue request names, each with its part in the case.
    static func links(of request: RescueRequest, repository: any Repository, actor: ActingIdentity, language: Language) async throws -> Links {
        var items: [Links.Item] = []
        let parts: [(UUID?, LocalizedLabel)] = [(request.requesterID, WebText.requester)]
            + request.subjectIDs.map { ($0, WebText.requestedFor) } + [(request.brokerID, WebText.broker)]
        for (id, part) in parts {
            guard let id, var person = try await repository.find(Person.self, id, by: actor) else { continue }
            // A record merged into another is shown as its main record (MergedRecords).
            if let main = person.sameAs, let kept = try await repository.find(Person.self, main, by: actor) { person = kept }
            items.append(Links.Item(kind: .person, id: person.id, name: actor.seesProtected ? person.names.first?.value : nil, details: [language(part)]))
        }
        if let organisation = try await repository.find(Organisation.self, request.facilitatingOrganisationID, by: actor) {
            items.append(Links.Item(kind: .organisation, id: organisation.id, name: actor.seesProtected ? organisation.name : nil,
                                    details: [language(WebText.organisationName), language(organisation.organisationKind.label)]))
        }
        var sections = items.isEmpty ? [] : [Links.Section(id: "people", heading: WebText.peopleInRequest, items: items)]
        if let event = try await repository.find(Event.self, request.eventID, by: actor) {
            sections.insert(Links.Section(id: "became", heading: WebText.requestBecame, items: [
                Links.Item(kind: .event, id: event.id, name: language.name(RecordLabel.of(event, seesProtected: actor.seesProtected)),
                           details: [language(event.verification.label)]),
            ]), at: 0)
        }
        return Links(sections: sections)
    }

    /// The records an intervention is about.
    static func links(of intervention: Intervention, repository: any Repository, actor: ActingIdentity, language: Language) async throws -> Links {
        var items: [Links.Item] = []
        for id in intervention.subjectIDs {
            if let event = try await repository.find(Event.self, id, by: actor) {
                items.append(Links.Item(kind: .event, id: id, name: actor.seesProtected ? event.title : nil,
                                        details: [language(RecordKind.event.label)]
                                            + (event.startDate.map { [language.date(actor.seesProtected ? $0 : $0.toTheYear)] } ?? [])))
            } else if let person = try await repository.find(Person.self, id, by: actor) {
                items.append(Links.Item(kind: .person, id: id, name: actor.seesProtected ? person.names.first?.value : nil,
                                        details: [language(RecordKind.person.label)]))
            } else if let request = try await repository.find(RescueRequest.self, id, by: actor) {
                // A request has no title: named by its kind, date and place.
                items.append(Links.Item(kind: .rescueRequest, id: id, name: language.name(RecordLabel.of(request, seesProtected: actor.seesProtected)),
                                        details: [language(RecordKind.rescueRequest.label), language(request.status.label)]))
            }
        }
        return Links(sections: items.isEmpty ? [] : [Links.Section(id: "about", heading: WebText.about, items: items)])
    }


    /// "15 people: 13 women, 2 children" in the reader's language.
    static func groupSummary(_ group: VictimGroup, _ language: Language) -> String {
        let parts = [(group.women, WebText.women), (group.men, WebText.men), (group.children, WebText.children)]
            .compactMap { count, label in count.map { "\(language(label)) \($0)" } }
        let size = language == .ko ? "\(group.size)명" : "\(group.size) \(group.size == 1 ? "person" : "people")"
        return parts.isEmpty ? size : "\(size): \(parts.joined(separator: ", "))"
    }

    /// The linked records as sections of the page.
    func renderLinks(_ links: Links, _ language: Language) -> [HTML] {
        let t = language
        var sections: [HTML] = []
        for section in links.sections {
            sections.append(.element("h2", ["id": "linked-\(section.id)"], [.text(t(section.heading))]))
            sections.append(.element("ul", ["class": "linked", "aria-labelledby": "linked-\(section.id)"], section.items.map { item in
                .element("li", [:], [
                    .element("a", ["href": "/records/\(item.kind.code)/\(item.id.wire)"], [.text(item.name ?? t(WebText.withheld))]),
                    .element("span", ["class": "meta"], [item.via.map { via in
                        HTML.element("a", ["href": "/records/\(via.kind.code)/\(via.id.wire)"], [.text(item.details.joined(separator: " · "))])
                    } ?? .text(item.details.joined(separator: " · "))]),
                ])
            }))
        }
        return sections
    }
}
