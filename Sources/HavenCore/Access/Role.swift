/// What a person may do in Haven. Deny by default: a role grants exactly the permissions listed
/// in ``Role/permissions``, within the compartments granted to the account.
public enum Role: String, Vocabulary {
    /// Manages users, keys and settings and reads the access log; sees no record content and
    /// never exports alone.
    case administrator
    /// Everything in their compartments: records, analytics, exports with a second person's approval.
    case analyst
    /// Creates and edits records in their compartments.
    case documenter
    /// Reads; protected fields redacted unless granted.
    case reviewer

    public static let vocabularyName = "role"

    public var label: LocalizedLabel {
        switch self {
        case .administrator: LocalizedLabel(en: "Administrator", ko: "관리자")
        case .analyst: LocalizedLabel(en: "Analyst", ko: "분석가")
        case .documenter: LocalizedLabel(en: "Documenter", ko: "기록 담당자")
        case .reviewer: LocalizedLabel(en: "Reviewer", ko: "검토자")
        }
    }

    /// The permissions the role grants.
    public var permissions: Set<Permission> {
        switch self {
        case .administrator:
            // Runs the system, not the casework: no record content. Giving oneself access
            // means creating or granting an account, which the access log shows.
            [.readReference, .readAudit, .manageUsers, .manageKeys, .approveExport, .manageOwnAccount, .readMetrics]
        case .analyst:
            [.readRecords, .readProtected, .writeRecords, .search, .readReference, .analyse, .requestExport,
             .approveExport, .manageOwnAccount]
        case .documenter:
            [.readRecords, .readProtected, .writeRecords, .search, .readReference, .manageOwnAccount]
        case .reviewer:
            [.readRecords, .search, .readReference, .manageOwnAccount]
        }
    }

    /// Whether the role grants a permission.
    public func allows(_ permission: Permission) -> Bool { permissions.contains(permission) }

    /// Whether this role is at most as powerful as `other` (an API token may not exceed its owner).
    public func isAtMost(_ other: Role) -> Bool { permissions.isSubset(of: other.permissions) }
}

/// One thing a route may require. Every route names exactly one (or is public), and a test
/// checks that no route is left without.
public enum Permission: String, Sendable, Codable, CaseIterable, Hashable {
    /// Read records (coded fields) in one's compartments.
    case readRecords = "records.read"
    /// See protected fields unredacted.
    case readProtected = "records.read-protected"
    /// Create, update and delete records in one's compartments.
    case writeRecords = "records.write"
    /// Search and look up.
    case search = "records.search"
    /// Vocabularies and the gazetteer.
    case readReference = "reference.read"
    /// Analytics and reports.
    case analyse = "analysis"
    /// Read the audit and access log.
    case readAudit = "audit.read"
    /// Add, disable, grant and revoke users.
    case manageUsers = "users.manage"
    /// Key custody and rotation.
    case manageKeys = "keys.manage"
    /// Ask for a decrypted export.
    case requestExport = "export.request"
    /// Approve someone else's export request.
    case approveExport = "export.approve"
    /// One's own password, second factor, sessions and API tokens.
    case manageOwnAccount = "account.self"
    /// The server's operational figures (`/metrics`): counts and latencies, never record content.
    case readMetrics = "metrics.read"
}
