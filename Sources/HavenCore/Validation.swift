import Foundation

/// One thing wrong with one field of a record.
public struct FieldProblem: Sendable, Hashable, Codable {
    /// The JSON path of the field, e.g. `names[0].value`.
    public let field: String
    /// What is wrong, in English. Never contains the field's value when the field is protected.
    public let message: String

    /// Creates a problem report.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// A record that failed validation.
public struct ValidationError: Error, Sendable, Equatable {
    /// Every problem found, not just the first.
    public let problems: [FieldProblem]

    /// Creates an error from its problems.
    public init(problems: [FieldProblem]) {
        self.problems = problems
    }
}

/// What validation may consult beyond the record itself.
public struct ValidationContext: Sendable {
    /// Answers whether a place code is known (gazetteer or custom place).
    public var isKnownPlace: @Sendable (String) -> Bool

    /// Hex SHA-256 of bytes, supplied by the layer that has cryptography; attachments are
    /// checked against it and take it at intake.
    public var sha256Hex: (@Sendable (Data) -> String)?

    /// Today in UTC (`YYYY-MM-DD`) by the store's clock, for what a record's state depends on
    /// (an intervention past its deadline without an answer); nil where no store writes.
    public var today: String?

    /// A context that knows the shipped gazetteer's places.
    public init(
        isKnownPlace: @escaping @Sendable (String) -> Bool = { Gazetteer.shared.place(code: $0) != nil },
        sha256Hex: (@Sendable (Data) -> String)? = nil,
        today: String? = nil
    ) {
        self.isKnownPlace = isKnownPlace
        self.sha256Hex = sha256Hex
        self.today = today
    }
}

/// Field limits shared by every record type.
public enum Limits {
    /// A short text such as a name or title.
    public static let shortText = 500
    /// A narrative such as an event description.
    public static let longText = 100_000
    /// An attachment's content.
    public static let attachmentBytes = 10 * 1024 * 1024
    /// The most entries a list field (names, timeline …) may hold.
    public static let listEntries = 200
    /// The largest fee amount, in any currency's main unit: a thousand billion, far above any
    /// fee quoted for a rescue (tens of millions of won), and far below where a `Double` stops
    /// holding whole numbers exactly.
    public static let feeAmount: Double = 1_000_000_000_000
}

/// Collects field problems with the checks every record needs.
struct ProblemCollector {
    private(set) var problems: [FieldProblem] = []

    mutating func add(_ field: String, _ message: String) {
        problems.append(FieldProblem(field: field, message: message))
    }

    mutating func text(_ value: String?, _ field: String, max: Int = Limits.shortText, required: Bool = false) {
        guard let value else {
            if required { add(field, "is required") }
            return
        }
        if required && value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add(field, "must not be empty") }
        if value.count > max { add(field, "is longer than \(max) characters") }
        if value.unicodeScalars.contains(where: { $0.value == 0 }) { add(field, "must not contain NUL characters") }
    }

    mutating func place(_ code: String?, _ field: String, _ context: ValidationContext) {
        guard let code else { return }
        if !context.isKnownPlace(code) { add(field, "unknown place code '\(code.prefix(40))'") }
    }

    mutating func count(_ value: Int?, _ field: String, max: Int = 100_000) {
        guard let value else { return }
        if value < 0 || value > max { add(field, "must be between 0 and \(max)") }
    }

    mutating func list(_ count: Int, _ field: String, max: Int = Limits.listEntries) {
        if count > max { add(field, "has more than \(max) entries") }
    }

    mutating func order(_ from: FuzzyDate?, _ to: FuzzyDate?, _ field: String) {
        if let from, let to, to.latest < from.earliest { add(field, "ends before it starts") }
    }
}
