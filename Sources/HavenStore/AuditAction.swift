/// Every action the access log records, by the code stored in its entries. Codes never change
/// once written: the access log's filters (`action=login`) match them by prefix.
public enum AuditAction: String, Sendable, CaseIterable {
    // Records.
    case create, update, delete, read, list, search, count, lookup
    /// A report that shows figures, not records: one entry naming the report, its parameters
    /// and how many records it read.
    case report
    case readHistory = "read.history"
    /// Records written by `haven import`.
    case `import`
    // The vault.
    case vaultInit = "vault.init"
    case unlock
    case auditSealed = "audit.sealed"
    case auditQuery = "audit.query"
    case keysSplit = "keys.split"
    case keysRotateBegin = "keys.rotate.begin"
    case keysRotateBatch = "keys.rotate.batch"
    case keysRotateResume = "keys.rotate.resume"
    case keysRotateDone = "keys.rotate.done"
    // Accounts and sign-in.
    case accountCreate = "account.create"
    case accountDisable = "account.disable"
    case accountGrant = "account.grant"
    case accountPassword = "account.password"
    case accountResetMFA = "account.reset-mfa"
    case accountRevoke = "account.revoke"
    case loginSuccess = "login.success"
    case loginFailure = "login.failure"
    case loginFactor = "login.factor"
    case loginThrottled = "login.throttled"
    case mfaEnrolBegin = "mfa.enrol-begin"
    case mfaEnrol = "mfa.enrol"
    case mfaEnrolRefused = "mfa.enrol-refused"
    case sessionEnd = "session.end"
    case sessionEndAll = "session.end-all"
    case tokenCreate = "token.create"
    case tokenRevoke = "token.revoke"
    // Drafts of forms whose session ended.
    case draftSave = "draft.save"
    case draftRestore = "draft.restore"
    case draftDone = "draft.done"
    // Exports and statistics.
    case exportRequest = "export.request"
    case exportApprove = "export.approve"
    case exportReject = "export.reject"
    case exportPlaintext = "export.plaintext"
    case exportSealed = "export.sealed"
    case statisticsImport = "statistics.import"
    // Spreadsheet imports.
    case importBatch = "import.batch"
    case importUndo = "import.undo"
    case importMappingSave = "import.mapping-save"
    case importMappingDelete = "import.mapping-delete"
    // Compartments.
    case compartmentLabel = "compartment.label"
    // Backups.
    case backupMade = "backup.made"
}

/// One entry to append to the access log, before it is signed and chained.
struct AuditEvent: Sendable {
    var action: AuditAction
    /// The kind of what it concerns (a record kind, `account`, `export`), or empty.
    var kind = ""
    /// The id of what it concerns, or empty.
    var recordID = ""
    /// The record's version, or 0.
    var version = 0
    /// The sealed content's hash, for writes.
    var contentHash = ""
    /// Ids, counts and codes; never a protected value.
    var detail = ""
}
