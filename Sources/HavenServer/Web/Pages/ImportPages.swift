import Foundation
import HavenCore
import HavenImport
import HavenReports
import HavenStore

/// A message at the top of an import page: what went wrong, or what was done.
enum ImportNotice {
    case problem(LocalizedLabel)
    case done(LocalizedLabel)

    func render(_ language: Language) -> HTML {
        switch self {
        case .problem(let label): .element("p", ["class": "error", "role": "alert"], [.text(language(label))])
        case .done(let label): .element("p", ["class": "notice", "role": "status"], [.text(language(label))])
        }
    }
}

/// The import page: the upload form, the saved mappings and the batches imported (each undone
/// whole by an analyst).
struct ImportsPage {
    var batches: [ImportBatch]
    var mappings: [SavedImportMapping]
    var canUndo: Bool
    var limitBytes: Int
    var problem: LocalizedLabel?

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let controls = FormControls(language: language, values: [:], problems: [])
        var content: [HTML] = [.element("h1", [:], [.text(t(ImportText.imports))]), .element("p", [:], [.text(t(ImportText.intro))])]
        if let problem { content.append(ImportNotice.problem(problem).render(language)) }
        var form: [HTML] = [
            FormControls.csrf(account.csrf),
            .element("div", ["class": "field"], [
                .element("label", ["for": "file"], [.text(t(ImportText.file))]),
                .element("input", ["type": "file", "id": "file", "name": "file", "required": "", "accept": ".csv,.xlsx,text/csv",
                                   "aria-describedby": "file-hint"]),
                .element("p", ["class": "hint", "id": "file-hint"], [.text(t(ImportText.fileHint(limitBytes)))]),
            ]),
            controls.select("kind", ImportText.rowsAre, options: ImportKind.allCases.map { ($0.rawValue, t($0.label)) }),
            controls.select("encoding", ImportText.encoding, options: [("", t(ImportText.encodingDetect)), ("utf-8", "UTF-8"), ("cp949", "CP949 (EUC-KR)")]),
        ]
        if !mappings.isEmpty {
            form.append(controls.select("mapping", ImportText.savedMapping, options: mappings.map { ($0.id.wire, $0.name) }, blank: ImportText.noSavedMapping))
        }
        form.append(.element("button", ["type": "submit"], [.text(t(ImportText.uploadButton))]))
        content.append(.element("form", ["method": "post", "action": "/imports/upload", "enctype": "multipart/form-data"], form))
        if !mappings.isEmpty {
            content.append(.element("h2", [:], [.text(t(ImportText.savedMappings))]))
            content.append(.element("ul", [:], mappings.map { mapping in
                .element("li", [:], [
                    .text("\(mapping.name) · \(t.instant(mapping.savedAt)) "),
                    FormControls.action("/imports/mappings/\(mapping.id.wire)/delete", csrf: account.csrf, values: [:],
                                        button: t(ImportText.remove), formClass: "inline"),
                ])
            }))
        }
        content.append(.element("h2", [:], [.text(t(ImportText.batches))]))
        if batches.isEmpty {
            content.append(.element("p", [:], [.text(t(ImportText.noBatches))]))
        } else {
            let header = [ImportText.when, ImportText.who, ImportText.fileColumn, ImportText.rows, ImportText.records, ImportText.state]
            content.append(.element("table", ["class": "report"], [
                .element("thead", [:], [.element("tr", [:], header.map { .element("th", ["scope": "col"], [.text(t($0))]) })]),
                .element("tbody", [:], batches.map { batch in
                    var state: [HTML] = [.text(t(batch.undoneAt == nil ? ImportText.kept : ImportText.undone))]
                    if batch.undoneAt == nil && canUndo {
                        state.append(FormControls.action("/imports/batches/\(batch.id.wire)/undo", csrf: account.csrf, values: [:],
                                                         button: t(ImportText.undo), formClass: "inline"))
                    }
                    return .element("tr", ["data-batch": batch.id.wire], [
                        .element("td", [:], [.text(t.instant(batch.createdAt))]),
                        .element("td", [:], [.text(batch.createdBy)]),
                        .element("td", [:], [.text(batch.source.fileName)]),
                        .element("td", ["class": "number"], [.text(String(batch.rows))]),
                        .element("td", ["class": "number"], [.text(String(batch.records))]),
                        .element("td", [:], state),
                    ])
                }),
            ]))
        }
        return Layout(language: language, title: t(ImportText.imports), path: "/imports", account: account).render(.group(content))
    }
}

/// An uploaded file's mapping and dry run on one page, in one form: the sheet and what a row is,
/// which column goes to which field, the problems by row and column, the unknown words to map,
/// and the probable duplicates to decide; then check again, import, save the mapping or discard.
struct ImportReviewPage {
    var upload: ImportUpload
    var compartments: [CompartmentOption]
    var notice: ImportNotice?
    /// Problems shown at once; the page says how many there are in all.
    static let problemsShown = 200

    func render(_ language: Language, account: PageUser) -> String {
        let t = language
        let mapping = upload.mapping
        let controls = FormControls(language: language, values: [
            "kind": mapping.kind.rawValue, "sheet": mapping.sheet ?? "", "headerRow": mapping.headerRow.map(String.init) ?? "",
            "compartment": upload.compartment, "skipRows": upload.skipRows.sorted().map(String.init).joined(separator: ", "),
        ], problems: [])
        var content: [HTML] = [.element("h1", [:], [.text(t(ImportText.review))])]
        if let notice { content.append(notice.render(language)) }
        if let problem = upload.mappingProblem { content.append(ImportNotice.problem(problem).render(language)) }
        if upload.skipRowsProblem { content.append(ImportNotice.problem(ImportText.skipRowsUnreadable).render(language)) }
        var form: [HTML] = [FormControls.csrf(account.csrf)]
        form.append(.element("fieldset", [:], [
            .element("legend", [:], [.text(upload.fileName)]),
            controls.select("kind", ImportText.rowsAre, options: ImportKind.allCases.map { ($0.rawValue, t($0.label)) }),
            controls.select("sheet", ImportText.sheet, options: upload.sheets.map { ($0.name, $0.name) }),
            controls.input("headerRow", ImportText.headerRow, [("type", "number"), ("min", "1")]),
            controls.input("skipRows", ImportText.skipRows, hint: ImportText.skipRowsHint),
        ] + controls.compartmentChoice(compartments)))
        form.append(columnsTable(t))
        if let plan = upload.plan {
            form += dryRun(plan, t)
        }
        form.append(.element("div", ["class": "actions"], [
            .element("button", ["type": "submit", "name": "action", "value": "check"], [.text(t(ImportText.checkAgain))]),
            .element("button", ["type": "submit", "name": "action", "value": "commit", "class": "primary",
                                "disabled": ImportCheck.isReady(upload) ? nil : ""], [.text(t(ImportText.importButton))]),
            .element("button", ["type": "submit", "name": "action", "value": "discard"], [.text(t(ImportText.discard))]),
        ]))
        form.append(.element("fieldset", [:], [
            .element("legend", [:], [.text(t(ImportText.saveMapping))]),
            controls.input("mappingName", ImportText.mappingName, [("maxlength", String(SQLStore.mappingNameLimit))]),
            .element("button", ["type": "submit", "name": "action", "value": "save"], [.text(t(ImportText.saveMapping))]),
        ]))
        content.append(.element("form", ["method": "post", "action": "/imports/upload/\(upload.id.wire)", "enctype": "multipart/form-data"], form))
        content.append(FormControls.placeList())
        return Layout(language: language, title: t(ImportText.review), path: "/imports/upload/\(upload.id.wire)", account: account).render(.group(content))
    }

    private var columnNames: [String] {
        guard let sheet = upload.sheets.first(where: { $0.name == upload.mapping.sheet }) ?? upload.sheets.first else { return [] }
        return sheet.columnNames(headerRow: upload.mapping.headerRow ?? sheet.likelyHeaderRow ?? 1)
    }

    private func columnsTable(_ t: Language) -> HTML {
        let fields = ImportField.fields(of: upload.mapping.kind)
        let rows: [HTML] = columnNames.enumerated().filter { !$0.element.isEmpty }.map { index, name in
            let chosen = upload.mapping.columns[name]?.rawValue ?? ""
            let options = [("", t(ImportText.notImported))] + fields.map { ($0.rawValue, t($0.label)) }
            let select = HTML.trusted(FormControls.element("select", [("id", ImportReviewForm.column(index)), ("name", ImportReviewForm.column(index))]).rendered
                + options.map { HTML.element("option", ["value": $0.0, "selected": $0.0 == chosen ? "" : nil], [.text($0.1)]).rendered }.joined()
                + "</select>")
            return .element("tr", [:], [
                .element("th", ["scope": "row"], [.element("label", ["for": ImportReviewForm.column(index)], [.text(name)])]),
                .element("td", [:], [select]),
            ])
        }
        return .element("table", ["class": "report", "id": "columns"], [
            .element("caption", [:], [.text(t(ImportText.columns))]),
            .element("thead", [:], [.element("tr", [:], [ImportText.column, ImportText.feeds].map { .element("th", ["scope": "col"], [.text(t($0))]) })]),
            .element("tbody", [:], rows),
        ])
    }

    private func dryRun(_ plan: ImportPlan, _ t: Language) -> [HTML] {
        var parts: [HTML] = [.element("h2", [:], [.text(t(ImportText.wouldCreate))])]
        parts.append(.element("p", [:], [.text(t(ImportText.summary(rows: plan.rows, sheet: plan.sheet, header: plan.headerRow)))]))
        let counts = plan.counts.sorted { $0.key.code < $1.key.code }.map { "\(t($0.key.label)) \($0.value)" }
        parts.append(.element("p", ["id": "would-create"], [.text(counts.isEmpty ? t(ImportText.nothing) : counts.joined(separator: " · "))]))
        if !plan.problems.isEmpty {
            parts.append(.element("h2", [:], [.text("\(t(ImportText.problems)) (\(plan.problems.count))")]))
            if plan.problems.count > Self.problemsShown {
                parts.append(.element("p", ["class": "meta"], [.text(t(ImportText.problemsShown(Self.problemsShown, of: plan.problems.count)))]))
            }
            parts.append(.element("ul", ["class": "problems", "id": "problems"], plan.problems.prefix(Self.problemsShown).map {
                .element("li", [:], [.text($0.text(t == .ko))])
            }))
        }
        if !plan.unmatched.isEmpty {
            parts.append(.element("h2", [:], [.text(t(ImportText.unknownWords))]))
            parts.append(.element("p", [:], [.text(t(ImportText.unknownWordsIntro))]))
            parts.append(.element("table", ["class": "report", "id": "unknown-words"], [
                .element("thead", [:], [.element("tr", [:], [ImportText.field, ImportText.word, ImportText.count, ImportText.firstRows, ImportText.means].map {
                    .element("th", ["scope": "col"], [.text(t($0))])
                })]),
                .element("tbody", [:], plan.unmatched.enumerated().map { index, word in wordRow(index, word, t) }),
            ]))
        }
        let mapped = upload.mapping.values.flatMap { field, words in words.map { (field, $0.key, $0.value) } }.sorted { ($0.0.rawValue, $0.1) < ($1.0.rawValue, $1.1) }
        if !mapped.isEmpty {
            parts.append(.element("h2", [:], [.text(t(ImportText.wordsMapped))]))
            parts.append(.element("ul", ["id": "words-mapped"], mapped.map { field, word, code in
                let label = field.terms?.first { $0.code == code }.map { t($0.label) } ?? (code == ImportReviewForm.unknown ? t(ImportText.notKnown) : code)
                return .element("li", [:], [.text("\(t(field.label)): \(word) → \(label)")])
            }))
        }
        if !upload.matches.isEmpty { parts += duplicates(plan, t) }
        parts.append((ImportCheck.isReady(upload) ? ImportNotice.done(ImportText.ready) : .problem(ImportText.notReady)).render(t))
        return parts
    }

    private func wordRow(_ index: Int, _ word: ImportPlan.Unmatched, _ t: Language) -> HTML {
        let name = ImportReviewForm.word(index)
        let control: HTML
        if let terms = word.field.terms {
            let options = [("", t(ImportText.undecided)), (ImportReviewForm.unknown, t(ImportText.notKnown))] + terms.map { ($0.code, t($0.label)) }
            control = .trusted(FormControls.element("select", [("id", name), ("name", name), ("aria-label", "\(t(ImportText.means)): \(word.value)")]).rendered
                + options.map { HTML.element("option", ["value": $0.0], [.text($0.1)]).rendered }.joined() + "</select>")
        } else {
            control = FormControls.element("input", [("id", name), ("name", name), ("list", "places"), ("placeholder", t(ImportText.placeCode)),
                                                     ("aria-label", "\(t(ImportText.means)): \(word.value)")])
        }
        return .element("tr", [:], [
            .element("td", [:], [.text("\(t(word.field.label)) (\(word.column))")]),
            .element("td", [:], [.text(word.value)]),
            .element("td", ["class": "number"], [.text(String(word.count))]),
            .element("td", [:], [.text(word.rows.prefix(5).map(String.init).joined(separator: ", "))]),
            .element("td", [:], [
                control,
                .element("input", ["type": "hidden", "name": ImportReviewForm.wordField(index), "value": word.field.rawValue]),
                .element("input", ["type": "hidden", "name": ImportReviewForm.wordValue(index), "value": word.value]),
            ]),
        ])
    }

    private func duplicates(_ plan: ImportPlan, _ t: Language) -> [HTML] {
        let positions = ImportCheck.positions(plan)
        let planned = Dictionary(plan.records.compactMap { $0 as? Person }.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func describe(_ person: Person?) -> String {
            guard let person else { return "—" }
            var parts = [person.names.map(\.value).joined(separator: " · "), t(person.sex.label)]
            if let birth = person.birthDate { parts.append(t.date(birth)) }
            return parts.joined(separator: ", ")
        }
        let rows: [HTML] = upload.matches.enumerated().compactMap { index, match in
            guard let key = ImportCheck.key(match, positions: positions), let from = positions[match.planned] else { return nil }
            let chosen = upload.decisions[key] ?? .new
            let other = match.matchIsKept ? t(ImportText.keptPerson(String(match.match.wire.prefix(8))))
                : t(ImportText.sheetRow(positions[match.match]?.text ?? "?"))
            let otherPerson = match.matchIsKept ? upload.keptMatched[match.match] : planned[match.match]
            let choices: [(DuplicateDecision, LocalizedLabel)] = [(.new, ImportText.decideNew), (.same, ImportText.decideSame), (.skip, ImportText.decideSkip)]
            let name = ImportReviewForm.decision(index)
            return .element("tr", ["data-row": from.text], [
                .element("td", [:], [.text(t(ImportText.sheetRow(from.text)))]),
                .element("td", [:], [.text(describe(planned[match.planned]))]),
                .element("td", [:], [.text("\(other): \(describe(otherPerson))")]),
                .element("td", ["class": "number"], [.text(DuplicateReviewPage.percent(match.probability))]),
                .element("td", [:], [.element("fieldset", ["class": "choices", "aria-label": "\(t(ImportText.decision)): \(t(ImportText.sheetRow(from.text)))"],
                                              choices.map { decision, label in
                    .element("label", [:], [
                        .element("input", ["type": "radio", "name": name, "value": decision.rawValue, "checked": decision == chosen ? "" : nil]),
                        .text(" " + t(label)),
                    ])
                } + [.element("input", ["type": "hidden", "name": ImportReviewForm.decisionKey(index), "value": key])])]),
            ])
        }
        return [
            .element("h2", [:], [.text(t(ImportText.duplicates))]),
            .element("p", [:], [.text(t(ImportText.duplicatesIntro))]),
            .element("table", ["class": "report side-by-side", "id": "import-duplicates"], [
                .element("thead", [:], [.element("tr", [:], [ImportText.row, ImportText.inTheSheet, ImportText.matches, ImportText.count, ImportText.decision].enumerated().map {
                    .element("th", ["scope": "col"], [.text($0.offset == 3 ? t(WebText.matchProbability) : t($0.element))])
                })]),
                .element("tbody", [:], rows),
            ]),
        ]
    }
}
