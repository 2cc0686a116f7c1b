public import Foundation
public import HavenCore
import HavenCrypto
public import HavenStore

/// What a sign-in attempt came to. Every refusal is the same value, whatever the reason (no
/// such account, wrong password, wrong or missing code, disabled account), so that nothing
/// tells an attacker which part was wrong or whether the account exists.
public enum SignInResult: Sendable, Equatable {
    /// Signed in. The token goes to the client once (in a cookie) and is stored only hashed.
    case signedIn(token: String, session: StoredSession)
    /// Refused.
    case refused
    /// Too many failures: try again after this many seconds.
    case throttled(retryAfter: Int)
    /// Too many sign-ins are being checked right now.
    case busy
}

/// Signs people in and out and checks sessions: passwords (scrypt, bounded concurrency),
/// TOTP codes used once, recovery codes used once, throttling per account and per address,
/// idle and absolute session timeouts. Every success and failure is in the audit log.
public actor Authenticator {
    /// Accounts, sessions, API tokens and sign-in failures.
    let accounts: any AccountKeeping
    /// Where a form is kept when its session ended before it was sent.
    let drafts: any DraftKeeping
    let clock: @Sendable () -> Date
    let hashing: HashingGate
    let sessionPolicy: SessionPolicy
    /// Delays attempts on one name from one address (3 free, then doubling): an attacker slows
    /// only their own attempts, and cannot lock someone out from another address.
    let accountThrottle = LoginThrottle()
    /// Holds a name for the rest of the hour after 100 failures from any addresses together,
    /// against guessing spread over many addresses.
    let accountWideThrottle: LoginThrottle
    let addressThrottle: LoginThrottle
    /// Parameters for new password hashes, and for the work spent on an unknown account so
    /// that it matches a real one.
    let hashParameters: ScryptParameters
    /// Failures per client address, and per unknown user name (so that an unknown name is
    /// throttled exactly like a real one). In memory: they protect this process.
    private var addressFailures: [String: [Date]] = [:]
    private var unknownNameFailures: [String: [Date]] = [:]
    /// Failures by name and address together (`nameKey|address`).
    private var pairFailures: [String: [Date]] = [:]
    /// Sign-ins being checked, by the hash of the name tried, and those waiting behind them.
    /// Attempts on one name run one at a time, so that each sees every failure before it:
    /// concurrent attempts otherwise all read the account before any failure was saved,
    /// slipped past the throttle and collided on saving (409s that a name without an account
    /// never gives).
    private var namesInCheck: Set<String> = []
    private var waitingForName: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Creates an authenticator over a accounts.
    public init(store: some AccountKeeping & DraftKeeping, sessionPolicy: SessionPolicy = SessionPolicy(), hashing: HashingGate = HashingGate(),
                hashParameters: ScryptParameters = PasswordHasher.standardParameters(),
                clock: @escaping @Sendable () -> Date = Date.init) {
        accounts = store
        drafts = store
        self.sessionPolicy = sessionPolicy
        self.hashing = hashing
        self.hashParameters = hashParameters
        self.clock = clock
        var perAddress = LoginThrottle()
        perAddress.maximumPerHour = 300
        perAddress.freeFailures = 10
        self.addressThrottle = perAddress
        var accountWide = LoginThrottle()
        accountWide.freeFailures = accountWide.maximumPerHour
        self.accountWideThrottle = accountWide
    }

    // MARK: - Signing in

    /// Checks a user name, password and (once enrolled) a TOTP or recovery code.
    public func signIn(username: String, password: String, code: String?, address: String) async throws -> SignInResult {
        let normalised = Account.normaliseUsername(username)
        let nameKey = SHA256Hex.of(Data(normalised.utf8))
        await beginCheck(of: nameKey)
        defer { endCheck(of: nameKey) }
        // Read after waiting for the attempts before it: their failures count.
        let now = clock()
        let stored = try await accounts.account(username: normalised)
        let pairKey = nameKey + "|" + address
        if let wait = addressThrottle.wait(after: addressFailures[address] ?? [], now: now)
            ?? accountThrottle.wait(after: pairFailures[pairKey] ?? [], now: now)
            ?? accountWideThrottle.wait(after: stored?.credentials.recentFailures ?? unknownNameFailures[nameKey] ?? [], now: now) {
            return try await throttled(wait, accountID: stored?.account.id, address: address)
        }
        guard let stored else {
            return try await refuseUnknown(nameKey, pairKey: pairKey, address: address, now: now)
        }
        guard let hash = PasswordHash(encoded: stored.credentials.passwordHash) else {
            throw StoreError.corrupt("an account's password hash is unreadable")
        }
        let passwordMatches: Bool
        do {
            passwordMatches = try await hashing.run { PasswordHasher.verify(password, against: hash) }
        } catch is HashingGate.Busy {
            return .busy
        }
        var next = stored
        guard passwordMatches, !stored.account.disabled, let factor = secondFactor(of: &next, code: code, now: now) else {
            return try await refuse(next, pairKey: pairKey, address: address, now: now)
        }
        next.credentials.recentFailures = []
        pairFailures[pairKey] = nil
        if next != stored {
            try await accounts.saveAccount(next, action: .loginFactor, detail: "factor=\(factor)", by: actor(next))
        }
        let scope: SessionScope = next.credentials.hasSecondFactor && !next.credentials.mustChangePassword ? .full : .enrolment
        let token = Self.newToken()
        let session = StoredSession(tokenHash: Self.hash(token), accountID: next.account.id, scope: scope,
                                    createdAt: now, lastSeenAt: now, address: address)
        try await accounts.createSession(session, by: actor(next))
        return .signedIn(token: token, session: session)
    }

    /// The second factors sign-in accepts, in the order they are tried.
    static let factors: [any SecondFactor] = [TOTPFactor(), RecoveryCodeFactor()]

    /// Which second factor let the person in ("totp", "recovery", or "none" before
    /// enrolment), consuming it; nil when the code is missing or wrong.
    private func secondFactor(of stored: inout StoredAccount, code: String?, now: Date) -> String? {
        guard stored.credentials.hasSecondFactor else { return "none" }
        guard let code, !code.isEmpty else { return nil }
        for factor in Self.factors where factor.isEnrolled(stored.credentials) {
            if factor.accept(.code(code), credentials: &stored.credentials, at: now) { return factor.name }
        }
        return nil
    }

    /// Drops the in-memory failures that no longer count, once the maps have grown: an attacker
    /// trying many names from many addresses must not grow them without end.
    private func forgetOldFailures(now: Date) {
        guard pairFailures.count + addressFailures.count + unknownNameFailures.count > 50_000 else { return }
        pairFailures = pairFailures.compactMapValues { accountThrottle.recent($0, now: now).nilIfEmpty }
        addressFailures = addressFailures.compactMapValues { addressThrottle.recent($0, now: now).nilIfEmpty }
        unknownNameFailures = unknownNameFailures.compactMapValues { accountThrottle.recent($0, now: now).nilIfEmpty }
    }

    private func refuse(_ stored: StoredAccount, pairKey: String, address: String, now: Date) async throws -> SignInResult {
        forgetOldFailures(now: now)
        var failed = stored
        failed.credentials.recentFailures = accountThrottle.recent(stored.credentials.recentFailures + [now], now: now)
        pairFailures[pairKey] = accountThrottle.recent((pairFailures[pairKey] ?? []) + [now], now: now)
        addressFailures[address] = addressThrottle.recent((addressFailures[address] ?? []) + [now], now: now)
        try await accounts.saveAccount(failed, action: .loginFailure, detail: "from=\(address)", by: .system)
        return .refused
    }

    private func refuseUnknown(_ key: String, pairKey: String, address: String, now: Date) async throws -> SignInResult {
        forgetOldFailures(now: now)
        // The same work as a real attempt: one hash, one audited write.
        do {
            let parameters = hashParameters
            _ = try await hashing.run { PasswordHasher.verifyNothing(parameters: parameters) }
        } catch is HashingGate.Busy {
            return .busy
        }
        unknownNameFailures[key] = accountThrottle.recent((unknownNameFailures[key] ?? []) + [now], now: now)
        pairFailures[pairKey] = accountThrottle.recent((pairFailures[pairKey] ?? []) + [now], now: now)
        addressFailures[address] = addressThrottle.recent((addressFailures[address] ?? []) + [now], now: now)
        try await accounts.recordSignInFailureForUnknownAccount(address: address)
        return .refused
    }

    /// A refusal without a check, on the record like every other attempt.
    private func throttled(_ wait: TimeInterval, accountID: UUID?, address: String) async throws -> SignInResult {
        try await accounts.recordThrottledSignIn(accountID: accountID, address: address)
        return .throttled(retryAfter: max(1, WholeNumber.exact(wait.rounded(.up), in: 0...86_400) ?? 86_400))
    }

    private func beginCheck(of name: String) async {
        guard namesInCheck.insert(name).inserted else {
            // The attempt ahead hands its place over on leaving (`endCheck`).
            await withCheckedContinuation { waitingForName[name, default: []].append($0) }
            return
        }
    }

    private func endCheck(of name: String) {
        guard var waiting = waitingForName[name], !waiting.isEmpty else {
            namesInCheck.remove(name)
            return
        }
        let next = waiting.removeFirst()
        waitingForName[name] = waiting.isEmpty ? nil : waiting
        next.resume()
    }

    // MARK: - Sessions

    /// The account and session a token belongs to, if the session is alive and the account
    /// enabled; ends an expired session on the way.
    public func authenticate(token: String) async throws -> (account: Account, session: StoredSession)? {
        if case .valid(let account, let session) = try await check(token: token) { return (account, session) }
        return nil
    }

    /// What a session token is worth now.
    public enum SessionCheck: Sendable {
        /// A live session of an enabled account.
        case valid(Account, StoredSession)
        /// A session that has just reached its idle or absolute timeout (and is now ended):
        /// whose it was, so that a form posted with it can be kept for that account.
        case expired(accountID: UUID)
        /// No session (unknown, signed out, revoked, or a disabled account's).
        case none
    }

    /// Checks a session token: a live session is touched (its idle time starts again, to within
    /// ``SessionPolicy/touchInterval``); one
    /// that has timed out is ended, and the account it belonged to is named.
    public func check(token: String) async throws -> SessionCheck {
        let now = clock()
        guard let (session, owner) = try await accounts.sessionWithAccount(tokenHash: Self.hash(token)) else { return .none }
        if let end = sessionPolicy.expiry(createdAt: session.createdAt, lastSeen: session.lastSeenAt, now: now) {
            try await accounts.endSession(tokenHash: session.tokenHash, accountID: session.accountID, reason: end, by: .system)
            return .expired(accountID: session.accountID)
        }
        guard let stored = owner, !stored.account.disabled else {
            try await accounts.endSession(tokenHash: session.tokenHash, accountID: session.accountID, reason: .revoked, by: .system)
            return .none
        }
        if sessionPolicy.needsTouch(lastSeen: session.lastSeenAt, now: now) {
            try await accounts.touchSession(tokenHash: session.tokenHash, at: now)
        }
        return .valid(stored.account, session)
    }

    /// Signs out: the session ends at once.
    public func signOut(token: String) async throws {
        guard let session = try await accounts.session(tokenHash: Self.hash(token)) else { return }
        try await accounts.endSession(tokenHash: session.tokenHash, accountID: session.accountID, reason: .revoked,
                                   by: .account(session.accountID))
    }

    // MARK: - Tokens

    /// 256 random bits, base64url without padding.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// What the store keeps of a token.
    static func hash(_ token: String) -> String { SHA256Hex.of(Data(token.utf8)) }

    private func actor(_ stored: StoredAccount) -> ActingIdentity { .account(stored.account.id) }
}

private extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
