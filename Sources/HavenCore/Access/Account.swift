public import Foundation

/// A person who signs in to Haven. The user name and display name are personal data of staff
/// (who are targets themselves) and are sealed at rest like record fields; login finds an
/// account through a blind index of the normalised user name.
public struct Account: Sendable, Equatable, Identifiable {
    /// Stable id, used in the audit log instead of the name.
    public var id: UUID
    /// The name typed at login, normalised (see ``Account/normaliseUsername(_:)``).
    public var username: String
    /// How the person is shown to colleagues.
    public var displayName: String
    /// What the account may do.
    public var role: Role
    /// The compartments whose records the account sees. Empty means none.
    public var compartments: Set<String>
    /// A reviewer granted the protected fields reads them unredacted (`haven user grant --protected-fields`).
    /// Other roles either have them already or never read records.
    public var protectedFieldsGranted: Bool
    /// A disabled account cannot sign in and its sessions and tokens stop working at once.
    public var disabled: Bool
    /// When the account was created; the store sets it by its clock when it creates the account.
    public var createdAt: Date

    /// Creates an account value.
    public init(id: UUID = UUID(), username: String, displayName: String? = nil, role: Role,
                compartments: Set<String>, protectedFieldsGranted: Bool = false, disabled: Bool = false,
                createdAt: Date = .distantPast) {
        self.id = id
        self.username = Self.normaliseUsername(username)
        self.displayName = displayName ?? username
        self.role = role
        self.compartments = compartments
        self.protectedFieldsGranted = protectedFieldsGranted
        self.disabled = disabled
        self.createdAt = createdAt
    }

    /// Whether the account may do this: its role's permissions, plus the protected fields where
    /// they were granted to a role that reads records.
    public func allows(_ permission: Permission) -> Bool {
        if role.allows(permission) { return true }
        return permission == .readProtected && protectedFieldsGranted && role.allows(.readRecords)
    }

    /// NFC, trimmed and lowercased, so that the same name typed on any keyboard finds one account.
    public static func normaliseUsername(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Why a user name is refused (English and Korean), or nil.
    public static func usernameProblem(_ name: String) -> LocalizedLabel? {
        let normalised = normaliseUsername(name)
        let allowed = normalised.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_"
        }
        // Two characters at least: many Korean given names are two syllables (민정).
        guard (2...64).contains(normalised.count), allowed else {
            return LocalizedLabel(en: "A user name has 2–64 letters, digits, '.', '-' or '_'.",
                                  ko: "사용자 이름은 글자, 숫자, '.', '-', '_'로 된 2–64자여야 합니다.")
        }
        return nil
    }

    /// Problems with the account as a whole, naming the field.
    public func problems() -> [FieldProblem] {
        var found: [FieldProblem] = []
        if let problem = Self.usernameProblem(username) { found.append(FieldProblem(field: "username", message: problem.en)) }
        if displayName.isEmpty || displayName.count > 200 {
            found.append(FieldProblem(field: "displayName", message: "must be 1–200 characters"))
        }
        for compartment in compartments.sorted() {
            found += Compartment.problems(compartment).map { FieldProblem(field: "compartments", message: "'\(compartment)' " + $0.message) }
        }
        return found
    }
}

/// An account's secrets and sign-in state. Sealed at rest; never sent to a client or logged.
public struct AccountCredentials: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The PHC-style scrypt hash (see `PasswordHash` in HavenCrypto).
    public var passwordHash: String
    /// Set for one-time passwords handed out by an administrator: the first sign-in must
    /// choose a new one.
    public var mustChangePassword: Bool
    /// The TOTP secret once enrolment is confirmed.
    public var totpSecret: Data?
    /// A secret shown for enrolment but not yet confirmed with a code.
    public var pendingTOTPSecret: Data?
    /// The last TOTP time step accepted: a code of that step or an earlier one is refused.
    public var lastTOTPStep: Int64
    /// SHA-256 (hex) of each unused recovery code.
    public var recoveryCodeHashes: [String]
    /// Failed sign-ins within the last hour, for ``LoginThrottle``.
    public var recentFailures: [Date]

    /// Credentials with a password only, before any second factor.
    public init(passwordHash: String, mustChangePassword: Bool) {
        self.passwordHash = passwordHash
        self.mustChangePassword = mustChangePassword
        self.totpSecret = nil
        self.pendingTOTPSecret = nil
        self.lastTOTPStep = 0
        self.recoveryCodeHashes = []
        self.recentFailures = []
    }

    /// Whether a second factor is enrolled.
    public var hasSecondFactor: Bool { totpSecret != nil }

    public var description: String { "AccountCredentials(redacted)" }
}
