import Foundation
import HavenCore
import HavenReports
import HavenStore

extension RecordPage {
    /// The records a part of an incident stands between: an act's incident and victim, a
    /// report's source and what it is about. Each is named as its own page names it; reads are
    /// audited by the store.
    static func links(ofPart record: any Record, repository: any Repository, actor: ActingIdentity, language: Language) async throws -> Links {
        var parts: [(UUID?, LocalizedLabel)] = []
        switch record {
        case let act as Act:
            parts = [(act.eventID, RecordKind.event.label), (act.victimID ?? act.victimGroupID, WebText.actVictim),
                     (act.memberOfGroupID, WebText.victimGroups)]
        case let information as Information:
            parts = [(information.sourceID, RecordKind.source.label), (information.subjectID, WebText.about)]
        default: break
        }
        var items: [Links.Item] = []
        for case let (id?, part) in parts {
            guard let linked = try await anyRecord(id, repository: repository, actor: actor) else { continue }
            let name = linked is VictimGroup ? groupSummary(linked as! VictimGroup, language)
                : language.name(RecordLabel.of(linked, seesProtected: actor.seesProtected))
            items.append(Links.Item(kind: type(of: linked).kind, id: id, name: name, details: [language(part)]))
        }
        return Links(sections: items.isEmpty ? [] : [Links.Section(id: "parts", heading: WebText.linkedRecords, items: items)])
    }

    /// A record of any of the kinds a part links to, or nil when missing or out of reach.
    private static func anyRecord(_ id: UUID, repository: any Repository, actor: ActingIdentity) async throws -> (any Record)? {
        let kinds: [any Record.Type] = [Event.self, Person.self, VictimGroup.self, Source.self, Organisation.self]
        for kind in kinds {
            if let record = try await repository.find(kind, id, by: actor) { return record }
        }
        return nil
    }
}
