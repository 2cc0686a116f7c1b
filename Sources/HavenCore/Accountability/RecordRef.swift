import Foundation

/// A record behind an indicator or a flag, so that every claim leads to its records.
public struct RecordRef: Sendable, Hashable, Codable {
    /// The record's kind.
    public var kind: RecordKind
    /// The record's id.
    public var id: UUID

    /// A reference to the record of this kind and id.
    public init(_ kind: RecordKind, _ id: UUID) {
        self.kind = kind
        self.id = id
    }
}
