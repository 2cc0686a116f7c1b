public import Foundation
public import HavenCore
public import HavenStore

/// Person records merged as the same person, read as one: a merged record (`sameAs`) stands for
/// its main record, and the main record gathers what points to any of them. Resolved when read,
/// never by rewriting what points to a merged record, so that an un-merge restores both at once.
public enum MergedRecords {
    /// The main record of a person: the record it was merged into, or itself.
    public static func main(of id: UUID, repository: any Repository, actor: ActingIdentity) async throws -> UUID {
        try await repository.find(Person.self, id, by: actor)?.sameAs ?? id
    }

    /// The person records merged into `main`, within reach (merges never chain, so one step).
    public static func merged(into main: UUID, repository: any Repository, actor: ActingIdentity) async throws -> [UUID] {
        try await repository.referencing(main, by: actor).compactMap { stored in
            (stored.record as? Person).flatMap { $0.sameAs == main ? $0.id : nil }
        }
    }

    /// `main` and every record merged into it.
    public static func all(_ main: UUID, repository: any Repository, actor: ActingIdentity) async throws -> [UUID] {
        [main] + (try await merged(into: main, repository: repository, actor: actor))
    }
}
