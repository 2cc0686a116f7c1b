import Foundation
import HavenCore
import HavenCrypto
import HavenServer
import HavenStore

/// Times refused sign-ins for an unknown user name and for a wrong password, with the real
/// scrypt parameters, to show that the two cannot be told apart by their duration.
enum SignInTiming {
    /// A clock that jumps an hour at each attempt, so that no throttle shortens an attempt.
    final class JumpingClock: @unchecked Sendable {
        private let lock = NSLock()
        private var now = Date()
        func next() -> Date { lock.withLock { now = now.addingTimeInterval(3_601); return now } }
    }

    static func measure(attempts: Int) async throws -> (unknown: [Double], wrong: [Double]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("haven-bench-signin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLStore.open(.sqlite(path: directory.appendingPathComponent("haven.sqlite").path))
        try await store.initialise(master: MasterKey.random(), scrypt: nil, by: .system)
        var credentials = AccountCredentials(passwordHash: try PasswordHasher.hash("the right pass phrase 정답").encoded, mustChangePassword: false)
        credentials.totpSecret = TOTP.randomSecret()
        _ = try await store.createAccount(Account(username: "timing.check", role: .reviewer, compartments: []),
                                          credentials: credentials, by: .system)
        let clock = JumpingClock()
        let authenticator = Authenticator(store: store, clock: { clock.next() })
        var unknown: [Double] = [], wrong: [Double] = []
        // Alternating, so that drift of the machine touches both alike.
        for i in 0..<attempts {
            for known in [true, false] {
                let start = ContinuousClock.now
                let result = try await authenticator.signIn(username: known ? "timing.check" : "nobody-\(i)", password: "a wrong pass phrase",
                                                            code: "123456", address: "bench-\(i)")
                let elapsed = ContinuousClock.now - start
                guard result == .refused else { throw CLIFailure("attempt \(i) was not simply refused: \(result)") }
                let ms = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
                if known { wrong.append(ms) } else { unknown.append(ms) }
            }
        }
        try await store.close()
        return (unknown.sorted(), wrong.sorted())
    }

    struct CLIFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
