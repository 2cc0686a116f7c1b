import Foundation

/// What names a record in a link or a heading, as far as the reader may see it: an incident's
/// title and date, a person's name with the birth year and place of origin that tell namesakes
/// apart, a party and the day a request was sent. Never an id: "사건 01e879d3" tells an officer
/// nothing. Protected values are left out for a reader who sees them redacted (a date then to
/// the year only), and the page says what kind of record it is instead.
public struct RecordLabel: Sendable, Equatable {
    public var kind: RecordKind
    /// A title or name; nil when the record has none, or the reader may not see it.
    public var name: String?
    /// The date that places it (an incident's start, a request's receipt, an intervention's
    /// sending, a person's birth year).
    public var date: FuzzyDate?
    /// The gazetteer code of its place (a person's place of origin).
    public var placeCode: String?

    public init(kind: RecordKind, name: String? = nil, date: FuzzyDate? = nil, placeCode: String? = nil) {
        self.kind = kind
        self.name = name
        self.date = date
        self.placeCode = placeCode
    }

    /// The label of a record for a reader who sees protected fields, or not.
    public static func of(_ record: any Record, seesProtected: Bool) -> RecordLabel {
        let kind = type(of: record).kind
        func visible(_ field: String, _ value: String?) -> String? {
            seesProtected || !type(of: record).protectedFields.contains(field) ? value.flatMap { $0.isEmpty ? nil : $0 } : nil
        }
        func day(_ field: String, _ value: FuzzyDate?) -> FuzzyDate? {
            guard let value else { return nil }
            return seesProtected || !type(of: record).protectedFields.contains(field) ? value : try? FuzzyDate(year: value.year)
        }
        switch record {
        case let event as Event:
            return RecordLabel(kind: kind, name: visible("title", event.title), date: day("startDate", event.startDate), placeCode: event.placeCode)
        case let person as Person:
            // The year alone: enough to tell namesakes apart, never the full birth date in a link.
            return RecordLabel(kind: kind, name: visible("names", person.names.first?.value),
                               date: seesProtected ? person.birthDate.flatMap { try? FuzzyDate(year: $0.year) } : nil,
                               placeCode: seesProtected ? person.originPlaceCode : nil)
        case let organisation as Organisation:
            return RecordLabel(kind: kind, name: visible("name", organisation.name), placeCode: organisation.placeCode)
        case let source as Source:
            return RecordLabel(kind: kind, name: visible("name", source.name))
        case let request as RescueRequest:
            return RecordLabel(kind: kind, date: day("timeline", request.timeline.first?.date), placeCode: request.placeCode)
        case let intervention as Intervention:
            return RecordLabel(kind: kind, name: visible("partyName", intervention.partyName), date: day("dateSent", intervention.dateSent))
        case let act as Act:
            return RecordLabel(kind: kind, name: nil, date: day("date", act.date), placeCode: act.placeCode)
        default:
            return RecordLabel(kind: kind)
        }
    }
}
