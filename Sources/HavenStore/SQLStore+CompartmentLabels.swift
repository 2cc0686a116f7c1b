import Foundation
public import HavenCore
import SQLKit

extension SQLStore {
    /// Gives a compartment its label in Korean and English (nil removes it), in one transaction
    /// with its audit entry. Each label is 1–80 characters.
    public func labelCompartment(_ code: String, _ label: LocalizedLabel?, by actor: ActingIdentity) async throws {
        var problems = Compartment.problems(code)
        if let label {
            for (field, text) in [("ko", label.ko), ("en", label.en)] {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty || trimmed.count > 80 || trimmed != text {
                    problems.append(FieldProblem(field: field, message: "must be 1–80 characters, without spaces at either end"))
                }
            }
        }
        guard problems.isEmpty else { throw StoreError.invalid(ValidationError(problems: problems)) }
        try await exclusive {
            _ = try requireUnlocked()
            let now = timestamp()
            let (entries, next) = try signedEntries([AuditEvent(action: .compartmentLabel, kind: "compartment", recordID: code,
                                                                detail: label == nil ? "removed" : "labelled")], actor: actor)
            try await transaction(on: db) { db in
                try await db.delete(from: "compartment_labels").where("code", .equal, SQLBind(code)).run()
                if let label {
                    try await db.insert(into: "compartment_labels").columns("code", "ko", "en", "labelled_at")
                        .values(SQLBind(code), SQLBind(label.ko), SQLBind(label.en), SQLBind(now)).run()
                }
                try await Self.append(entries, on: db)
            }
            frontier = next
        }
    }

    /// Every compartment's label, by code.
    public func compartmentLabels() async throws -> [String: LocalizedLabel] {
        struct Row: Decodable { let code: String, ko: String, en: String }
        let rows = try await db.select().columns("code", "ko", "en").from("compartment_labels").all(decoding: Row.self)
        return Dictionary(rows.map { ($0.code, LocalizedLabel(en: $0.en, ko: $0.ko)) }, uniquingKeysWith: { first, _ in first })
    }
}
