import HavenCore

/// The query parameters several operations share, described once.
extension QueryParameter {
    /// A date filter's form.
    static let datePattern = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

    /// The filters of a record list and of search (``QueryParameters/recordQuery(_:)``).
    static let recordFilters: [QueryParameter] = [
        .init("q", "substring of a name, title or narrative (Hangul or Latin, 2+ characters use the index)", schema: .string()),
        .init("kind", "comma-separated record kinds (search only)"),
        .init("status", "status code"),
        .init("place", "place code; a province finds its cities"),
        .init("from", "YYYY, YYYY-MM or YYYY-MM-DD", schema: .string(pattern: datePattern)),
        .init("to", "YYYY, YYYY-MM or YYYY-MM-DD", schema: .string(pattern: datePattern)),
        .init("parent", "id of the record these belong to", schema: .string(format: "uuid")),
        .init("type", "type code within the kind"),
        .init("offset", "results to skip", schema: .integer),
        .init("limit", "1–500, default 50", schema: .integer),
    ]

    /// The same filters as the body of `POST /api/search`, so that the text never appears in a URL.
    static var recordFilterBody: Schema {
        .object(properties: Dictionary(uniqueKeysWithValues: recordFilters.map { ($0.name, $0.schema) }), required: [])
    }

    /// The access log's filters.
    static let audit: [QueryParameter] = [
        .init("record", "a record id (a person's included): its writes, reads, and lists or searches that returned it", schema: .string(format: "uuid")),
        .init("actor", "a user name, or an identity id such as local-operator"),
        .init("action", "an action or prefix: login, record, read, export, account, audit"),
        .init("since", "a date (2024-08-21) or an instant"),
        .init("until", "a date (inclusive) or an instant (exclusive)"),
        .init("offset", "entries to skip", schema: .integer),
        .init("limit", "1–500, default 100", schema: .integer),
    ]

    /// A party's dossier.
    static let partyDossier: [QueryParameter] = [
        .init("name", "the party, as written on its interventions", required: true),
        .init("from", "YYYY, YYYY-MM or YYYY-MM-DD", schema: .string(pattern: datePattern)),
        .init("to", "YYYY, YYYY-MM or YYYY-MM-DD", schema: .string(pattern: datePattern)),
    ]

    /// The statistics report's years.
    static let statistics: [QueryParameter] = [
        .init("from", "first year, YYYY", schema: .string(pattern: "^[0-9]{4}$")),
        .init("to", "last year, YYYY", schema: .string(pattern: "^[0-9]{4}$")),
    ]

    /// The trends report's filters.
    static let trends: [QueryParameter] = [
        .init("type", "an act type code", schema: .string(values: ActType.codes)),
        .init("region", "a province code such as CN-JL"),
        .init("from", "first month, YYYY-MM", schema: .string(pattern: "^[0-9]{4}-[0-9]{2}$")),
        .init("to", "last month, YYYY-MM", schema: .string(pattern: "^[0-9]{4}-[0-9]{2}$")),
    ]
}
