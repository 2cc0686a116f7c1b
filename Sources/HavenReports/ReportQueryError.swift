public import HavenCore

/// A report's query that cannot be run as asked: the field at fault and why, in English (the
/// server answers it as a 400 naming the field; the command line prints it).
public struct ReportQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The query's field at fault (`from`, `type` …).
    public let field: String
    /// What is wrong with it.
    public let message: String

    /// Creates the error.
    public init(_ message: String, field: String) {
        self.message = message
        self.field = field
    }

    public var description: String { message }

    /// The same as a field problem.
    public var problem: FieldProblem { FieldProblem(field: field, message: message) }
}
