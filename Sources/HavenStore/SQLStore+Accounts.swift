public import Foundation
public import HavenCore
import HavenCrypto
import SQLKit

/// An account as the store holds it: profile, secrets and the version for safe updates.
public struct StoredAccount: Sendable, Equatable {
    /// Who the account is and what it may do.
    public var account: Account
    /// Its secrets and sign-in state.
    public var credentials: AccountCredentials
    /// Incremented at every save; a save with an older version is refused.
    public var version: Int
}

extension SQLStore {
    /// The data-key compartment accounts are sealed under; record compartments cannot start
    /// with '_', so no record shares it.
    static let accountsCompartment = "_accounts"

    /// Creates an account. Fails if the user name is taken (compared after normalisation).
    public func createAccount(_ account: Account, credentials: AccountCredentials, by actor: ActingIdentity) async throws -> StoredAccount {
        let problems = account.problems()
        guard problems.isEmpty else { throw StoreError.invalid(ValidationError(problems: problems)) }
        return try await exclusive {
            try await ensureDataKeys(for: [Self.accountsCompartment], on: db)
            let token = try usernameToken(account.username)
            if try await accountRow(where: "username_token", equals: token) != nil {
                throw StoreError.invalid(ValidationError(problems: [FieldProblem(field: "username", message: "is already taken")]))
            }
            // Created now by the store's clock, whatever the value said.
            var created = account
            created.createdAt = clock()
            let stored = StoredAccount(account: created, credentials: credentials, version: 1)
            let row = try sealAccount(stored)
            let (entries, next) = try signedEntries(
                [AuditEvent(action: .accountCreate, kind: "account", recordID: account.id.wire, version: 1, detail: Self.accountDetail(account))], actor: actor)
            try await transaction(on: db) { db in
                try await db.insert(into: "accounts")
                    .columns("id", "version", "username_token", "role", "compartments", "disabled", "mfa_enrolled",
                             "key_version", "sealed", "created_at", "updated_at")
                    .values(SQLBind(row.id), SQLBind(row.version), SQLBind(token), SQLBind(row.role), SQLBind(row.compartments),
                            SQLBind(row.disabled), SQLBind(row.mfa_enrolled), SQLBind(row.key_version), SQLBind(row.sealed),
                            SQLBind(row.created_at), SQLBind(row.updated_at))
                    .run()
                try await Self.append(entries, on: db)
            }
            frontier = next
            return stored
        }
    }

    /// The account with this user name, or nil. Not audited by itself: sign-in records its
    /// own success or failure.
    public func account(username: String) async throws -> StoredAccount? {
        try await exclusive {
            let token = try usernameToken(Account.normaliseUsername(username))
            return try await accountRow(where: "username_token", equals: token).map(openAccount)
        }
    }

    /// The account with this id, or nil.
    public func account(id: UUID) async throws -> StoredAccount? {
        try await exclusive {
            try await accountRow(where: "id", equals: id.wire).map(openAccount)
        }
    }

    /// Every account, by user name.
    public func accounts() async throws -> [StoredAccount] {
        try await exclusive {
            _ = try requireUnlocked()
            let rows = try await db.select().columns(AccountRow.columns).from("accounts").all(decoding: AccountRow.self)
            return try rows.map(openAccount).sorted { $0.account.username < $1.account.username }
        }
    }

    /// Saves a changed account if nobody saved it since it was read, with an audit entry
    /// naming the action (`account.disable`, `account.grant`, `login.failure` …). The detail
    /// never holds a secret or a name.
    @discardableResult
    public func saveAccount(_ stored: StoredAccount, action: AuditAction, detail: String = "", by actor: ActingIdentity) async throws -> StoredAccount {
        let problems = stored.account.problems()
        guard problems.isEmpty else { throw StoreError.invalid(ValidationError(problems: problems)) }
        return try await exclusive {
            let id = stored.account.id.wire
            guard let current = try await accountRow(where: "id", equals: id) else { throw StoreError.noSuchAccount }
            guard current.version == stored.version else {
                throw StoreError.versionConflict(expected: stored.version, actual: current.version)
            }
            var next = stored
            next.version += 1
            let row = try sealAccount(next)
            let token = try usernameToken(next.account.username)
            let full = [Self.accountDetail(next.account), detail].filter { !$0.isEmpty }.joined(separator: " ")
            let (entries, frontierAfter) = try signedEntries([AuditEvent(action: action, kind: "account", recordID: id, version: next.version, detail: full)], actor: actor)
            try await transaction(on: db) { db in
                try await db.update("accounts")
                    .set("version", to: SQLBind(row.version)).set("username_token", to: SQLBind(token))
                    .set("role", to: SQLBind(row.role)).set("compartments", to: SQLBind(row.compartments))
                    .set("disabled", to: SQLBind(row.disabled)).set("mfa_enrolled", to: SQLBind(row.mfa_enrolled))
                    .set("key_version", to: SQLBind(row.key_version)).set("sealed", to: SQLBind(row.sealed))
                    .set("updated_at", to: SQLBind(row.updated_at))
                    .where("id", .equal, SQLBind(id)).where("version", .equal, SQLBind(stored.version))
                    .run()
                try await Self.append(entries, on: db)
            }
            frontier = frontierAfter
            credentials.forget()
            return next
        }
    }

    /// How many accounts exist (no key needed).
    public func accountCount() async throws -> Int {
        struct Row: Decodable { let n: Int }
        return try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("accounts")
            .first(decoding: Row.self)?.n ?? 0
    }

    // MARK: - Rows

    struct AccountRow: Decodable, Equatable {
        static let columns = ["id", "version", "role", "compartments", "disabled", "mfa_enrolled", "key_version", "sealed",
                              "created_at", "updated_at"]
        var id: String
        var version: Int
        var role: String
        var compartments: String
        var disabled: Int
        var mfa_enrolled: Int
        var key_version: Int
        var sealed: String
        var created_at: String
        var updated_at: String
    }

    /// The sealed part of an account. It repeats the authorization columns (role, compartments,
    /// disabled) so that editing them in the database, without the key, makes the account fail
    /// to open instead of raising its rights. Optional for accounts sealed before they were added.
    private struct AccountSecrets: Codable {
        var username: String
        var displayName: String
        var credentials: AccountCredentials
        var role: String?
        var compartments: [String]?
        var disabled: Bool?
        var protectedFieldsGranted: Bool?
    }

    func accountRow(where column: String, equals value: String) async throws -> AccountRow? {
        _ = try requireUnlocked()
        return try await db.select().columns(AccountRow.columns).from("accounts")
            .where(SQLIdentifier(column), .equal, SQLBind(value)).first(decoding: AccountRow.self)
    }

    private func usernameToken(_ normalised: String) throws -> String {
        guard let indexer = keys?.blindIndexer else { throw StoreError.locked }
        return indexer.token(kind: "account", field: "username", value: normalised)
    }

    static func accountContext(id: String, version: Int, keyVersion: Int) -> SealContext {
        SealContext(table: "accounts", recordID: "\(id)#\(version)", field: "secrets", keyVersion: keyVersion)
    }

    func accountKey(version: Int?) throws -> DataKey {
        guard let versions = keys?.dataKeys[Self.accountsCompartment] else { throw StoreError.locked }
        if let version {
            guard let key = versions[version] else { throw StoreError.corrupt("no account key version \(version)") }
            return key
        }
        guard let current = versions.max(by: { $0.key < $1.key })?.value else { throw StoreError.corrupt("no account key") }
        return current
    }

    private func sealAccount(_ stored: StoredAccount) throws -> AccountRow {
        let key = try accountKey(version: nil)
        let id = stored.account.id.wire
        let secrets = AccountSecrets(username: stored.account.username, displayName: stored.account.displayName,
                                     credentials: stored.credentials, role: stored.account.role.code,
                                     compartments: stored.account.compartments.sorted(), disabled: stored.account.disabled,
                                     protectedFieldsGranted: stored.account.protectedFieldsGranted)
        let plaintext = try HavenJSON.encoder(instants: .stored).encode(secrets)
        let sealed = try key.seal(plaintext, for: Self.accountContext(id: id, version: stored.version, keyVersion: key.version))
        let compartments = String(decoding: try HavenJSON.encoder(instants: .stored).encode(stored.account.compartments.sorted()), as: UTF8.self)
        return AccountRow(
            id: id, version: stored.version, role: stored.account.role.code, compartments: compartments,
            disabled: stored.account.disabled ? 1 : 0, mfa_enrolled: stored.credentials.hasSecondFactor ? 1 : 0,
            key_version: key.version, sealed: sealed.base64EncodedString(),
            created_at: Timestamp.string(stored.account.createdAt), updated_at: timestamp()
        )
    }

    func openAccount(_ row: AccountRow) throws -> StoredAccount {
        // Every request opens its account; the same row opens to the same account, so what was
        // opened is kept, by the whole row: any change to it (version, role, key, sealed part)
        // opens it afresh.
        if let opened = openedAccounts[row.id], opened.row == row { return opened.account }
        let account = try openAccountRow(row)
        openedAccounts[row.id] = (row, account)
        return account
    }

    private func openAccountRow(_ row: AccountRow) throws -> StoredAccount {
        guard let id = UUID(uuidString: row.id), let role = Role(rawValue: row.role), let sealed = Data(base64Encoded: row.sealed),
              let createdAt = Timestamp.date(row.created_at),
              let compartments = try? HavenJSON.decoder(instants: .stored).decode([String].self, from: Data(row.compartments.utf8))
        else { throw StoreError.corrupt("an account row is unreadable") }
        let key = try accountKey(version: row.key_version)
        let secrets: AccountSecrets
        do {
            let plaintext = try key.open(sealed, for: Self.accountContext(id: row.id, version: row.version, keyVersion: row.key_version))
            secrets = try HavenJSON.decoder(instants: .stored).decode(AccountSecrets.self, from: plaintext)
        } catch {
            throw StoreError.corrupt("an account's sealed part failed to open")
        }
        let bound = (secrets.role ?? row.role) == row.role && (secrets.compartments.map(Set.init) ?? Set(compartments)) == Set(compartments)
            && (secrets.disabled ?? (row.disabled != 0)) == (row.disabled != 0)
        guard bound else { throw StoreError.corrupt("an account's role, compartments or status differ from its sealed copy") }
        var account = Account(id: id, username: secrets.username, displayName: secrets.displayName, role: role,
                              compartments: Set(compartments), protectedFieldsGranted: secrets.protectedFieldsGranted ?? false,
                              disabled: row.disabled != 0, createdAt: createdAt)
        account.username = secrets.username
        return StoredAccount(account: account, credentials: secrets.credentials, version: row.version)
    }

    /// What the audit log says about an account: role, compartments and state, never names.
    static func accountDetail(_ account: Account) -> String {
        "role=\(account.role.code) compartments=\(account.compartments.sorted().joined(separator: ",")) disabled=\(account.disabled)"
            + (account.protectedFieldsGranted ? " protected-fields=granted" : "")
    }
}
