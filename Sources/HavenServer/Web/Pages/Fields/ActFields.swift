import Foundation
import HavenCore
import HavenReports
import HavenStore

/// What was done to a victim: the act's type, date, place, the victim's state after it, and
/// notes. A new act under an incident records a victim's next step (detained, moved to Jilin,
/// repatriated): its victim is chosen among the incident's victims and groups, so a timeline
/// never links a record from elsewhere. A named victim may be counted as one of the incident's
/// groups, so that they are counted once.
enum ActFields: NewFieldsForm {
    typealias R = Act
    static let editTitle = WebText.editAct
    static let newTitle = WebText.newAct
    static let parentKinds: [RecordKind] = [.event]
    static let fields = ["actType", "date", "placeCode", "victimStatus", "notes", "victim", "memberOfGroupID"]
    static let initialValues = ["victimStatus": VictimStatus.unknown.code]

    static func isField(_ name: String) -> Bool { fields.contains(name) }

    static func blank(under parent: any Record) -> Act {
        Act(compartment: parent.compartment, eventID: parent.id, actType: .detention)
    }

    static func values(of act: Act) -> [String: String] {
        var values = ["actType": act.actType.code, "victimStatus": act.victimStatus.code]
        values["date"] = act.date?.description
        values["placeCode"] = FormControls.placeValue(act.placeCode)
        values["notes"] = act.notes
        values["memberOfGroupID"] = act.memberOfGroupID?.wire
        return values
    }

    /// The incident's victims (`victim`: a person or a group, as `person:ID` or `group:ID`) and
    /// its groups (`memberOfGroupID`), read from its acts within the reader's reach.
    static func choices(around act: Act, repository: any Repository, actor: ActingIdentity, language: Language) async throws -> FieldChoices {
        let acts = try await repository.allRecords(RecordQuery(kinds: [.act], parentID: act.eventID), by: actor).compactMap { $0 as? Act }
        let groups = try await repository.allRecords(RecordQuery(kinds: [.victimGroup], parentID: act.eventID), by: actor)
            .compactMap { $0 as? VictimGroup }
        var victims: [(value: String, label: String)] = []
        var seen = Set<UUID>()
        for other in acts.reversed() {
            guard let id = other.victimID, seen.insert(id).inserted, let person = try await repository.find(Person.self, id, by: actor) else { continue }
            victims.append(("person:\(id.wire)", language.name(RecordLabel.of(person, seesProtected: actor.seesProtected))))
        }
        let groupOptions = groups.map { (value: $0.id.wire, label: RecordPage.groupSummary($0, language)) }
        victims += groups.map { ("group:\($0.id.wire)", "\(language(RecordKind.victimGroup.label)): \(RecordPage.groupSummary($0, language))") }
        return FieldChoices(options: ["victim": victims, "memberOfGroupID": groupOptions])
    }

    static func controls(_ controls: FormControls, _ language: Language, choices: FieldChoices, creating: Bool) -> [HTML] {
        var fields: [HTML] = []
        if creating {
            fields.append(controls.select("victim", WebText.actVictim, options: choices.options["victim"] ?? [], blank: WebText.chooseOne,
                                          hint: WebText.actVictimHint))
        }
        fields += [
            controls.select("actType", WebText.actType, ActType.self),
            controls.input("date", WebText.actDate, hint: WebText.dateHint, [("inputmode", "numeric")]),
            controls.input("placeCode", WebText.placeField, hint: WebText.placeHint, [("list", "places"), ("autocomplete", "off")]),
            FormControls.placeList(),
            controls.select("victimStatus", WebText.victimStatusAfter, VictimStatus.self),
        ]
        if let groups = choices.options["memberOfGroupID"], !groups.isEmpty {
            fields.append(controls.select("memberOfGroupID", WebText.inGroup, options: groups, blank: WebText.notInGroup, hint: WebText.inGroupHint))
        }
        fields.append(controls.textarea("notes", WebText.notes, rows: 4))
        return fields
    }

    static func apply(_ reader: inout FormReader, to stored: Act, choices: FieldChoices) -> Act {
        var act = stored
        if let victim = reader.text("victim") {
            if !choices.offers("victim", victim) {
                reader.problem("victim", "choose a victim of this incident")
            } else if victim.hasPrefix("person:") {
                act.victimID = UUID(uuidString: String(victim.dropFirst("person:".count)))
                act.victimGroupID = nil
            } else {
                act.victimGroupID = UUID(uuidString: String(victim.dropFirst("group:".count)))
                act.victimID = nil
            }
        } else if reader.values["victim"] != nil && act.victimID == nil && act.victimGroupID == nil && !(choices.options["victim"] ?? []).isEmpty {
            // Asked on the new-act form only (an edit form has no victim field to answer it).
            reader.problem("victim", "choose a victim of this incident")
        }
        act.actType = reader.code("actType", ActType.self) ?? stored.actType
        act.date = reader.date("date")
        act.placeCode = reader.place("placeCode")
        act.victimStatus = reader.code("victimStatus", VictimStatus.self) ?? .unknown
        act.notes = reader.text("notes")
        if let group = reader.text("memberOfGroupID") {
            if choices.offers("memberOfGroupID", group) { act.memberOfGroupID = UUID(uuidString: group) } else {
                reader.problem("memberOfGroupID", "choose a group of this incident")
            }
        } else {
            act.memberOfGroupID = nil
        }
        // A group cannot hold itself: a group's own act is never "one of a group".
        if act.victimGroupID != nil { act.memberOfGroupID = nil }
        return act
    }
}
