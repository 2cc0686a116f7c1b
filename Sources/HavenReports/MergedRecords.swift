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

    /// What points to `main` or to any record merged into it, each referrer once, with the ids
    /// of `main` and those records (for telling which of them a referrer names).
    public static func referrers(of main: UUID, repository: any Repository,
                                 actor: ActingIdentity) async throws -> (ids: Set<UUID>, referrers: [AnyStored]) {
        try await referrers(of: main) { try await repository.referencing($0, by: actor) }
    }

    /// The main record of a person, read inside a report.
    public static func main(of id: UUID, reading: ReportReading) async throws -> UUID {
        try await reading.record(Person.self, id)?.sameAs ?? id
    }

    /// What points to `main` or to any record merged into it, read inside a report.
    public static func referrers(of main: UUID, reading: ReportReading) async throws -> (ids: Set<UUID>, referrers: [AnyStored]) {
        try await referrers(of: main) { try await reading.referencing($0) }
    }

    private static func referrers(of main: UUID, referencing: (UUID) async throws -> [AnyStored]) async throws -> (ids: Set<UUID>, referrers: [AnyStored]) {
        let direct = try await referencing(main)
        let merged = direct.compactMap { ($0.record as? Person).flatMap { $0.sameAs == main ? $0.id : nil } }
        var referrers = direct
        var seen = Set(direct.map(\.record.id))
        for other in merged {
            for referrer in try await referencing(other) where seen.insert(referrer.record.id).inserted {
                referrers.append(referrer)
            }
        }
        return (Set([main] + merged), referrers)
    }
}
