public import Foundation
public import HavenCore
public import HavenStore

extension Repository {
    /// A record that may be missing, of another kind or out of the reader's reach: nil then.
    /// A read that finds it is audited like any other.
    public func find<R: Record>(_ type: R.Type, _ id: UUID?, by actor: ActingIdentity) async throws -> R? {
        guard let id else { return nil }
        do { return try await get(type, id: id, by: actor).record } catch StoreError.notFound { return nil }
    }
}

extension Repository {
    /// Every record the query matches within reach, however many (``Repository/everything(_:by:)``), as records.
    public func allRecords(_ query: RecordQuery, by actor: ActingIdentity) async throws -> [any Record] {
        try await everything(query, by: actor).map(\.record)
    }
}
