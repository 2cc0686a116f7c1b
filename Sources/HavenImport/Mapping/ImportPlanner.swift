import Foundation
import HavenCore

/// Turns a sheet's rows into records by a mapping, without writing anything: the dry run. Each
/// row is read field by field (``ValueReader``), then validated as the record (or, for an
/// incident, as the intake form's whole incident) it becomes, so that the import refuses
/// exactly what the forms and the API refuse.
public enum ImportPlanner {
    /// The plan for `mapping` over `sheets`, records going to `compartment` (the mapping's own
    /// when it names one the caller has chosen to allow).
    public static func plan(_ sheets: [Sheet], mapping: ImportMapping, compartment: String,
                            context: ValidationContext = .init()) throws(ImportMappingError) -> ImportPlan {
        let sheet = try choose(sheets, mapping.sheet)
        guard let headerRow = mapping.headerRow ?? sheet.likelyHeaderRow else {
            throw ImportMappingError(en: "sheet \(sheet.name) is empty", ko: "\(sheet.name) 시트가 비어 있습니다")
        }
        guard sheet.rows.contains(where: { $0.number == headerRow }) else {
            throw ImportMappingError(en: "sheet \(sheet.name) has no row \(headerRow) to read the column names from",
                                     ko: "\(sheet.name) 시트에 열 이름을 읽을 \(headerRow)행이 없습니다")
        }
        let names = sheet.columnNames(headerRow: headerRow)
        var columnOf: [ImportField: Int] = [:]
        for (column, field) in mapping.columns.sorted(by: { $0.key < $1.key }) {
            guard let index = names.firstIndex(of: column) else {
                throw ImportMappingError(en: "the mapping names column \(column.prefix(60)), which sheet \(sheet.name) does not have; it has: \(names.joined(separator: ", ").prefix(300))",
                                         ko: "매핑에 있는 \(column.prefix(60)) 열이 \(sheet.name) 시트에 없습니다")
            }
            guard field.kinds.contains(mapping.kind) else {
                throw ImportMappingError(en: "field \(field.rawValue) is not a field of \(mapping.kind.rawValue) rows",
                                         ko: "\(field.label.ko) 필드는 \(mapping.kind.label.ko) 행의 필드가 아닙니다")
            }
            guard columnOf[field] == nil else {
                throw ImportMappingError(en: "two columns feed field \(field.rawValue)", ko: "두 열이 \(field.label.ko) 필드에 연결되어 있습니다")
            }
            columnOf[field] = index
        }
        var reader = RowReader(columnOf: columnOf, names: names, values: mapping.values)
        var repeats = try RepeatRows(mapping.repeatGroup, in: sheets, values: mapping.values, kind: mapping.kind)
        let parentColumn = try mapping.repeatGroup.map { group throws(ImportMappingError) in
            guard let index = names.firstIndex(of: group.parentKey) else {
                throw ImportMappingError(en: "sheet \(sheet.name) has no column \(group.parentKey.prefix(60)) for the repeat group's rows to name",
                                         ko: "\(sheet.name) 시트에 반복 그룹이 가리킬 \(group.parentKey.prefix(60)) 열이 없습니다")
            }
            return index
        }
        var records: [any Record] = []
        var rowOf: [UUID: Int] = [:]
        var rows = 0
        for row in sheet.dataRows(afterHeaderRow: headerRow) {
            rows += 1
            reader.row = row
            let made: [any Record]
            switch mapping.kind {
            case .person: made = reader.person(compartment: compartment, context: context)
            case .incident:
                let key = parentColumn.map { row.cells[$0].text.trimmingWhitespace }
                made = reader.incident(compartment: compartment, context: context, moreVictims: key.map { repeats.victims(of: $0) } ?? [])
            case .rescueRequest: made = reader.rescueRequest(compartment: compartment, context: context)
            case .intervention: made = reader.intervention(compartment: compartment, context: context)
            }
            records += made
            for record in made { rowOf[record.id] = row.number }
        }
        reader.problems += repeats.reader.problems
        for (key, found) in repeats.reader.unmatched {
            let merged = reader.unmatched[key].map { ($0.count + found.count, Array(($0.rows + found.rows).prefix(5))) } ?? found
            reader.unmatched[key] = merged
        }
        let order = Dictionary(uniqueKeysWithValues: ImportField.allCases.enumerated().map { ($1, $0) })
        var unmatched: [ImportPlan.Unmatched] = []
        for (key, found) in reader.unmatched {
            unmatched.append(ImportPlan.Unmatched(field: key.field, column: names[columnOf[key.field] ?? 0], value: key.value, count: found.count,
                                                  rows: Array(found.rows.prefix(5))))
        }
        // Most frequent first, then by field, then by word.
        unmatched.sort { a, b in
            if a.count != b.count { return a.count > b.count }
            if a.field != b.field { return order[a.field, default: 0] < order[b.field, default: 0] }
            return a.value < b.value
        }
        return ImportPlan(kind: mapping.kind, sheet: sheet.name, headerRow: headerRow, rows: rows, records: records, rowOf: rowOf,
                          problems: reader.problems, unmatched: unmatched)
    }

    private static func choose(_ sheets: [Sheet], _ name: String?) throws(ImportMappingError) -> Sheet {
        guard let name else {
            guard let first = sheets.first else { throw ImportMappingError(en: "the file has no sheet", ko: "파일에 시트가 없습니다") }
            return first
        }
        guard let sheet = sheets.first(where: { $0.name == name }) else {
            throw ImportMappingError(en: "the file has no sheet \(name.prefix(60)); it has: \(sheets.map(\.name).joined(separator: ", "))",
                                     ko: "파일에 \(name.prefix(60)) 시트가 없습니다")
        }
        return sheet
    }
}

/// Reads the fields of one row at a time, keeping every problem and unmatched word.
struct RowReader {
    struct Key: Hashable {
        var field: ImportField
        var value: String
    }

    let columnOf: [ImportField: Int]
    let names: [String]
    let values: [ImportField: [String: String]]
    var row = Sheet.Row(number: 0, cells: [])
    var problems: [ImportPlan.Problem] = []
    var unmatched: [Key: (count: Int, rows: [Int])] = [:]
    /// The perpetrators, brokers and organisations already planned, by kind and name: a sheet
    /// names one broker or one state agency in many rows, and its rows gather under one record
    /// (a person's name, by contrast, may be a namesake's, and is left to duplicate detection).
    var named: [NamedKey: RecordRef] = [:]

    struct NamedKey: Hashable {
        var isOrganisation: Bool
        var name: String

        init(_ isOrganisation: Bool, _ name: String) {
            self.isOrganisation = isOrganisation
            self.name = name.lowercased().filter { !$0.isWhitespace }
        }
    }

    init(columnOf: [ImportField: Int], names: [String], values: [ImportField: [String: String]]) {
        self.columnOf = columnOf
        self.names = names
        self.values = values
    }

    func cell(_ field: ImportField) -> CellValue {
        guard let index = columnOf[field], index < row.cells.count else { return .empty }
        return row.cells[index]
    }

    func column(_ field: ImportField) -> String { columnOf[field].map { names[$0] } ?? field.label.ko }

    mutating func take<V>(_ field: ImportField, _ reading: ValueReader.Reading<V>) -> V? {
        switch reading {
        case .value(let value): return value
        case .none: return nil
        case .unmatched(let word):
            let key = Key(field: field, value: word)
            var found = unmatched[key] ?? (0, [])
            found.count += 1
            if found.rows.count < 5 { found.rows.append(row.number) }
            unmatched[key] = found
            return nil
        case .invalid(let message):
            problems.append(.init(row: row.number, column: column(field), message: message))
            return nil
        }
    }

    mutating func text(_ field: ImportField) -> String? {
        let text = cell(field).text.trimmingWhitespace
        return text.isEmpty ? nil : text
    }

    mutating func term<V: Vocabulary>(_ field: ImportField, _ type: V.Type, extra: [String: V] = [:]) -> V? {
        take(field, ValueReader.term(cell(field), type, mapped: values[field] ?? [:], extra: extra))
    }

    /// The record's own validation, each problem placed on the column that fed the field.
    mutating func report(_ found: [FieldProblem], fields: [String: ImportField]) {
        for problem in found where problem.field != "compartment" && problem.field != "id" {
            let top = String(problem.field.split(separator: ".").first ?? "").split(separator: "[").first.map(String.init) ?? problem.field
            let field = fields[problem.field] ?? fields[top]
            problems.append(.init(row: row.number, column: field.map(column) ?? problem.field,
                                  message: LocalizedLabel(en: "\(problem.field) \(problem.message)",
                                                          ko: "\(problem.field): \(ProblemText.korean(problem.message) ?? problem.message)")))
        }
    }

    mutating func person(compartment: String, context: ValidationContext) -> [any Record] {
        let problemsBefore = problems.count
        var names: [PersonName] = []
        for field in [ImportField.name, .otherName] {
            if let name = text(field) { names.append(PersonName(name, script: NameScript.of(name), system: .unknown)) }
        }
        let person = Person(compartment: compartment, names: names, sex: term(.sex, Sex.self, extra: ValueReader.sexWords) ?? .unknown,
                            birthDate: take(.birthDate, ValueReader.date(cell(.birthDate), quote: !ImportField.birthDate.isProtected)), ageRange: take(.age, ValueReader.age(cell(.age), quote: !ImportField.age.isProtected)),
                            originPlaceCode: take(.originPlace, ValueReader.place(cell(.originPlace), mapped: values[.originPlace] ?? [:])),
                            phone: text(.phone), address: text(.address), notes: text(.notes))
        if names.isEmpty { problems.append(.init(row: row.number, column: column(.name), message: LocalizedLabel(en: "a person needs a name", ko: "인물에는 이름이 필요합니다"))) }
        report(person.problems(in: context), fields: ["names": .name, "sex": .sex, "birthDate": .birthDate, "ageRange": .age,
                                                      "originPlaceCode": .originPlace, "phone": .phone, "address": .address, "notes": .notes])
        return problems.count == problemsBefore ? [person] : []
    }

    /// A repeat group's row as a named victim; nil when it names nobody.
    mutating func victim() -> IncidentIntake.NamedVictim? {
        guard let name = text(.victimName) else { return nil }
        return .init(name: name, otherName: text(.victimOtherName), sex: term(.victimSex, Sex.self, extra: ValueReader.sexWords) ?? .unknown,
                     age: take(.victimAge, ValueReader.age(cell(.victimAge), quote: !ImportField.victimAge.isProtected)),
                     status: term(.victimStatus, VictimStatus.self) ?? .unknown)
    }

    mutating func incident(compartment: String, context: ValidationContext, moreVictims: [IncidentIntake.NamedVictim] = []) -> [any Record] {
        let problemsBefore = problems.count
        let actType = term(.actType, ActType.self)
        let date = take(.date, ValueReader.date(cell(.date), quote: !ImportField.date.isProtected))
        let place = take(.place, ValueReader.place(cell(.place), mapped: values[.place] ?? [:]))
        let title = text(.title) ?? [actType?.label.ko, date?.description, place.flatMap { Gazetteer.shared.place(code: $0)?.nameHangul }]
            .compactMap { $0 }.joined(separator: " ")
        let event = Event(compartment: compartment, title: title.isEmpty ? "가져온 사건 (\(row.number)행)" : title, description: text(.description),
                          startDate: date, placeCode: place, placeDetail: text(.placeDetail))
        var victims: [IncidentIntake.NamedVictim] = []
        var groups: [IncidentIntake.CountedVictims] = []
        let status = term(.victimStatus, VictimStatus.self) ?? .unknown
        let size = take(.groupSize, ValueReader.whole(cell(.groupSize), in: 0...1_000_000))
        if let name = text(.victimName) {
            victims.append(.init(name: name, otherName: text(.victimOtherName), sex: term(.victimSex, Sex.self, extra: ValueReader.sexWords) ?? .unknown,
                                 age: take(.victimAge, ValueReader.age(cell(.victimAge), quote: !ImportField.victimAge.isProtected)), status: status))
            if let size, size > 1 { groups.append(.init(size: size - 1, status: status)) }
        } else if let size, size > 0 {
            groups.append(.init(size: size, status: status))
        }
        victims += moreVictims
        var actors: [IncidentIntake.IncidentActor] = []
        var perpetratorKey: NamedKey?
        if let perpetrator = text(.perpetrator) {
            let kind = term(.perpetratorKind, OrganisationKind.self)
            let key = NamedKey(kind != nil, perpetrator)
            actors.append(.init(name: perpetrator, organisationKind: kind, role: .perpetrator, existing: named[key]))
            if named[key] == nil { perpetratorKey = key }
        }
        var sources: [IncidentIntake.IncidentSource] = []
        if let source = text(.sourceName) {
            if let kind = term(.sourceKind, SourceKind.self) {
                sources.append(.init(name: source, kind: kind, reliability: term(.reliability, Reliability.self) ?? .f,
                                     credibility: term(.credibility, Credibility.self) ?? .cannotBeJudged))
            } else if cell(.sourceKind).isEmpty {
                problems.append(.init(row: row.number, column: column(.sourceKind), message: LocalizedLabel(
                    en: "a source needs its kind (\(SourceKind.codes.joined(separator: ", ")))", ko: "출처에는 유형이 필요합니다 (\(SourceKind.codes.joined(separator: ", ")))")))
            }
        }
        let intake = IncidentIntake(event: event, actType: actType, victims: victims, groups: groups, actors: actors, sources: sources)
        guard problems.count == problemsBefore else { return [] }
        switch intake.records(compartment: compartment, context: context) {
        case .success(let records):
            if let perpetratorKey, let made = records.lazy.compactMap({ $0 as? Involvement }).first(where: { $0.role == .perpetrator }) {
                named[perpetratorKey] = made.organisationID.map { RecordRef(.organisation, $0) } ?? made.personID.map { RecordRef(.person, $0) }
            }
            return records
        case .failure(let invalid):
            report(invalid.problems, fields: ["title": .title, "startDate": .date, "placeCode": .place, "description": .description, "actType": .actType,
                                              "victims": .victimName, "groups": .groupSize, "actors": .perpetrator, "sources": .sourceName])
            return []
        }
    }
}

/// A repeat group's rows, read as victims and grouped by the parent row they name.
struct RepeatRows {
    var reader: RowReader
    private var byParent: [String: [Sheet.Row]] = [:]

    init(_ group: ImportMapping.RepeatGroup?, in sheets: [Sheet], values: [ImportField: [String: String]], kind: ImportKind) throws(ImportMappingError) {
        reader = RowReader(columnOf: [:], names: [], values: values)
        guard let group else { return }
        guard kind == .incident else {
            throw ImportMappingError(en: "a repeat group adds victims to incidents; this mapping's rows are \(kind.rawValue)",
                                     ko: "반복 그룹은 사건에 피해자를 더합니다. 이 매핑의 행은 \(kind.label.ko)입니다")
        }
        guard let sheet = sheets.first(where: { $0.name == group.sheet }), let header = sheet.likelyHeaderRow else {
            throw ImportMappingError(en: "the file has no sheet \(group.sheet.prefix(60)) for the repeat group", ko: "파일에 반복 그룹 시트 \(group.sheet.prefix(60))이(가) 없습니다")
        }
        let names = sheet.columnNames(headerRow: header)
        var columnOf: [ImportField: Int] = [:]
        for (column, field) in group.columns {
            guard [.victimName, .victimOtherName, .victimSex, .victimAge, .victimStatus].contains(field) else {
                throw ImportMappingError(en: "a repeat group's column feeds a victim's name, other name, sex, age or situation, not \(field.rawValue)",
                                         ko: "반복 그룹의 열은 피해자의 이름, 다른 이름, 성별, 나이, 이후 상황에만 연결됩니다")
            }
            guard let index = names.firstIndex(of: column) else {
                throw ImportMappingError(en: "sheet \(sheet.name) has no column \(column.prefix(60))", ko: "\(sheet.name) 시트에 \(column.prefix(60)) 열이 없습니다")
            }
            columnOf[field] = index
        }
        guard let parent = names.firstIndex(of: group.parentColumn) else {
            throw ImportMappingError(en: "sheet \(sheet.name) has no column \(group.parentColumn.prefix(60)) naming each row's parent",
                                     ko: "\(sheet.name) 시트에 상위 행을 가리키는 \(group.parentColumn.prefix(60)) 열이 없습니다")
        }
        reader = RowReader(columnOf: columnOf, names: names.map { "\(sheet.name): \($0)" }, values: values)
        for row in sheet.dataRows(afterHeaderRow: header) {
            byParent[row.cells[parent].text.trimmingWhitespace, default: []].append(row)
        }
    }

    /// The victims of the parent row numbered `key`.
    mutating func victims(of key: String) -> [IncidentIntake.NamedVictim] {
        guard !key.isEmpty, let rows = byParent[key] else { return [] }
        return rows.compactMap { row in
            reader.row = row
            return reader.victim()
        }
    }
}
