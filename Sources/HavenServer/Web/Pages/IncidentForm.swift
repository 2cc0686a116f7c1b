import Foundation
import HavenCore
import HavenReports

/// The intake form for a new incident, in one pass: the event, what was done, named victims,
/// victims counted as a group ("13 women and 2 children"), perpetrators, brokers and
/// facilitating organisations, and sources with their reliability. Rows are added without
/// script: an "add" button posts the form back with one more empty row and everything typed
/// kept. Field names are the paths of ``IncidentIntake`` (`victims[0].name`), so every problem
/// appears beside its field.
struct IncidentForm {
    /// The fields as typed.
    var values: [String: String] = [:]
    /// The compartments the new incident may go to (a choice is offered when there are several).
    var compartments: [CompartmentOption] = []
    var problems: [FieldProblem] = []
    var message: LocalizedLabel?
    /// For actor rows (by the form's row number) whose name is like records already kept, those
    /// records: the row then asks whether the actor is one of them.
    var actorChoices: [Int: [ActorMatcher.Candidate]] = [:]
    /// The rescue request this incident is recorded from (`fromRequest`), named: saving links them.
    var fromRequest: (id: UUID, name: String)?

    /// The lists of rows, with how many rows a new form shows.
    enum Rows: String, CaseIterable {
        case victims, groups, actors, sources

        var initial: Int { self == .groups || self == .sources ? 1 : 2 }

        var heading: LocalizedLabel {
            switch self {
            case .victims: WebText.namedVictims
            case .groups: WebText.victimGroups
            case .actors: WebText.actors
            case .sources: WebText.sources
            }
        }

        var addLabel: LocalizedLabel {
            switch self {
            case .victims: WebText.addVictim
            case .groups: WebText.addGroup
            case .actors: WebText.addActor
            case .sources: WebText.addSource
            }
        }

        /// The fields of row `i`, the typed ones first (a row whose typed fields are all
        /// empty is left out; choices alone do not make a row).
        func fields(_ i: Int) -> (typed: [String], chosen: [String]) {
            let p = "\(rawValue)[\(i)]."
            switch self {
            case .victims: return (["name", "otherName", "age"].map { p + $0 }, ["sex", "status", "inGroup"].map { p + $0 })
            case .groups: return (["size", "women", "men", "children", "description"].map { p + $0 }, [p + "status"])
            case .actors: return ([p + "name"], ["kind", "role", "degree", "existing"].map { p + $0 })
            case .sources: return (["name", "content", "receivedDate"].map { p + $0 },
                                   ["kind", "connection", "reliability", "credibility"].map { p + $0 })
            }
        }
    }

    /// How many rows of a list the form shows: what it showed last time, or the initial number.
    func count(_ rows: Rows) -> Int {
        min(values["rows.\(rows.rawValue)"].flatMap(Int.init).map { max($0, 0) } ?? rows.initial, IncidentIntake.maximumRows)
    }

    /// The form with one more row of the list the user asked for.
    func addingRow(_ rows: Rows) -> IncidentForm {
        var form = self
        form.values["rows.\(rows.rawValue)"] = String(min(count(rows) + 1, IncidentIntake.maximumRows))
        form.problems = []
        form.message = nil
        return form
    }

    /// Every field name the form sends, for reading a posted body.
    static func isField(_ name: String) -> Bool {
        EventForm.fields.contains(name) || ["actType", "compartment", "_draft", "fromRequest"].contains(name) || name.hasPrefix("rows.")
            || Rows.allCases.contains { name.hasPrefix($0.rawValue + "[") }
    }

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let title = t(WebText.newIncident)
        var content: [HTML] = [.element("h1", [:], [.text(title)]),
                               .element("p", ["class": "hint"], [.text(t(WebText.incidentIntro))])]
        let refusalAt = content.count
        let controls = FormControls(language: language, values: values, problems: problems)
        var form: [HTML] = [FormControls.csrf(account.csrf), FormControls.draft(values)]
        if let fromRequest {
            content.append(.element("p", ["class": "notice"], [.text("\(t(WebText.incidentFromRequest)): "),
                                                               .element("a", ["href": "/records/rescue_request/\(fromRequest.id.wire)"], [.text(fromRequest.name)])]))
            form.append(.element("input", ["type": "hidden", "name": "fromRequest", "value": fromRequest.id.wire]))
        }
        form.append(.element("fieldset", [:], [.element("legend", [:], [.text(t(WebText.incident))])]
            + EventForm.eventFields(controls)
            + [controls.select("actType", WebText.actType, ActType.self, blank: WebText.chooseOne, hint: WebText.actTypeHint)]
            + controls.compartmentChoice(compartments)))
        for rows in Rows.allCases {
            var section: [HTML] = [.element("legend", [:], [.text(t(rows.heading))])]
            for i in 0..<count(rows) {
                section.append(.element("fieldset", ["class": "row"], [
                    .element("legend", [:], [.text("\(t(rows.heading)) \(i + 1)")]),
                ] + Self.rowFields(rows, i, controls, language, choices: rows == .actors ? actorChoices[i] : nil, groups: count(.groups))))
            }
            section.append(.element("input", ["type": "hidden", "name": "rows.\(rows.rawValue)", "value": String(count(rows))]))
            // The form comes back at the list a row was added to (the fragment), not at its top.
            section.append(.element("button", ["type": "submit", "name": "_add", "value": rows.rawValue, "formnovalidate": "",
                                               "formaction": "/records/event/new#\(rows.rawValue)", "class": "secondary"], [.text(t(rows.addLabel))]))
            form.append(.element("fieldset", ["id": rows.rawValue], section))
        }
        form.append(.element("button", ["type": "submit", "name": "_save", "value": "1"], [.text(t(WebText.save))]))
        content.insert(contentsOf: controls.refusal(message, sections: Dictionary(uniqueKeysWithValues: Rows.allCases.map { ($0.rawValue, $0.heading) })), at: refusalAt)
        content.append(.element("form", ["method": "post", "action": "/records/event/new", "class": "stack wide"], form))
        return Layout(language: language, title: title, path: "/records/event/new", account: account).render(.group(content))
    }

    /// The actor rows with a name typed (form row number, name, whether an organisation), for
    /// looking up records already kept under a name like it.
    var namedActors: [(row: Int, wanted: ActorMatcher.Wanted)] {
        (0..<count(.actors)).compactMap { i in
            let p = "actors[\(i)]."
            guard let name = values[p + "name"]?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else { return nil }
            let kind = values[p + "kind"] ?? "person"
            return (i, ActorMatcher.Wanted(name: name, organisation: kind != "person" && !kind.isEmpty))
        }
    }

    /// A problem for every actor row that asks whether the actor is a record already kept and
    /// has no answer (or one that is not among the records it offers).
    var unansweredActorChoices: [FieldProblem] {
        actorChoices.keys.sorted().compactMap { i in
            let field = "actors[\(i)].existing"
            return ActorMatcher.problem(field, answer: values[field], offered: actorChoices[i] ?? [])
        }
    }

    static func rowFields(_ rows: Rows, _ i: Int, _ controls: FormControls, _ language: Language,
                          choices: [ActorMatcher.Candidate]? = nil, groups: Int = 0) -> [HTML] {
        let p = "\(rows.rawValue)[\(i)]."
        switch rows {
        case .victims:
            return [
                controls.input(p + "name", WebText.victimName, hint: WebText.nameHint),
                controls.input(p + "otherName", WebText.otherName),
                controls.select(p + "sex", WebText.sex, Sex.self, default: Sex.unknown.code),
                controls.input(p + "age", WebText.age, hint: WebText.ageHint, [("inputmode", "numeric")]),
                controls.select(p + "status", WebText.victimStatus, VictimStatus.self),
                // Whether the victim is one of a counted group below, so that they are counted once.
                controls.select(p + "inGroup", WebText.inGroup,
                                options: [("", language(WebText.notInGroup))] + (0..<groups).map { ("\($0)", language(WebText.groupNumber($0 + 1))) },
                                hint: WebText.inGroupHint),
            ]
        case .groups:
            return [
                controls.input(p + "size", WebText.groupSize, [("inputmode", "numeric")]),
                controls.input(p + "women", WebText.women, [("inputmode", "numeric")]),
                controls.input(p + "men", WebText.men, [("inputmode", "numeric")]),
                controls.input(p + "children", WebText.children, [("inputmode", "numeric")]),
                controls.input(p + "description", WebText.description),
                controls.select(p + "status", WebText.victimStatus, VictimStatus.self),
            ]
        case .actors:
            let kinds = [("person", language(WebText.individual))] + OrganisationKind.allCases.map { ($0.code, language($0.label)) }
            var fields = [
                controls.input(p + "name", WebText.actorName),
                controls.select(p + "kind", WebText.actorKind, options: kinds),
            ]
            if let question = controls.actorQuestion(p + "existing", offered: choices) { fields.append(question) }
            return fields + [
                controls.select(p + "role", WebText.role, InvolvementRole.self),
                controls.select(p + "degree", WebText.degree, InvolvementDegree.self, default: InvolvementDegree.unknown.code),
            ]
        case .sources:
            return [
                controls.input(p + "name", WebText.sourceName, hint: WebText.sourceNameHint),
                controls.select(p + "kind", WebText.sourceKind, SourceKind.self),
                controls.select(p + "connection", WebText.connection, SourceConnection.self, default: SourceConnection.unknown.code),
                controls.select(p + "reliability", WebText.reliability, Reliability.self, default: Reliability.f.code),
                controls.select(p + "credibility", WebText.credibility, Credibility.self, default: Credibility.cannotBeJudged.code),
                controls.input(p + "receivedDate", WebText.receivedDate, hint: WebText.dateHint, [("inputmode", "numeric")]),
                controls.textarea(p + "content", WebText.whatTheySaid, rows: 3),
            ]
        }
    }

    /// The intake the fields describe, with every field that does not parse named. Rows left
    /// empty are skipped; the rows kept are renumbered, so problems are reported under the
    /// form's own row numbers through `rowNames`.
    static func intake(from values: [String: String]) -> (IncidentIntake, [FieldProblem]) {
        var reader = FormReader(values)
        let event = EventForm.event(&reader, id: UUID(), compartment: Compartment.default)
        var intake = IncidentIntake(event: event, actType: reader.code("actType", ActType.self))
        let form = IncidentForm(values: values)
        var rowNames: [String: String] = [:]
        // Group rows left empty are skipped: a victim names a group by the form's row number.
        var keptGroup: [Int: Int] = [:]
        for rows in Rows.allCases {
            var kept = 0
            for i in 0..<form.count(rows) where rows.fields(i).typed.contains(where: { reader.text($0) != nil }) {
                let p = "\(rows.rawValue)[\(i)]."
                rowNames["\(rows.rawValue)[\(kept)]."] = p
                kept += 1
                switch rows {
                case .victims:
                    intake.victims.append(.init(name: reader.text(p + "name") ?? "", otherName: reader.text(p + "otherName"),
                                                sex: reader.code(p + "sex", Sex.self) ?? .unknown, age: reader.age(p + "age"),
                                                status: reader.code(p + "status", VictimStatus.self) ?? .unknown,
                                                inGroup: reader.integer(p + "inGroup")))
                case .groups:
                    keptGroup[i] = kept - 1
                    let women = reader.integer(p + "women"), men = reader.integer(p + "men"), children = reader.integer(p + "children")
                    // A group given only by its parts is as large as they are together.
                    let size = reader.integer(p + "size") ?? (WholeNumber.sum([women, men, children].compactMap { $0 }) ?? Int.max)
                    intake.groups.append(.init(size: size, women: women, men: men, children: children,
                                               description: reader.text(p + "description"),
                                               status: reader.code(p + "status", VictimStatus.self) ?? .unknown))
                case .actors:
                    let kind = reader.text(p + "kind") == "person" ? nil : reader.code(p + "kind", OrganisationKind.self)
                    intake.actors.append(.init(name: reader.text(p + "name") ?? "", organisationKind: kind,
                                               role: reader.code(p + "role", InvolvementRole.self) ?? .perpetrator,
                                               degree: reader.code(p + "degree", InvolvementDegree.self) ?? .unknown,
                                               existing: reader.text(p + "existing").flatMap(ActorMatcher.record(answer:))))
                case .sources:
                    intake.sources.append(.init(name: reader.text(p + "name") ?? "", kind: reader.code(p + "kind", SourceKind.self) ?? .anonymous,
                                                connection: reader.code(p + "connection", SourceConnection.self) ?? .unknown,
                                                reliability: reader.code(p + "reliability", Reliability.self) ?? .f,
                                                credibility: reader.code(p + "credibility", Credibility.self) ?? .cannotBeJudged,
                                                receivedDate: reader.date(p + "receivedDate"), content: reader.text(p + "content")))
                }
            }
        }
        var problems = reader.problems
        for k in intake.victims.indices {
            if let row = intake.victims[k].inGroup { intake.victims[k].inGroup = keptGroup[row] ?? -1 }
        }
        // Validation speaks of the kept rows; name the rows as the form numbers them.
        if case .failure(let invalid) = intake.records(compartment: Compartment.default, context: ValidationContext(isKnownPlace: { _ in true })) {
            problems += FormReader.renamingRows(invalid.problems, rowNames)
        }
        return (intake, problems)
    }
}
