import Foundation
import HavenCore

/// A victim group's count and make-up ("13 women and 2 children"); its incident is kept.
enum VictimGroupFields: FieldsForm {
    typealias R = VictimGroup
    static let editTitle = WebText.editGroup
    static let fields = ["size", "women", "men", "children", "description"]

    static func isField(_ name: String) -> Bool { fields.contains(name) }

    static func values(of group: VictimGroup) -> [String: String] {
        var values = ["size": String(group.size)]
        values["women"] = group.women.map(String.init)
        values["men"] = group.men.map(String.init)
        values["children"] = group.children.map(String.init)
        values["description"] = group.description
        return values
    }

    static func controls(_ controls: FormControls, _ language: Language, choices: FieldChoices, creating: Bool) -> [HTML] {
        [
            controls.input("size", WebText.groupSize, [("inputmode", "numeric"), ("required", "")]),
            controls.input("women", WebText.women, [("inputmode", "numeric")]),
            controls.input("men", WebText.men, [("inputmode", "numeric")]),
            controls.input("children", WebText.children, [("inputmode", "numeric")]),
            controls.textarea("description", WebText.description, rows: 3),
        ]
    }

    static func apply(_ reader: inout FormReader, to stored: VictimGroup, choices: FieldChoices) -> VictimGroup {
        var group = stored
        group.women = reader.integer("women")
        group.men = reader.integer("men")
        group.children = reader.integer("children")
        // A group given only by its parts is as large as they are together.
        group.size = reader.integer("size") ?? WholeNumber.sum([group.women, group.men, group.children].compactMap { $0 }) ?? 0
        group.description = reader.text("description")
        return group
    }
}
