import Foundation
import HavenCore

/// A person's own fields: every name with its spelling system, sex, birth date or age, where
/// they come from, contact details and notes. A name is removed by emptying it; one empty row
/// takes a new name. Family links and a merge's `sameAs` are kept as stored.
enum PersonFields: FieldsForm {
    typealias R = Person
    static let editTitle = WebText.editPerson
    static let single = ["sex", "birthDate", "age", "originPlaceCode", "phone", "address", "notes", "rows.names"]

    static func isField(_ name: String) -> Bool { single.contains(name) || name.hasPrefix("names[") }

    static func values(of person: Person) -> [String: String] {
        var values = ["sex": person.sex.code, "rows.names": String(person.names.count + 1)]
        for (i, name) in person.names.enumerated() {
            values["names[\(i)].value"] = name.value
            values["names[\(i)].system"] = name.system.code
        }
        values["birthDate"] = person.birthDate?.description
        values["age"] = person.ageRange.map { $0.minimum == $0.maximum ? "\($0.minimum)" : "\($0.minimum)-\($0.maximum)" }
        values["originPlaceCode"] = FormControls.placeValue(person.originPlaceCode)
        values["phone"] = person.phone
        values["address"] = person.address
        values["notes"] = person.notes
        return values
    }

    /// How many name rows the form shows: what it showed last time (at most the list limit).
    static func nameRows(_ values: [String: String]) -> Int {
        min(max(values["rows.names"].flatMap(Int.init) ?? 1, 1), Limits.listEntries)
    }

    static func controls(_ controls: FormControls, _ language: Language, choices: FieldChoices, creating: Bool) -> [HTML] {
        var fields: [HTML] = []
        for i in 0..<nameRows(controls.values) {
            fields.append(.element("fieldset", ["class": "row"], [
                .element("legend", [:], [.text("\(language(WebText.names)) \(i + 1)")]),
                controls.input("names[\(i)].value", WebText.victimName, hint: i == 0 ? WebText.nameRemoveHint : nil),
                controls.select("names[\(i)].system", WebText.nameSystem, NameSystem.self, default: NameSystem.unknown.code),
            ]))
        }
        fields.append(.element("input", ["type": "hidden", "name": "rows.names", "value": String(nameRows(controls.values))]))
        return fields + [
            controls.select("sex", WebText.sex, Sex.self, default: Sex.unknown.code),
            controls.input("birthDate", WebText.birthDate, hint: WebText.dateHint, [("inputmode", "numeric")]),
            controls.input("age", WebText.age, hint: WebText.ageHint, [("inputmode", "numeric")]),
            controls.input("originPlaceCode", WebText.origin, hint: WebText.placeHint, [("list", "places"), ("autocomplete", "off")]),
            FormControls.placeList(),
            controls.input("phone", WebText.phone, [("autocomplete", "off")]),
            controls.textarea("address", WebText.address, rows: 2),
            controls.textarea("notes", WebText.notes, rows: 6),
        ]
    }

    static func apply(_ reader: inout FormReader, to stored: Person, choices: FieldChoices) -> Person {
        var person = stored
        var names: [PersonName] = []
        for i in 0..<nameRows(reader.values) {
            guard let value = reader.text("names[\(i)].value") else { continue }
            let system = reader.code("names[\(i)].system", NameSystem.self) ?? .unknown
            // A name kept as it was keeps its script as recorded; a new or changed one is read from its letters.
            let script = stored.names.first { $0.value == value }?.script ?? NameScript.of(value)
            names.append(PersonName(value, script: script, system: system))
        }
        person.names = names
        person.sex = reader.code("sex", Sex.self) ?? .unknown
        person.birthDate = reader.date("birthDate")
        person.ageRange = reader.age("age")
        person.originPlaceCode = reader.place("originPlaceCode")
        person.phone = reader.text("phone")
        person.address = reader.text("address")
        person.notes = reader.text("notes")
        return person
    }
}
