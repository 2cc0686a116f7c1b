import Foundation
import HavenCore
import HavenCrypto
@testable import HavenServer
import HavenStore
import Testing
import HavenTestSupport

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    // `@unchecked`: every access holds the lock.
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)
    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current.addTimeInterval(seconds) } }
    /// Sets the time, for a test that records what happened on given days.
    func set(_ date: Date) { lock.withLock { current = date } }
}

/// Sign-in, second factors, throttling and session lifetimes over a real SQLite store.
@Suite(.serialized)
struct AuthenticatorTests {
    static let password = "두만강 새벽 기차는 느리다"

    struct Rig {
        let store: SQLStore
        let auth: Authenticator
        let clock: ManualClock
        let directory: URL
        let account: Account
    }

    /// A store with one documenter account (`minjung`), optionally with TOTP enrolled.
    func withRig(totp secret: Data? = nil, recoveryCodes: [String] = [], _ body: (Rig) async throws -> Void) async throws {
        let directory = try TemporaryDirectory.make("haven-auth")
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock()
        let store = try await SQLStore.open(.sqlite(path: directory.appendingPathComponent("haven.sqlite").path))
        try await store.initialise(master: MasterKey.random(), scrypt: nil, by: .system)
        var credentials = AccountCredentials(passwordHash: try PasswordHasher.hash(Self.password, parameters: .forTesting()).encoded,
                                             mustChangePassword: false)
        credentials.totpSecret = secret
        credentials.recoveryCodeHashes = recoveryCodes.map { SHA256Hex.of(Data(ReadableSecret.normalise($0).utf8)) }
        let account = Account(username: "minjung", role: .documenter, compartments: ["seoul"])
        _ = try await store.createAccount(account, credentials: credentials, by: .localOperator)
        let auth = Authenticator(store: store, hashParameters: .forTesting(), clock: { clock.now })
        try await body(Rig(store: store, auth: auth, clock: clock, directory: directory, account: account))
        try await store.close()
    }

    func tokenOf(_ result: SignInResult) -> String? {
        if case .signedIn(let token, _) = result { return token }
        return nil
    }

    func scopeOf(_ result: SignInResult) -> SessionScope? {
        if case .signedIn(_, let session) = result { return session.scope }
        return nil
    }

    @Test func withoutASecondFactorASessionCanOnlyEnrol() async throws {
        try await withRig { rig in
            let result = try await rig.auth.signIn(username: "MinJung", password: Self.password, code: nil, address: "10.0.0.1")
            #expect(scopeOf(result) == .enrolment)
            let token = try #require(tokenOf(result))
            #expect(token.count == 43)  // 256 bits, base64url
            let (account, session) = try #require(try await rig.auth.authenticate(token: token))
            #expect(account.id == rig.account.id)
            #expect(session.tokenHash != token)
        }
    }

    @Test func aTOTPCodeWorksOnceAndTheNextStepWorksAgain() async throws {
        let secret = TOTP.randomSecret()
        try await withRig(totp: secret) { rig in
            let totp = TOTP(secret: secret)
            let code = totp.code(at: rig.clock.now)
            let first = try await rig.auth.signIn(username: "minjung", password: Self.password, code: code, address: "10.0.0.1")
            #expect(scopeOf(first) == .full)
            // The same code again, a second later: a replay.
            rig.clock.advance(1)
            let replay = try await rig.auth.signIn(username: "minjung", password: Self.password, code: code, address: "10.0.0.1")
            #expect(replay == .refused)
            rig.clock.advance(30)
            let next = try await rig.auth.signIn(username: "minjung", password: Self.password, code: totp.code(at: rig.clock.now),
                                                 address: "10.0.0.1")
            #expect(scopeOf(next) == .full)
            // Password right, code missing or wrong: refused alike.
            rig.clock.advance(31)
            #expect(try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil, address: "10.0.0.1") == .refused)
        }
    }

    @Test func recoveryCodesWorkOnceEach() async throws {
        let codes = [ReadableSecret.make(), ReadableSecret.make()]
        try await withRig(totp: TOTP.randomSecret(), recoveryCodes: codes) { rig in
            let typed = codes[0].uppercased().replacingOccurrences(of: "-", with: " ")
            let first = try await rig.auth.signIn(username: "minjung", password: Self.password, code: typed, address: "10.0.0.1")
            #expect(scopeOf(first) == .full)
            let again = try await rig.auth.signIn(username: "minjung", password: Self.password, code: codes[0], address: "10.0.0.1")
            #expect(again == .refused)
            let other = try await rig.auth.signIn(username: "minjung", password: Self.password, code: codes[1], address: "10.0.0.1")
            #expect(scopeOf(other) == .full)
            let left = try #require(try await rig.store.account(id: rig.account.id)).credentials.recoveryCodeHashes
            #expect(left.isEmpty)
        }
    }

    @Test func anUnknownAccountAndAWrongPasswordAreRefusedAlikeAndBothAudited() async throws {
        try await withRig { rig in
            let unknown = try await rig.auth.signIn(username: "nobody", password: Self.password, code: nil, address: "10.0.0.2")
            let wrong = try await rig.auth.signIn(username: "minjung", password: "not the password at all", code: nil, address: "10.0.0.3")
            #expect(unknown == .refused)
            #expect(wrong == .refused)
            let entries = try await rig.store.auditLog().map(\.entry).filter { $0.action == "login.failure" }
            #expect(entries.count == 2)
            #expect(entries.contains { $0.detail.contains("account=unknown from=10.0.0.2") })
            #expect(entries.contains { $0.recordID == rig.account.id.uuidString.lowercased() && $0.detail.contains("from=10.0.0.3") })
            #expect(!entries.contains { $0.detail.contains("nobody") || $0.detail.contains("minjung") })
        }
    }

    @Test func aDisabledAccountCannotSignInAndItsSessionsStop() async throws {
        try await withRig { rig in
            let token = try #require(tokenOf(try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil,
                                                                      address: "10.0.0.1")))
            var stored = try #require(try await rig.store.account(id: rig.account.id))
            stored.account.disabled = true
            try await rig.store.saveAccount(stored, action: .accountDisable, by: .localOperator)
            #expect(try await rig.auth.authenticate(token: token) == nil)
            #expect(try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil, address: "10.0.0.1") == .refused)
        }
    }

    @Test func enrollingATOTPFactorGivesTenRecoveryCodesAndEndsOtherSessions() async throws {
        try await withRig { rig in
            let token = try #require(tokenOf(try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil,
                                                                        address: "10.0.0.1")))
            let enrolment = try await rig.auth.beginEnrolment(accountID: rig.account.id)
            #expect(enrolment.uri.hasPrefix("otpauth://totp/Haven:minjung?secret=\(enrolment.secret)"))
            let secret = try #require(Base32.decode(enrolment.secret))
            #expect(try await rig.auth.confirmEnrolment(accountID: rig.account.id, code: "000000") == nil
                    || TOTP(secret: secret).code(at: rig.clock.now) == "000000")
            let codes = try #require(try await rig.auth.confirmEnrolment(accountID: rig.account.id,
                                                                          code: TOTP(secret: secret).code(at: rig.clock.now)))
            #expect(codes.count == 10)
            #expect(Set(codes).count == 10)
            #expect(try await rig.auth.authenticate(token: token) == nil)
            // The enrolment code's step is used: the same code does not sign in.
            let replay = try await rig.auth.signIn(username: "minjung", password: Self.password,
                                                   code: TOTP(secret: secret).code(at: rig.clock.now), address: "10.0.0.1")
            #expect(replay == .refused)
            rig.clock.advance(30)
            let full = try await rig.auth.signIn(username: "minjung", password: Self.password,
                                                 code: TOTP(secret: secret).code(at: rig.clock.now), address: "10.0.0.1")
            #expect(scopeOf(full) == .full)
        }
    }

    @Test func changingThePasswordChecksTheOldOneAndThePolicyAndEndsEverySession() async throws {
        try await withRig { rig in
            let token = try #require(tokenOf(try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil,
                                                                        address: "10.0.0.1")))
            await #expect(throws: PasswordChangeError.wrongCurrentPassword) {
                try await rig.auth.changePassword(accountID: rig.account.id, current: "wrong wrong wrong", new: "a brand new pass phrase")
            }
            do {
                try await rig.auth.changePassword(accountID: rig.account.id, current: Self.password, new: "password1234")
                Issue.record("a common password was accepted")
            } catch PasswordChangeError.rejected(let why) {
                #expect(why.ko.contains("비밀번호"))
            }
            #expect(try await rig.auth.authenticate(token: token) != nil)
            try await rig.auth.changePassword(accountID: rig.account.id, current: Self.password, new: "a brand new pass phrase")
            #expect(try await rig.auth.authenticate(token: token) == nil)
            #expect(try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil, address: "10.0.0.1") == .refused)
            rig.clock.advance(5)
            let again = try await rig.auth.signIn(username: "minjung", password: "a brand new pass phrase", code: nil, address: "10.0.0.1")
            #expect(tokenOf(again) != nil)
        }
    }

    @Test func sessionsEndWhenIdleWhenOldAndWhenSignedOut() async throws {
        try await withRig { rig in
            func signIn() async throws -> String {
                try #require(tokenOf(try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil, address: "10.0.0.1")))
            }
            // Idle: 15 minutes without a request.
            let idle = try await signIn()
            rig.clock.advance(14 * 60)
            #expect(try await rig.auth.authenticate(token: idle) != nil)
            rig.clock.advance(15 * 60)
            #expect(try await rig.auth.authenticate(token: idle) == nil)

            // Absolute: a request every 10 minutes still ends at 12 hours.
            let busy = try await signIn()
            for _ in 0..<71 {
                rig.clock.advance(10 * 60)
                #expect(try await rig.auth.authenticate(token: busy) != nil)
            }
            rig.clock.advance(10 * 60)
            #expect(try await rig.auth.authenticate(token: busy) == nil)

            // Signed out.
            let out = try await signIn()
            try await rig.auth.signOut(token: out)
            #expect(try await rig.auth.authenticate(token: out) == nil)
            #expect(try await rig.auth.authenticate(token: "not-a-token") == nil)
        }
    }

    @Test func aBusySessionRecordsItsLastRequestOnceInTheTouchIntervalNotOnEveryRequest() async throws {
        try await withRig { rig in
            let token = try #require(tokenOf(try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil, address: "10.0.0.1")))
            let signedInAt = rig.clock.now
            func lastSeen() async throws -> Date { try #require(try await rig.store.session(tokenHash: Authenticator.hash(token))).lastSeenAt }
            rig.clock.advance(SessionPolicy.touchInterval / 2)
            #expect(try await rig.auth.authenticate(token: token) != nil)
            #expect(try await lastSeen() == signedInAt)
            rig.clock.advance(SessionPolicy.touchInterval)
            #expect(try await rig.auth.authenticate(token: token) != nil)
            #expect(try await lastSeen() == rig.clock.now)
            // The idle timeout counts from the request last recorded.
            rig.clock.advance(15 * 60 - 1)
            #expect(try await rig.auth.authenticate(token: token) != nil)
        }
    }

    @Test func repeatedFailuresDelayTheNextAttemptForRealAndUnknownNamesAlike() async throws {
        try await withRig { rig in
            for name in ["minjung", "nobody"] {
                for _ in 0..<3 {
                    #expect(try await rig.auth.signIn(username: name, password: "wrong password here", code: nil, address: "10.0.0.\(name.count)") == .refused)
                }
                // Even the right password waits now.
                let held = try await rig.auth.signIn(username: name, password: Self.password, code: nil, address: "10.0.0.\(name.count)")
                #expect(held == .throttled(retryAfter: 1))
            }
            rig.clock.advance(2)
            #expect(scopeOf(try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil, address: "10.0.0.7")) == .enrolment)
        }
    }

    /// The review locked every account out from one address. Failures from one address delay
    /// that address's attempts; the account signs in from elsewhere.
    @Test func failuresFromOneAddressDoNotLockTheAccountOutElsewhere() async throws {
        try await withRig { rig in
            for _ in 0..<12 {
                _ = try await rig.auth.signIn(username: "minjung", password: "wrong", code: nil, address: "203.0.113.66")
            }
            #expect(try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil, address: "203.0.113.66") != .refused)
            if case .throttled = try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil, address: "203.0.113.66") {} else {
                Issue.record("the attacking address is held")
            }
            #expect(scopeOf(try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil, address: "198.51.100.7")) == .enrolment,
                    "the owner signs in from another address")
            // A hundred failures within the hour from many addresses hold the account everywhere.
            for i in 0..<100 {
                _ = try await rig.auth.signIn(username: "minjung", password: "wrong", code: nil, address: "192.0.2.\(i)")
            }
            if case .throttled = try await rig.auth.signIn(username: "minjung", password: Self.password, code: nil, address: "198.51.100.7") {} else {
                Issue.record("a hundred failures within the hour hold the account")
            }
        }
    }

    /// The review sent 34 simultaneous wrong passwords for one account: 32 collided (409), one
    /// was logged, and an unknown name gave only 401s. Every attempt must count, be logged, and
    /// get the answer an unknown name gets.
    @Test func concurrentWrongPasswordsAreEachCountedLoggedAndAnsweredAsForAnUnknownName() async throws {
        try await withRig { rig in
            func storm(_ username: String) async throws -> [String] {
                try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<34 {
                        group.addTask {
                            switch try await rig.auth.signIn(username: username, password: "wrong", code: nil, address: "10.0.0.9") {
                            case .refused: "refused"
                            case .throttled: "throttled"
                            case .busy: "busy"
                            case .signedIn: "signed in"
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }.sorted()
                }
            }
            let before = try await rig.store.auditLog().count
            let known = try await storm("minjung")
            let afterKnown = try await rig.store.auditLog()
            let unknown = try await storm("no.such.person")
            let afterUnknown = try await rig.store.auditLog()
            #expect(known == unknown, "a known name is answered as an unknown one")
            #expect(known.filter { $0 == "refused" }.count == LoginThrottle().freeFailures)
            #expect(!known.contains("signed in"))
            let attempts = { (entries: ArraySlice<SignedAuditEntry>) in entries.filter { ["login.failure", "login.throttled"].contains($0.entry.action) }.count }
            #expect(attempts(afterKnown[before...]) == 34, "every attempt on a known name is in the log")
            #expect(attempts(afterUnknown[afterKnown.count...]) == 34, "every attempt on an unknown name is in the log")
            let stored = try #require(try await rig.store.account(id: rig.account.id))
            #expect(stored.credentials.recentFailures.count == LoginThrottle().freeFailures, "failures were saved, none lost to a collision")
        }
    }
}

/// The throttle's arithmetic and the hashing gate's bound.
struct ThrottleTests {
    @Test func delaysDoubleAndAHundredFailuresHoldTheAccountForTheHour() {
        let throttle = LoginThrottle()
        let start = Date(timeIntervalSince1970: 0)
        #expect(throttle.wait(after: [start, start], now: start) == nil)
        #expect(throttle.wait(after: [start, start, start], now: start) == 1)
        #expect(throttle.wait(after: Array(repeating: start, count: 5), now: start) == 4)
        #expect(throttle.wait(after: Array(repeating: start, count: 40), now: start) == TimeInterval(15 * 60))
        let hundred = (0..<100).map { start.addingTimeInterval(Double($0)) }
        let wait = throttle.wait(after: hundred, now: start.addingTimeInterval(100))
        #expect(wait == 3_500)
        // Once the last of them is more than an hour old, the account is free again.
        #expect(throttle.wait(after: hundred, now: start.addingTimeInterval(3_700)) == nil)
    }

    @Test func theGateRefusesWhenTooManyWait() async throws {
        let gate = HashingGate(limit: 1, maximumWaiting: 0)
        // The first job holds the only slot until released: no timing involved.
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        async let slow: Int = gate.run { started.signal(); release.wait(); return 1 }
        await withCheckedContinuation { continuation in DispatchQueue.global().async { started.wait(); continuation.resume() } }
        await #expect(throws: HashingGate.Busy.self) { _ = try await gate.run { 2 } }
        release.signal()
        #expect(try await slow == 1)
        #expect(try await gate.run { 3 } == 3)
    }
}
