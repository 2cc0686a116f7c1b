import Foundation

/// What Haven accepts as an account password, after NIST SP 800-63B and OWASP ASVS 5.0: long
/// enough, not known to attackers, no composition rules.
public struct PasswordPolicy: Sendable {
    /// Fewest characters (after NFC normalisation).
    public var minimumLength = 12
    /// Most characters; generous, so that pass phrases fit, and bounded, so that hashing a
    /// megabyte cannot be used to tire the server.
    public var maximumLength = 1_024

    /// The default policy.
    public init() {}

    /// Why a password is refused, in English and Korean; nil when it is acceptable. Never
    /// repeats the password.
    public func problem(with password: String, username: String? = nil) -> LocalizedLabel? {
        let normalised = password.precomposedStringWithCanonicalMapping
        let length = normalised.count
        if length < minimumLength {
            return LocalizedLabel(en: "The password needs at least \(minimumLength) characters.",
                                  ko: "비밀번호는 \(minimumLength)자 이상이어야 합니다.")
        }
        if length > maximumLength {
            return LocalizedLabel(en: "The password may have at most \(maximumLength) characters.",
                                  ko: "비밀번호는 \(maximumLength)자 이하여야 합니다.")
        }
        if Set(normalised).count == 1 {
            return LocalizedLabel(en: "The password repeats one character.", ko: "비밀번호가 한 글자만 반복합니다.")
        }
        if CommonPasswords.shared.contains(normalised) {
            return LocalizedLabel(en: "This password is on the list of the most common passwords; choose another.",
                                  ko: "가장 흔한 비밀번호 목록에 있는 비밀번호입니다. 다른 비밀번호를 고르십시오.")
        }
        if let username, username.count >= 3, normalised.lowercased().contains(username.lowercased()) {
            return LocalizedLabel(en: "The password must not contain the user name.", ko: "비밀번호에 사용자 이름을 넣을 수 없습니다.")
        }
        return nil
    }
}

/// The 10,000 most common passwords, from the list Django ships (Royce Williams' 2017
/// compilation of breached passwords, ordered by frequency), compared without regard to case.
public final class CommonPasswords: Sendable {
    /// The shipped list.
    public static let shared = CommonPasswords()

    private let passwords: Set<String>

    /// How many passwords the list holds.
    public var count: Int { passwords.count }

    private init() {
        let text = String(decoding: PackageResources.common_passwords_txt, as: UTF8.self)
        passwords = Set(text.split(whereSeparator: \.isNewline).map { $0.lowercased() })
    }

    /// Whether the password is on the list.
    public func contains(_ password: String) -> Bool {
        passwords.contains(password.precomposedStringWithCanonicalMapping.lowercased())
    }
}
