import SQLKit

/// The latest head's seal (`AuditHeadSealer`), beside its signature: what makes a log cut short
/// visible at unlock and to `haven audit verify` with the key.
struct AddAuditHeadSeal: Migration {
    let version = 12
    let name = "AddAuditHeadSeal"
    func prepare(on db: any SQLDatabase) async throws {
        try await db.alter(table: "audit_head").column("seal", type: .text).run()
    }
}
