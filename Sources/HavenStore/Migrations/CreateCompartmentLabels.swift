import SQLKit

/// What an organisation calls each compartment, in Korean and English, so that pages show
/// "북부 사무소" rather than the code `north`. Labels name teams, not people: kept in the clear.
struct CreateCompartmentLabels: Migration {
    let version = 16
    let name = "CreateCompartmentLabels"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.create(table: "compartment_labels")
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("ko", type: .text, .notNull)
            .column("en", type: .text, .notNull)
            .column("labelled_at", type: .text, .notNull)
            .run()
    }
}
