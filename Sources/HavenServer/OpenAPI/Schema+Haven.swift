import HavenCore
import HavenStore

/// A fuzzy date is written as text of one of three precisions, `~` first when approximate.
extension FuzzyDate: SchemaPlaceholder {
    static var placeholder: FuzzyDate { FuzzyDate.epoch }
    static var schema: Schema { .string(pattern: "^~?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$") }
    // A year with neither month nor day is always valid.
    private static let epoch = try! FuzzyDate(year: 2000)
}

/// Any JSON at all.
extension JSONValue: SchemaPlaceholder {
    static var placeholder: JSONValue { .null }
    static var schema: Schema { .any }
}

/// Where an export request stands, as its code.
extension ExportRequestStatus: SchemaPlaceholder {
    static var placeholder: ExportRequestStatus { .pending }
    static var schema: Schema { .string(values: [pending, approved, rejected, completed].map(\.rawValue)) }
}
