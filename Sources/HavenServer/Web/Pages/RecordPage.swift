import Foundation
import HavenCore
import HavenReports
import HavenStore

/// One record: its fields as the reader's language writes them, then its history, newest
/// version first. Events and persons have their own field lists; other kinds show a summary
/// until their pages arrive. Protected fields are shown as withheld where the role says so.
struct RecordPage {
    /// One labelled value.
    struct Field: Equatable {
        var label: LocalizedLabel
        /// The value, or nil when withheld.
        var value: String?
    }

    var kind: RecordKind
    var id: UUID
    var title: String?
    var fields: [Field]
    /// Versions, newest first, with who wrote each and what it changed.
    var versions: [RecordVersion]
    /// When the page shows a past version: its number (the fields are that version's, and
    /// nothing can be done from the page).
    var pastVersion: Int?
    /// Who read, listed, found or changed the record, newest first, for roles allowed to see it.
    var trail: [TrailEntry]?
    /// How many access-log entries name the record in all; the page shows the latest.
    var trailTotal = 0
    /// Whether the reader may edit it here (kinds with a form, for roles that write records).
    var canEdit = false

    /// The kinds of record edited on a form of their own; involvements, organisations, places
    /// and attachments are changed through the API.
    static let editableKinds: [RecordKind] = [.event, .rescueRequest, .intervention, .person, .victimGroup, .act, .source, .information]
    /// Linked records: an incident's victims, actors and sources; a rescue request's people;
    /// what an intervention is about.
    var links: Links?
    /// A rescue request's status timeline, oldest first.
    var timeline: [RescueStatusChange]?
    /// A notice above the fields (an intervention past its deadline).
    var warning: LocalizedLabel?
    /// What was just saved, said once after the save (`?saved=1` on the page's address).
    var confirmation: LocalizedLabel?
    /// Whether the reader may start an intervention about this record (incidents and persons).
    var canIntervene = false
    /// Whether the reader may record the incident a rescue request became (none is linked yet).
    var canRecordIncident = false
    /// A rescue request's trap indicators and checklist.
    var trap: TrapReview?
    /// A merged person record: the main record it was found to be, and whether the reader may undo it.
    var sameAs: (id: UUID, canUndo: Bool, label: RecordLabel?)?

    /// One line of the record's access trail.
    struct TrailEntry: Equatable {
        var at: String
        var who: String
        /// What was done, in words (``AuditActionText``).
        var action: LocalizedLabel
    }

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let heading = title ?? t(WebText.withheld)
        let path = "/records/\(kind.code)/\(id.wire)"
        if let pastVersion { return renderPast(pastVersion, language, account: account, path: path) }
        var actions: [HTML] = []
        if canEdit { actions.append(.element("a", ["href": path + "/edit", "class": "button"], [.text(t(WebText.edit))])) }
        if kind == .event || kind == .person {
            actions.append(.element("a", ["href": "/dossiers/\(kind.code)/\(id.wire)", "class": "button secondary"],
                                    [.text(t(WebText.makeDossier))]))
        }
        // A victim's next step and another source are added where the officer is looking.
        if canEdit && kind == .event {
            actions.append(.element("a", ["href": "/records/act/new?parent=\(id.wire)&parentKind=event", "class": "button secondary"],
                                    [.text(t(WebText.addAct))]))
        }
        if canEdit && (kind == .event || kind == .person) {
            actions.append(.element("a", ["href": "/records/information/new?parent=\(id.wire)&parentKind=\(kind.code)", "class": "button secondary"],
                                    [.text(t(WebText.newInformation))]))
        }
        if canRecordIncident {
            actions.append(.element("a", ["href": "/records/event/new?fromRequest=\(id.wire)", "class": "button secondary"],
                                    [.text(t(WebText.recordIncidentFromRequest))]))
        }
        if canIntervene {
            actions.append(.element("a", ["href": "/records/intervention/new?about=\(id.wire)&aboutKind=\(kind.code)",
                                          "class": "button secondary"], [.text(t(WebText.newInterventionAbout))]))
        }
        var content: [HTML] = [
            .element("p", ["class": "kind"], [.text(t(kind.label))]),
            .element("h1", [:], [.text(heading)]),
            confirmation.map { .element("p", ["class": "notice", "role": "status"], [.text(t($0))]) } ?? .group([]),
            actions.isEmpty ? .group([]) : .element("p", ["class": "actions"], actions),
            warning.map { .element("p", ["class": "error", "role": "status"], [.text(t($0))]) } ?? .group([]),
            sameAs.map { merged in renderSameAs(merged.id, label: merged.label, canUndo: merged.canUndo, language, csrf: account.csrf) } ?? .group([]),
            .element("dl", ["class": "fields"], fields.flatMap { field -> [HTML] in
                [.element("dt", [:], [.text(t(field.label))]), .element("dd", [:], [.text(field.value ?? t(WebText.withheld))])]
            }),
        ]
        if let timeline {
            content.append(.element("h2", [:], [.text(t(WebText.timeline))]))
            content.append(RescueRequestForm.timeline(timeline, language))
        }
        if let trap { content += renderTrap(trap, language, csrf: account.csrf) }
        if let links { content += renderLinks(links, language) }
        content += renderHistory(language, path: path)
        if let trail {
            content.append(.element("h2", ["id": "trail"], [.text(t(WebText.accessTrail))]))
            if trailTotal > trail.count {
                content.append(.element("p", ["class": "meta"], [.text(t(WebText.latestOf(shown: trail.count, total: trailTotal)))]))
            }
            content.append(.element("table", ["class": "trail", "aria-labelledby": "trail"], [
                .element("thead", [:], [.element("tr", [:], [
                    .element("th", ["scope": "col"], [.text(t(WebText.when))]),
                    .element("th", ["scope": "col"], [.text(t(WebText.who))]),
                    .element("th", ["scope": "col"], [.text(t(WebText.what))]),
                ])]),
                .element("tbody", [:], trail.map { entry in
                    .element("tr", [:], [.element("td", [:], [.text(entry.at)]), .element("td", [:], [.text(entry.who)]),
                                         .element("td", [:], [.text(t(entry.action))])])
                }),
            ]))
        }
        // The page title names the kind only: a record's title may be protected.
        return Layout(language: language, title: t(kind.label), path: "/records/\(kind.code)/\(id.wire)",
                      account: account).render(.group(content))
    }

    /// The page of a stored record with its versions, protected values only where visible.
    static func make(_ stored: AnyStored, versions: [RecordVersion], seesProtected: Bool,
                     language: Language, compartments: CompartmentNames = CompartmentNames()) -> RecordPage {
        let visible = { (value: String?) in seesProtected ? value : nil }
        let date = { (value: FuzzyDate?) in value.map(language.date) }
        let place = { (code: String?) in code.map { RecordsPage.placeName($0, language) } }
        var fields: [Field] = []
        var title: String?
        switch stored.record {
        case let event as Event:
            title = visible(event.title)
            fields = [
                Field(label: WebText.description, value: visible(event.description ?? "—")),
                Field(label: WebText.startDate, value: visible(date(event.startDate) ?? "—")),
                Field(label: WebText.endDate, value: visible(date(event.endDate) ?? "—")),
                Field(label: WebText.placeField, value: place(event.placeCode) ?? "—"),
                Field(label: WebText.placeDetail, value: visible(event.placeDetail ?? "—")),
                Field(label: WebText.verification, value: language(event.verification.label)),
            ]
        case let person as Person:
            title = visible(person.names.first?.value)
            fields = [
                Field(label: WebText.names, value: visible(person.names.map { "\($0.value) (\(language($0.script.label)), \(language($0.system.label)))" }
                    .joined(separator: "; "))),
                Field(label: WebText.sex, value: language(person.sex.label)),
                Field(label: WebText.birthDate, value: visible(date(person.birthDate) ?? "—")),
                Field(label: WebText.origin, value: place(person.originPlaceCode) ?? "—"),
                Field(label: WebText.notes, value: visible(person.notes ?? "—")),
            ]
        case let request as RescueRequest:
            title = "\(language(RecordKind.rescueRequest.label)) · \(language(request.status.label))"
            fields = [
                Field(label: WebText.status, value: language(request.status.label)),
                Field(label: WebText.requesterRelation, value: request.requesterRelation.map { language($0.label) } ?? "—"),
                Field(label: WebText.contactInitiatedBy, value: language(request.contactInitiatedBy.label)),
                Field(label: WebText.feeAmount, value: request.fee.map { "\(RescueRequestForm.amount($0.amount)) \($0.currency)" } ?? "—"),
                Field(label: WebText.groupSizeMoved, value: request.groupSize.map(String.init) ?? "—"),
                Field(label: WebText.placeField, value: place(request.placeCode) ?? "—"),
                Field(label: WebText.notes, value: visible(request.notes ?? "—")),
            ]
        case let intervention as Intervention:
            title = intervention.partyName
            fields = [
                Field(label: WebText.channel, value: language(intervention.channel.label)),
                Field(label: WebText.dateSent, value: date(intervention.dateSent) ?? "—"),
                Field(label: WebText.whatWasAsked, value: visible(intervention.request)),
                Field(label: WebText.deadline, value: date(intervention.deadline) ?? "—"),
                Field(label: WebText.status, value: language(intervention.status.label)),
                Field(label: WebText.priority, value: language(intervention.priority.label)),
                Field(label: WebText.response, value: language(intervention.response.label)),
                Field(label: WebText.responseDate, value: date(intervention.responseDate) ?? "—"),
                Field(label: WebText.responseText, value: visible(intervention.responseText ?? "—")),
                Field(label: WebText.notes, value: visible(intervention.notes ?? "—")),
            ]
        case let act as Act:
            // An act has no name of its own: it is what was done, when and where.
            title = [language(act.actType.label), visible(date(act.date)), place(act.placeCode)].compactMap { $0 }.joined(separator: " · ")
            fields = [
                Field(label: WebText.actType, value: language(act.actType.label)),
                Field(label: WebText.startDate, value: visible(date(act.date) ?? "—")),
                Field(label: WebText.placeField, value: place(act.placeCode) ?? "—"),
                Field(label: WebText.victimStatus, value: language(act.victimStatus.label)),
                Field(label: WebText.notes, value: visible(act.notes ?? "—")),
            ]
        case let group as VictimGroup:
            title = "\(language(WebText.groupSize)): \(group.size)"
            fields = [
                Field(label: WebText.groupSize, value: String(group.size)),
                Field(label: WebText.women, value: group.women.map(String.init) ?? "—"),
                Field(label: WebText.men, value: group.men.map(String.init) ?? "—"),
                Field(label: WebText.children, value: group.children.map(String.init) ?? "—"),
                Field(label: WebText.description, value: visible(group.description ?? "—")),
            ]
        case let source as Source:
            title = visible(source.name)
            fields = [
                Field(label: WebText.sourceKind, value: language(source.sourceKind.label)),
                Field(label: WebText.sourceContact, value: visible(source.contact ?? "—")),
                Field(label: WebText.notes, value: visible(source.notes ?? "—")),
            ]
        case let information as Information:
            title = language(WebText.whatWasReported)
            fields = [
                Field(label: WebText.receivedDate, value: visible(date(information.receivedDate) ?? "—")),
                Field(label: WebText.connection, value: language(information.connection.label)),
                Field(label: WebText.reliability, value: "\(information.reliability.code) · \(language(information.reliability.label))"),
                Field(label: WebText.credibility, value: "\(information.credibility.code) · \(language(information.credibility.label))"),
                Field(label: WebText.whatTheySaid, value: visible(information.content ?? "—")),
            ]
        default:
            title = visible(stored.record.searchText.first)
            fields = [Field(label: WebText.summary, value: visible(stored.record.searchText.joined(separator: " · ")))]
        }
        fields.append(Field(label: WebText.compartment, value: compartments.name(stored.record.compartment, language)))
        return RecordPage(kind: stored.kind, id: stored.record.id, title: title, fields: fields, versions: versions, trail: nil, canEdit: false)
    }
}

extension RecordPage: Equatable {
    static func == (a: RecordPage, b: RecordPage) -> Bool {
        a.kind == b.kind && a.id == b.id && a.title == b.title && a.fields == b.fields
            && a.versions == b.versions && a.pastVersion == b.pastVersion && a.trail == b.trail && a.links == b.links
            && a.timeline == b.timeline && a.warning == b.warning && a.confirmation == b.confirmation && a.canIntervene == b.canIntervene && a.canRecordIncident == b.canRecordIncident && a.trap == b.trap
            && a.sameAs?.id == b.sameAs?.id && a.sameAs?.canUndo == b.sameAs?.canUndo && a.sameAs?.label == b.sameAs?.label
    }
}

extension RecordPage {
    /// "Documented as the same person as …", with the form that undoes the merge.
    func renderSameAs(_ main: UUID, label: RecordLabel?, canUndo: Bool, _ language: Language, csrf: String) -> HTML {
        let t = language
        var parts: [HTML] = [.text("\(t(WebText.sameAsNotice)) "),
                             .element("a", ["href": "/records/person/\(main.wire)"], [.text(t.name(label ?? RecordLabel(kind: .person)))])]
        if canUndo {
            parts.append(FormControls.action("/duplicates/unmerge", csrf: csrf, values: ["record": self.id.wire],
                                             button: t(WebText.undoMerge), buttonClass: "secondary", formClass: "inline"))
        }
        return .element("div", ["class": "notice", "role": "status"], parts)
    }
}
