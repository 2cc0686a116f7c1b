public import Foundation
public import HavenCore
import SQLKit

/// The official arrival figures and where they come from.
public struct ArrivalStatistics: Sendable, Equatable {
    public var figures: [ArrivalFigure]
    /// The source named at import (a ministry's yearly report, say).
    public var source: String?
    public var importedAt: Date?
}

extension SQLStore {
    /// Replaces the official arrival figures with these, naming their source, in one transaction
    /// with its audit entry (years and the source, which are not personal data).
    public func importArrivals(_ figures: [ArrivalFigure], source: String, by actor: ActingIdentity) async throws {
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !source.isEmpty, source.count <= 500 else {
            throw StoreError.invalid(ValidationError(problems: [FieldProblem(field: "source", message: "is required")]))
        }
        try await exclusive {
            _ = try requireUnlocked()
            let now = timestamp()
            let years = figures.map(\.year)
            let (entries, next) = try signedEntries([AuditEvent(action: .statisticsImport, detail: "arrivals years=\(years.min() ?? 0)-\(years.max() ?? 0) rows=\(figures.count)")], actor: actor)
            try await transaction(on: db) { db in
                try await db.delete(from: "arrival_statistics").run()
                for figure in figures {
                    try await db.insert(into: "arrival_statistics").columns("year", "women", "men", "source", "imported_at")
                        .values(SQLBind(figure.year), SQLBind(figure.women), SQLBind(figure.men), SQLBind(source), SQLBind(now)).run()
                }
                try await Self.append(entries, on: db)
            }
            frontier = next
        }
    }

    /// The official arrival figures, oldest year first.
    public func arrivals() async throws -> ArrivalStatistics {
        struct Row: Decodable { let year: Int; let women: Int; let men: Int; let source: String; let imported_at: String }
        let rows = try await db.select().columns("year", "women", "men", "source", "imported_at").from("arrival_statistics")
            .orderBy("year").all(decoding: Row.self)
        return ArrivalStatistics(figures: rows.map { ArrivalFigure(year: $0.year, women: $0.women, men: $0.men) }, source: rows.first?.source,
                                 importedAt: rows.first.flatMap { Timestamp.date($0.imported_at) })
    }
}
