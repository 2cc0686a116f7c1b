import Foundation

/// Age groups of documented persons.
public enum AgeGroup: String, Vocabulary {
    case child
    case adult
    case older
    case unknown

    public static let vocabularyName = "ageGroup"

    public var label: LocalizedLabel {
        switch self {
        case .child: LocalizedLabel(en: "Under 18", ko: "18세 미만")
        case .adult: LocalizedLabel(en: "18–59", ko: "18–59세")
        case .older: LocalizedLabel(en: "60 and over", ko: "60세 이상")
        case .unknown: LocalizedLabel(en: "Age unknown", ko: "나이 모름")
        }
    }

    /// The group of an age in years.
    public static func of(age: Int) -> AgeGroup { age < 18 ? .child : age < 60 ? .adult : .older }
}

/// Documented persons affected by acts: each named victim once per act, and the members of
/// each victim group (its women, men and children where counted, the rest of unknown sex and age).
public struct PersonsAffected: Sendable, Equatable {
    /// People of one sex and age group struck by one type of act in one year.
    public struct Entry: Sendable, Equatable {
        public var actType: ActType
        public var year: Int?
        public var sex: Sex
        public var age: AgeGroup
        public var count: Int
    }

    public var entries: [Entry]

    /// The entries of acts with their named victims and groups.
    public static func count(acts: [Act], persons: [UUID: Person], groups: [UUID: VictimGroup]) -> PersonsAffected {
        var entries: [Entry] = []
        let people = PeopleCount(acts)
        for act in acts {
            let year = act.date?.year
            if let id = act.victimID, let person = persons[id] {
                // A named victim counted in a group struck the same way is one of its members.
                guard people.countsApart(act) else { continue }
                entries.append(Entry(actType: act.actType, year: year, sex: person.sex, age: ageGroup(person, at: act.date), count: 1))
            } else if let id = act.victimGroupID, let group = groups[id] {
                let women = group.women ?? 0, men = group.men ?? 0, children = group.children ?? 0
                let rest = max(group.size - women - men - children, 0)
                for (sex, age, count) in [(Sex.female, AgeGroup.unknown, women), (.male, .unknown, men), (.unknown, .child, children), (.unknown, .unknown, rest)]
                where count > 0 {
                    entries.append(Entry(actType: act.actType, year: year, sex: sex, age: age, count: count))
                }
            }
        }
        return PersonsAffected(entries: entries)
    }

    /// A person's age group when the act happened: from the birth date, or the middle of the
    /// age range given.
    static func ageGroup(_ person: Person, at date: FuzzyDate?) -> AgeGroup {
        if let range = person.ageRange { return .of(age: (range.minimum + range.maximum) / 2) }
        if let birth = person.birthDate, let year = date?.year { return .of(age: year - birth.year) }
        return .unknown
    }

    /// People per act type and a column key (sex, age group or year).
    public func table<Column: Hashable>(_ column: (Entry) -> Column) -> [ActType: [Column: Int]] {
        var table: [ActType: [Column: Int]] = [:]
        for entry in entries { table[entry.actType, default: [:]][column(entry), default: 0] += entry.count }
        return table
    }
}
