public import Foundation
public import HavenCore
import HavenCrypto
import HavenStore

/// What a person sees when they start enrolling an authenticator app.
public struct TOTPEnrolment: Sendable, Equatable {
    /// The secret in base32, to type in by hand.
    public var secret: String
    /// The `otpauth://` URI, to scan as a QR code.
    public var uri: String
}

/// Why an enrolment was not begun.
public enum EnrolmentError: Error, Sendable, Equatable {
    /// The account has a second factor already: replacing it needs the current password, so
    /// that a session left open (or stolen) cannot take the account over.
    case currentPasswordRequired
    /// The password given was wrong.
    case wrongCurrentPassword
    /// Too many password checks are running.
    case busy
}

/// Why a password change was refused.
public enum PasswordChangeError: Error, Sendable, Equatable {
    /// The current password was wrong.
    case wrongCurrentPassword
    /// The new password breaks the policy; the labels say how, in English and Korean.
    case rejected(LocalizedLabel)
    /// Too many password checks are running.
    case busy
}

extension Authenticator {
    /// How many recovery codes an account gets.
    static let recoveryCodeCount = 10

    /// Starts enrolment: a new secret, kept as pending until a code from it is confirmed. An
    /// account that has a second factor already replaces it only with its current password
    /// (``EnrolmentError``); a failed check counts towards the account's sign-in throttle.
    public func beginEnrolment(accountID: UUID, currentPassword: String? = nil) async throws -> TOTPEnrolment {
        guard var stored = try await accounts.account(id: accountID) else { throw StoreError.noSuchAccount }
        if stored.credentials.hasSecondFactor {
            guard let currentPassword, !currentPassword.isEmpty else { throw EnrolmentError.currentPasswordRequired }
            guard let hash = PasswordHash(encoded: stored.credentials.passwordHash) else {
                throw StoreError.corrupt("an account's password hash is unreadable")
            }
            if let wait = accountThrottle.wait(after: stored.credentials.recentFailures, now: clock()), wait > 0 {
                throw EnrolmentError.busy
            }
            let matches: Bool
            do {
                matches = try await hashing.run { PasswordHasher.verify(currentPassword, against: hash) }
            } catch is HashingGate.Busy {
                throw EnrolmentError.busy
            }
            guard matches else {
                stored.credentials.recentFailures = accountThrottle.recent(stored.credentials.recentFailures + [clock()], now: clock())
                try await accounts.saveAccount(stored, action: .mfaEnrolRefused, detail: "wrong-password", by: .account(accountID))
                throw EnrolmentError.wrongCurrentPassword
            }
        }
        let secret = TOTP.randomSecret()
        stored.credentials.pendingTOTPSecret = secret
        try await accounts.saveAccount(stored, action: .mfaEnrolBegin, by: .account(accountID))
        return Self.enrolment(secret, username: stored.account.username)
    }

    /// The enrolment begun and not yet confirmed, to show again after a mistyped code.
    public func pendingEnrolment(accountID: UUID) async throws -> TOTPEnrolment? {
        guard let stored = try await accounts.account(id: accountID), let secret = stored.credentials.pendingTOTPSecret else { return nil }
        return Self.enrolment(secret, username: stored.account.username)
    }

    static func enrolment(_ secret: Data, username: String) -> TOTPEnrolment {
        TOTPEnrolment(secret: Base32.encode(secret, padding: false),
                      uri: TOTP(secret: secret).provisioningURI(issuer: "Haven", account: username))
    }

    /// Confirms enrolment with a code from the new secret. Returns the recovery codes (shown
    /// once, stored hashed), or nil when the code is wrong or no enrolment was begun. The
    /// account's other sessions end: the factor protecting them changed.
    public func confirmEnrolment(accountID: UUID, code: String) async throws -> [String]? {
        guard var stored = try await accounts.account(id: accountID), let pending = stored.credentials.pendingTOTPSecret,
              let step = TOTP(secret: pending).match(code, at: clock()) else { return nil }
        let codes = (0..<Self.recoveryCodeCount).map { _ in ReadableSecret.make() }
        stored.credentials.totpSecret = pending
        stored.credentials.pendingTOTPSecret = nil
        stored.credentials.lastTOTPStep = step
        stored.credentials.recoveryCodeHashes = codes.map { SHA256Hex.of(Data(ReadableSecret.normalise($0).utf8)) }
        try await accounts.saveAccount(stored, action: .mfaEnrol, detail: "recovery-codes=\(codes.count)", by: .account(accountID))
        try await accounts.endSessions(accountID: accountID, reason: .revoked, by: .account(accountID))
        return codes
    }

    /// Changes the password after checking the current one and the policy. Every session of
    /// the account ends, the current one included: the person signs in again. Throws
    /// ``PasswordChangeError`` for what the person can fix.
    public func changePassword(accountID: UUID, current: String, new: String) async throws {
        guard var stored = try await accounts.account(id: accountID),
              let hash = PasswordHash(encoded: stored.credentials.passwordHash) else { throw StoreError.noSuchAccount }
        if let problem = PasswordPolicy().problem(with: new, username: stored.account.username) {
            throw PasswordChangeError.rejected(problem)
        }
        let parameters = hashParameters
        let outcome: (ok: Bool, newHash: String?)
        do {
            outcome = try await hashing.run {
                guard PasswordHasher.verify(current, against: hash) else { return (false, nil) }
                return (true, try? PasswordHasher.hash(new, parameters: parameters).encoded)
            }
        } catch is HashingGate.Busy {
            throw PasswordChangeError.busy
        }
        guard outcome.ok else { throw PasswordChangeError.wrongCurrentPassword }
        guard let newHash = outcome.newHash else { throw StoreError.corrupt("a new password could not be hashed") }
        stored.credentials.passwordHash = newHash
        stored.credentials.mustChangePassword = false
        try await accounts.saveAccount(stored, action: .accountPassword, by: .account(accountID))
        try await accounts.endSessions(accountID: accountID, reason: .revoked, by: .account(accountID))
    }
}
