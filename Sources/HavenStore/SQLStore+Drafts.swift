public import Foundation
import HavenCore
import HavenCrypto
import SQLKit

/// A form whose session ended before it was saved, kept for the account that was typing it.
public struct Draft: Sendable, Equatable {
    /// The draft's own id.
    public var id: UUID
    /// Whose form it was.
    public var accountID: UUID
    /// The path the form was posted to (`/records/event/new`): kinds and record ids only.
    public var path: String
    /// When it was kept.
    public var savedAt: Date
    /// The fields as typed; nil in listings, which do not open the sealed part.
    public var fields: [String: String]?
}

extension SQLStore {
    /// How long a draft is kept for its account to sign in again.
    public static let draftLifetime: TimeInterval = 7 * 86_400

    static func draftContext(id: String, keyVersion: Int) -> SealContext {
        SealContext(table: "drafts", recordID: id, field: "fields", keyVersion: keyVersion)
    }

    /// Keeps a form's fields, sealed, for the account whose session ended while typing it.
    /// Drafts older than ``draftLifetime`` are dropped at the same time.
    public func saveDraft(accountID: UUID, path: String, fields: [String: String], at date: Date? = nil) async throws -> UUID {
        let now = date ?? clock()
        return try await exclusive {
            _ = try requireUnlocked()
            try await ensureDataKeys(for: [Self.accountsCompartment], on: db)
            let id = UUID().wire
            let key = try accountKey(version: nil)
            let sealed = try key.seal(try HavenJSON.encoder(instants: .stored).encode(fields), for: Self.draftContext(id: id, keyVersion: key.version))
            let (entries, next) = try signedEntries([AuditEvent(action: .draftSave, kind: "account", recordID: accountID.wire, detail: "draft=\(id)")],
                                                    actor: .account(accountID))
            try await transaction(on: db) { db in
                try await db.delete(from: "drafts").where("created_at", .lessThan, SQLBind(Timestamp.string(now.addingTimeInterval(-Self.draftLifetime)))).run()
                try await db.insert(into: "drafts").columns("id", "account_id", "path", "created_at", "key_version", "sealed")
                    .values(SQLBind(id), SQLBind(accountID.wire), SQLBind(path), SQLBind(Timestamp.string(now)), SQLBind(key.version),
                            SQLBind(sealed.base64EncodedString()))
                    .run()
                try await Self.append(entries, on: db)
            }
            frontier = next
            return UUID(uuidString: id)!
        }
    }

    /// An account's drafts within their lifetime, newest first, without opening them.
    public func drafts(accountID: UUID, at date: Date? = nil) async throws -> [Draft] {
        let now = date ?? clock()
        struct Row: Decodable { let id: String; let path: String; let created_at: String }
        let since = Timestamp.string(now.addingTimeInterval(-Self.draftLifetime))
        return try await db.select().columns("id", "path", "created_at").from("drafts")
            .where("account_id", .equal, SQLBind(accountID.wire)).where("created_at", .greaterThanOrEqual, SQLBind(since))
            .orderBy("created_at", .descending).all(decoding: Row.self)
            .compactMap { row in
                guard let id = UUID(uuidString: row.id), let at = Timestamp.date(row.created_at) else { return nil }
                return Draft(id: id, accountID: accountID, path: row.path, savedAt: at, fields: nil)
            }
    }

    /// Opens one of the account's drafts; it stays kept until ``discardDraft(id:accountID:)`` (the
    /// form was saved) or its lifetime ends. Nil when there is no such draft of this account.
    public func openDraft(id: UUID, accountID: UUID) async throws -> Draft? {
        struct Row: Decodable { let id: String; let path: String; let created_at: String; let key_version: Int; let sealed: String }
        return try await exclusive {
            guard let row = try await db.select().columns("id", "path", "created_at", "key_version", "sealed").from("drafts")
                .where("id", .equal, SQLBind(id.wire)).where("account_id", .equal, SQLBind(accountID.wire))
                .first(decoding: Row.self) else { return nil }
            let key = try accountKey(version: row.key_version)
            let fields: [String: String]
            do {
                guard let bytes = Data(base64Encoded: row.sealed) else { throw StoreError.corrupt("a draft is unreadable") }
                let plaintext = try key.open(bytes, for: Self.draftContext(id: row.id, keyVersion: row.key_version))
                fields = try HavenJSON.decoder(instants: .stored).decode([String: String].self, from: plaintext)
            } catch {
                throw StoreError.corrupt("a draft's sealed part failed to open")
            }
            try await audit(.draftRestore, kind: "account", recordID: accountID.wire, detail: "draft=\(row.id)", by: .account(accountID))
            return Draft(id: id, accountID: accountID, path: row.path, savedAt: Timestamp.date(row.created_at) ?? clock(), fields: fields)
        }
    }

    /// Forgets one of the account's drafts (its form has been saved); false when there was none.
    @discardableResult
    public func discardDraft(id: UUID, accountID: UUID) async throws -> Bool {
        try await exclusive {
            struct Count: Decodable { let n: Int }
            let found = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("drafts")
                .where("id", .equal, SQLBind(id.wire)).where("account_id", .equal, SQLBind(accountID.wire))
                .first(decoding: Count.self)?.n ?? 0
            guard found > 0 else { return false }
            let (entries, next) = try signedEntries([AuditEvent(action: .draftDone, kind: "account", recordID: accountID.wire, detail: "draft=\(id.wire)")],
                                                    actor: .account(accountID))
            try await transaction(on: db) { db in
                try await db.delete(from: "drafts").where("id", .equal, SQLBind(id.wire)).run()
                try await Self.append(entries, on: db)
            }
            frontier = next
            return true
        }
    }

    /// Opens a draft and forgets it at once.
    public func takeDraft(id: UUID, accountID: UUID) async throws -> Draft? {
        guard let draft = try await openDraft(id: id, accountID: accountID) else { return nil }
        try await discardDraft(id: id, accountID: accountID)
        return draft
    }
}
