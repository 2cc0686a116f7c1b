public import Foundation
public import HavenCore

/// The parts of ``SQLStore`` a controller needs beside the ``Repository``, each a narrow role,
/// so that a controller names what it uses of the store and a reader finds it in one place.

/// What the organisation calls its compartments (`SQLStore+CompartmentLabels`).
public protocol CompartmentNaming: Sendable {
    func compartmentLabels() async throws -> [String: LocalizedLabel]
}

/// Forms kept when a session ended (`SQLStore+Drafts`).
public protocol DraftKeeping: Sendable {
    func saveDraft(accountID: UUID, path: String, fields: [String: String], at date: Date?) async throws -> UUID
    func drafts(accountID: UUID, at date: Date?) async throws -> [Draft]
    func openDraft(id: UUID, accountID: UUID) async throws -> Draft?
    @discardableResult
    func discardDraft(id: UUID, accountID: UUID) async throws -> Bool
    func takeDraft(id: UUID, accountID: UUID) async throws -> Draft?
}

extension DraftKeeping {
    /// Keeps a form, dated by the store's clock.
    public func saveDraft(accountID: UUID, path: String, fields: [String: String]) async throws -> UUID {
        try await saveDraft(accountID: accountID, path: path, fields: fields, at: nil)
    }

    /// An account's drafts within their lifetime, by the store's clock.
    public func drafts(accountID: UUID) async throws -> [Draft] { try await drafts(accountID: accountID, at: nil) }
}

/// The access log and the accounts its entries name (`SQLStore+AccessLog`, `SQLStore+Accounts`).
public protocol AccessLogReading: Sendable {
    func auditEntries(_ query: AuditQuery, by actor: ActingIdentity) async throws -> Page<AuditEntry>
    func accounts() async throws -> [StoredAccount]
    func account(username: String) async throws -> StoredAccount?
}

/// Decrypted exports under the two-person rule (`SQLStore+ExportRequests`).
public protocol ExportKeeping: Sendable {
    func requestExport(_ filter: ExportFilter, approvalThreshold: Int, by actor: ActingIdentity) async throws -> ExportRequest
    func decideExport(_ id: UUID, approve: Bool, anyReach: Bool, by actor: ActingIdentity) async throws -> ExportRequest
    func runExport(_ id: UUID, by actor: ActingIdentity) async throws -> (request: ExportRequest, records: [any Record])
    func exportRequests(visibleTo actor: ActingIdentity, anyReach: Bool) async throws -> [ExportRequest]
}

/// Spreadsheet imports: batches written and undone whole, and mappings saved by name
/// (`SQLStore+ImportBatches`, `SQLStore+ImportMappings`).
public protocol ImportKeeping: Sendable {
    func importBatch(_ records: [any Record], rows: Int, source: ImportBatchSource, by actor: ActingIdentity) async throws -> ImportBatch
    func importBatches() async throws -> [ImportBatch]
    func undoImportBatch(_ id: UUID, by actor: ActingIdentity) async throws -> Int
    @discardableResult
    func saveImportMapping(name: String, mapping: String, by actor: ActingIdentity) async throws -> SavedImportMapping
    func importMappings() async throws -> [SavedImportMapping]
    func deleteImportMapping(_ id: UUID, by actor: ActingIdentity) async throws
}

/// Accounts, their sessions, API tokens and sign-in failures: what the authenticator keeps
/// (`SQLStore+Accounts`, `SQLStore+Sessions`, `SQLStore+APITokens`).
public protocol AccountKeeping: Sendable {
    func account(username: String) async throws -> StoredAccount?
    func account(id: UUID) async throws -> StoredAccount?
    @discardableResult
    func saveAccount(_ stored: StoredAccount, action: AuditAction, detail: String, by actor: ActingIdentity) async throws -> StoredAccount
    func createSession(_ session: StoredSession, by actor: ActingIdentity) async throws
    func session(tokenHash: String) async throws -> StoredSession?
    func sessionWithAccount(tokenHash: String) async throws -> (session: StoredSession, account: StoredAccount?)?
    func touchSession(tokenHash: String, at date: Date) async throws
    func endSession(tokenHash: String, accountID: UUID, reason: SessionEnd, by actor: ActingIdentity) async throws
    @discardableResult
    func endSessions(accountID: UUID, reason: SessionEnd, by actor: ActingIdentity) async throws -> Int
    func recordSignInFailureForUnknownAccount(address: String) async throws
    func recordThrottledSignIn(accountID: UUID?, address: String) async throws
    func createAPIToken(_ token: StoredAPIToken, tokenHash: String, by actor: ActingIdentity) async throws
    func apiToken(tokenHash: String) async throws -> StoredAPIToken?
    func apiTokenWithOwner(tokenHash: String) async throws -> (token: StoredAPIToken, owner: StoredAccount?)?
    func apiTokens(accountID: UUID) async throws -> [StoredAPIToken]
    func revokeAPIToken(id: UUID, accountID: UUID, by actor: ActingIdentity) async throws
}

extension AccountKeeping {
    /// Saves an account with no detail in its access-log entry.
    @discardableResult
    public func saveAccount(_ stored: StoredAccount, action: AuditAction, by actor: ActingIdentity) async throws -> StoredAccount {
        try await saveAccount(stored, action: action, detail: "", by: actor)
    }
}

/// Official statistics kept beside the records: arrival figures (`SQLStore+ArrivalStatistics`).
public protocol StatisticsKeeping: Sendable {
    func importArrivals(_ figures: [ArrivalFigure], source: String, by actor: ActingIdentity) async throws
    func arrivals() async throws -> ArrivalStatistics
}

extension SQLStore: DraftKeeping, AccessLogReading, ExportKeeping, ImportKeeping, AccountKeeping, StatisticsKeeping, CompartmentNaming {}
