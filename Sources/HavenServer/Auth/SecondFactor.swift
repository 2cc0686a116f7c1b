import Foundation
import HavenCore
import HavenCrypto

/// What a person presents as their second factor at sign-in. Today a typed code (TOTP or
/// recovery); a WebAuthn assertion would be another case, answered by another factor.
public enum FactorProof: Sendable, Equatable {
    /// Six digits from an authenticator app, or a recovery code.
    case code(String)
}

/// One kind of second factor. It checks a proof against an account's credentials and, when it
/// accepts, consumes in them whatever must not be accepted twice. Adding WebAuthn means one more
/// conformance (with its credential in ``AccountCredentials`` and a challenge issued before
/// sign-in), not a change to the sign-in flow.
protocol SecondFactor: Sendable {
    /// The name recorded in the audit log (`login.factor factor=totp`).
    var name: String { get }
    /// Whether the account has this factor.
    func isEnrolled(_ credentials: AccountCredentials) -> Bool
    /// Whether the proof is good now; on success, `credentials` records its use.
    func accept(_ proof: FactorProof, credentials: inout AccountCredentials, at date: Date) -> Bool
}

/// RFC 6238 codes, each time step usable once.
struct TOTPFactor: SecondFactor {
    let name = "totp"

    func isEnrolled(_ credentials: AccountCredentials) -> Bool { credentials.totpSecret != nil }

    func accept(_ proof: FactorProof, credentials: inout AccountCredentials, at date: Date) -> Bool {
        guard case .code(let code) = proof, let secret = credentials.totpSecret,
              let step = TOTP(secret: secret).match(code, at: date), step > credentials.lastTOTPStep else { return false }
        credentials.lastTOTPStep = step
        return true
    }
}

/// The ten single-use recovery codes given at enrolment, stored as SHA-256.
struct RecoveryCodeFactor: SecondFactor {
    let name = "recovery"

    func isEnrolled(_ credentials: AccountCredentials) -> Bool { !credentials.recoveryCodeHashes.isEmpty }

    func accept(_ proof: FactorProof, credentials: inout AccountCredentials, at date: Date) -> Bool {
        guard case .code(let code) = proof else { return false }
        let hashed = Data(SHA256Hex.of(Data(ReadableSecret.normalise(code).utf8)).utf8)
        guard let index = credentials.recoveryCodeHashes.firstIndex(where: { ConstantTime.equal(Data($0.utf8), hashed) }) else { return false }
        credentials.recoveryCodeHashes.remove(at: index)
        return true
    }
}
