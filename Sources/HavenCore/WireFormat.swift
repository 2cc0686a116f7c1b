public import Foundation

extension UUID {
    /// The id as Haven writes it everywhere it leaves memory (URLs, JSON, the database, the
    /// audit log): lowercase, so that one id is always one string.
    public var wire: String { uuidString.lowercased() }
}
