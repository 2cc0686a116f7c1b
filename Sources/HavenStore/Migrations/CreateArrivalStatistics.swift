import SQLKit

/// Official yearly arrival figures by sex, with the source they were imported from: counts,
/// not personal data, so they are stored as they are. A new import replaces the figures.
struct CreateArrivalStatistics: Migration {
    let version = 10
    let name = "CreateArrivalStatistics"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "arrival_statistics")
            .column("year", type: .int, .primaryKey(autoIncrement: false))
            .column("women", type: .bigint, .notNull)
            .column("men", type: .bigint, .notNull)
            .column("source", type: .text, .notNull)
            .column("imported_at", type: .text, .notNull)
            .run()
    }
}
