import Foundation
import HavenCore
import HavenReports

/// The rescue-request form. A new request names who asked, for whom (rows added without
/// script), who made contact first, the broker and organisation, the fee quoted, the group size
/// and place, and its first status. Editing changes the case's own fields and adds the next
/// status to its timeline (received → requester verified → underway → arrived / arrested /
/// repatriated / missing / withdrawn); the people named are records of their own.
struct RescueRequestForm {
    var values: [String: String] = [:]
    /// The request being edited, the version it was read at, and its timeline so far.
    var editing: (id: UUID, version: Int, timeline: [RescueStatusChange])?
    var compartments: [CompartmentOption] = []
    var problems: [FieldProblem] = []
    var message: LocalizedLabel?
    /// Records already kept with a name like the broker's or the organisation's (by
    /// ``actorFields``'s name field): the form then asks whether it is one of them.
    var actorChoices: [String: [ActorMatcher.Candidate]] = [:]

    static let initialSubjects = 2
    /// The named actors, each with the field that answers whether it is a record already kept,
    /// and whether it is an organisation.
    static let actorFields: [(name: String, answer: String, organisation: Bool)] = [
        ("brokerName", "brokerExisting", false), ("organisationName", "organisationExisting", true),
    ]
    static let caseFields = ["requesterRelation", "contactInitiatedBy", "fee.amount", "fee.currency", "groupSize", "placeCode", "notes"]
    static let statusFields = ["status", "statusDate", "statusNote"]
    static let intakeFields = ["requesterName", "brokerName", "brokerExisting", "organisationName", "organisationExisting", "compartment", "rows.subjects"]
    static let currencies = ["KRW", "USD", "CNY", "EUR", "JPY", "THB", "LAK", "VND", "MNT", "RUB"]

    static func isField(_ name: String) -> Bool {
        caseFields.contains(name) || statusFields.contains(name) || intakeFields.contains(name) || name == "version" || name == "_draft"
            || name.hasPrefix("subjects[")
    }

    var subjectRows: Int {
        min(values["rows.subjects"].flatMap(Int.init).map { max($0, 0) } ?? Self.initialSubjects, IncidentIntake.maximumRows)
    }

    /// The form filled from a stored request (the next status left empty).
    static func values(of request: RescueRequest) -> [String: String] {
        var values = ["contactInitiatedBy": request.contactInitiatedBy.code]
        values["requesterRelation"] = request.requesterRelation?.code
        values["fee.amount"] = request.fee.map { Self.amount($0.amount) }
        values["fee.currency"] = request.fee?.currency
        values["groupSize"] = request.groupSize.map(String.init)
        values["placeCode"] = FormControls.placeValue(request.placeCode)
        values["notes"] = request.notes
        return values
    }

    static func amount(_ value: Double) -> String {
        WholeNumber.exact(value).map(String.init) ?? (value.isFinite ? String(value) : WholeNumber.amountText(value))
    }

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let title = t(editing == nil ? WebText.newRescueRequest : WebText.editRescueRequest)
        let action = editing.map { "/records/rescue_request/\($0.id.wire)/edit" } ?? "/records/rescue_request/new"
        var content: [HTML] = [.element("h1", [:], [.text(title)])]
        let refusalAt = content.count
        let controls = FormControls(language: language, values: values, problems: problems)
        var form: [HTML] = [FormControls.csrf(account.csrf), FormControls.draft(values)]
        if let editing {
            form.append(.element("input", ["type": "hidden", "name": "version", "value": String(editing.version)]))
        } else {
            var people: [HTML] = [.element("legend", [:], [.text(t(WebText.peopleInRequest))]),
                                  controls.input("requesterName", WebText.requesterName, hint: WebText.nameHint)]
            for i in 0..<subjectRows {
                let p = "subjects[\(i)]."
                people.append(.element("fieldset", ["class": "row"], [
                    .element("legend", [:], [.text("\(t(WebText.requestedFor)) \(i + 1)")]),
                    controls.input(p + "name", WebText.victimName),
                    controls.select(p + "sex", WebText.sex, Sex.self, default: Sex.unknown.code),
                    controls.input(p + "age", WebText.age, hint: WebText.ageHint, [("inputmode", "numeric")]),
                ]))
            }
            people += [
                .element("input", ["type": "hidden", "name": "rows.subjects", "value": String(subjectRows)]),
                // The form comes back at the people it lists (the fragment), not at its top.
                .element("button", ["type": "submit", "name": "_add", "value": "subjects", "formnovalidate": "",
                                    "formaction": "/records/rescue_request/new#people", "class": "secondary"], [.text(t(WebText.addPerson))]),
            ]
            for actor in Self.actorFields {
                people.append(controls.input(actor.name, actor.organisation ? WebText.organisationName : WebText.brokerName))
                if let question = controls.actorQuestion(actor.answer, offered: actorChoices[actor.name]) { people.append(question) }
            }
            form.append(.element("fieldset", ["id": "people"], people))
        }
        form.append(.element("fieldset", [:], [
            .element("legend", [:], [.text(t(WebText.theCase))]),
            controls.select("requesterRelation", WebText.requesterRelation, FamilyRelation.self, blank: WebText.notRecorded),
            controls.select("contactInitiatedBy", WebText.contactInitiatedBy, ContactInitiator.self, default: ContactInitiator.unknown.code,
                            hint: WebText.contactHint),
            controls.input("fee.amount", WebText.feeAmount, [("inputmode", "decimal")]),
            controls.select("fee.currency", WebText.feeCurrency, options: Self.currencies.map { ($0, $0) }),
            controls.input("groupSize", WebText.groupSizeMoved, [("inputmode", "numeric")]),
            controls.input("placeCode", WebText.placeField, hint: WebText.placeHint, [("list", "places"), ("autocomplete", "off")]),
            FormControls.placeList(),
            controls.textarea("notes", WebText.notes),
        ] + (editing == nil ? controls.compartmentChoice(compartments) : [])))
        var status: [HTML] = [.element("legend", [:], [.text(t(editing == nil ? WebText.firstStatus : WebText.nextStatus))])]
        if let timeline = editing?.timeline, !timeline.isEmpty {
            status.append(Self.timeline(timeline, language))
        }
        status += [
            controls.select("status", WebText.status, RescueStatus.self, blank: editing == nil ? nil : WebText.noChange),
            controls.input("statusDate", WebText.statusDate, hint: WebText.dateHint, [("inputmode", "numeric")]),
            controls.input("statusNote", WebText.statusNote),
        ]
        form.append(.element("fieldset", [:], status))
        form.append(.element("button", ["type": "submit", "name": "_save", "value": "1"], [.text(t(WebText.save))]))
        content.insert(contentsOf: controls.refusal(message), at: refusalAt)
        content.append(.element("form", ["method": "post", "action": action, "class": "stack wide"], form))
        return Layout(language: language, title: title, path: action, account: account).render(.group(content))
    }

    /// The status timeline, oldest first.
    static func timeline(_ timeline: [RescueStatusChange], _ language: Language) -> HTML {
        .element("ol", ["class": "timeline"], timeline.map { change in
            var text = "\(language.date(change.date)) · \(language(change.status.label))"
            if let note = change.note { text += " · \(note)" }
            return .element("li", [:], [.text(text)])
        })
    }

    /// The case's own fields read into `request`.
    static func readCase(_ reader: inout FormReader, into request: inout RescueRequest) {
        request.contactInitiatedBy = reader.code("contactInitiatedBy", ContactInitiator.self) ?? .unknown
        request.requesterRelation = reader.code("requesterRelation", FamilyRelation.self)
        let amount = reader.number("fee.amount")
        request.fee = amount.map { Money(amount: $0, currency: reader.text("fee.currency") ?? "USD") }
        request.groupSize = reader.integer("groupSize")
        request.placeCode = reader.place("placeCode")
        request.notes = reader.text("notes")
    }

    /// The status step typed, or nil when none was chosen.
    static func readStatus(_ reader: inout FormReader, required: Bool) -> RescueStatusChange? {
        let status = reader.code("status", RescueStatus.self)
        let date = reader.date("statusDate")
        guard let status else {
            if required { reader.problem("status", "choose a status") }
            return nil
        }
        guard let date else {
            if reader.text("statusDate") == nil { reader.problem("statusDate", "is required with a status") }
            return nil
        }
        return RescueStatusChange(status: status, date: date, note: reader.text("statusNote"))
    }

    /// A new request's intake, with every field that does not parse named.
    static func intake(from values: [String: String], rows: Int) -> (RescueRequestIntake?, [FieldProblem]) {
        var reader = FormReader(values)
        var request = RescueRequest()
        readCase(&reader, into: &request)
        let first = readStatus(&reader, required: true)
        var subjects: [IncidentIntake.NamedVictim] = []
        var rowNames: [String: String] = [:]
        for i in 0..<rows where reader.text("subjects[\(i)].name") != nil || reader.text("subjects[\(i)].age") != nil {
            let p = "subjects[\(i)]."
            rowNames["subjects[\(subjects.count)]."] = p
            subjects.append(.init(name: reader.text(p + "name") ?? "", sex: reader.code(p + "sex", Sex.self) ?? .unknown, age: reader.age(p + "age")))
        }
        guard let first else { return (nil, reader.problems) }
        let intake = RescueRequestIntake(request: request, requesterName: reader.text("requesterName"), subjects: subjects,
                                         brokerName: reader.text("brokerName"), organisationName: reader.text("organisationName"),
                                         firstStatus: first,
                                         existingBroker: reader.text("brokerExisting").flatMap(ActorMatcher.record(answer:))?.id,
                                         existingOrganisation: reader.text("organisationExisting").flatMap(ActorMatcher.record(answer:))?.id)
        var problems = reader.problems
        if case .failure(let invalid) = intake.records(compartment: Compartment.default, context: ValidationContext(isKnownPlace: { _ in true })) {
            problems += FormReader.renamingRows(invalid.problems, rowNames)
        }
        return (intake, problems)
    }
}
