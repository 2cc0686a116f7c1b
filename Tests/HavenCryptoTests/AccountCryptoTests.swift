import Foundation
import HavenCrypto
import Testing

/// TOTP, base32 and password hashing against their published vectors and the failures that
/// matter for accounts.
struct AccountCryptoTests {
    // RFC 6238 appendix B: the seeds are ASCII digits repeated to the hash's block-key size.
    static let seed1 = Data("12345678901234567890".utf8)
    static let seed256 = Data("12345678901234567890123456789012".utf8)
    static let seed512 = Data("1234567890123456789012345678901234567890123456789012345678901234".utf8)
    static let vectors: [(time: TimeInterval, sha1: String, sha256: String, sha512: String)] = [
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ]

    @Test func totpMatchesRFC6238AppendixB() {
        for v in Self.vectors {
            let date = Date(timeIntervalSince1970: v.time)
            #expect(TOTP(secret: Self.seed1, digits: 8, algorithm: .sha1).code(at: date) == v.sha1)
            #expect(TOTP(secret: Self.seed256, digits: 8, algorithm: .sha256).code(at: date) == v.sha256)
            #expect(TOTP(secret: Self.seed512, digits: 8, algorithm: .sha512).code(at: date) == v.sha512)
        }
    }

    @Test func totpMatchReturnsTheStepWithinTheWindowOnly() {
        let totp = TOTP(secret: Self.seed1)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let step = totp.step(at: now)
        #expect(totp.match(totp.code(step: step), at: now) == step)
        #expect(totp.match(totp.code(step: step - 1), at: now) == step - 1)
        #expect(totp.match(totp.code(step: step + 1), at: now) == step + 1)
        #expect(totp.match(totp.code(step: step - 2), at: now) == nil)
        #expect(totp.match("12345", at: now) == nil)
        #expect(totp.match("abcdef", at: now) == nil)
    }

    @Test func totpProvisioningURICarriesTheBase32Secret() throws {
        let uri = TOTP(secret: Self.seed1).provisioningURI(issuer: "Haven", account: "kim")
        #expect(uri.hasPrefix("otpauth://totp/Haven:kim?"))
        #expect(uri.contains("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
    }

    @Test func base32MatchesRFC4648Vectors() {
        let vectors = [("", ""), ("f", "MY======"), ("fo", "MZXQ===="), ("foo", "MZXW6==="), ("foob", "MZXW6YQ="),
                       ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI======")]
        for (plain, encoded) in vectors {
            #expect(Base32.encode(Data(plain.utf8)) == encoded)
            #expect(Base32.decode(encoded) == Data(plain.utf8))
            #expect(Base32.decode(encoded.lowercased().replacingOccurrences(of: "=", with: "")) == Data(plain.utf8))
        }
        #expect(Base32.decode("MZXW1") == nil)  // 1 is not in the alphabet
        #expect(Base32.decode("M") == nil)      // no encoder ends on one character
    }

    @Test func aLongHangulPasswordHashesAndVerifies() throws {
        let password = String(repeating: "비밀번호는길어야안전합니다", count: 10).prefix(128)
        #expect(password.count == 128)
        let hash = try PasswordHasher.hash(String(password), parameters: .forTesting())
        #expect(PasswordHasher.verify(String(password), against: hash))
        // The same text in decomposed jamo (another keyboard) verifies too.
        #expect(PasswordHasher.verify(String(password).decomposedStringWithCanonicalMapping, against: hash))
        #expect(!PasswordHasher.verify(String(password.dropLast()), against: hash))
    }

    @Test func passwordsSharingTheirFirst72BytesDoNotBothVerify() throws {
        // 24 Hangul syllables are 72 bytes of UTF-8: bcrypt would see these two as one.
        let shared = String(repeating: "가", count: 24)
        #expect(Data(shared.utf8).count == 72)
        let hash = try PasswordHasher.hash(shared + "첫째", parameters: .forTesting())
        #expect(PasswordHasher.verify(shared + "첫째", against: hash))
        #expect(!PasswordHasher.verify(shared + "둘째", against: hash))
        #expect(!PasswordHasher.verify(shared, against: hash))
    }

    @Test func passwordHashesRoundTripThroughTheirStoredFormAndHideTheHash() throws {
        let hash = try PasswordHasher.hash("correct horse battery staple", parameters: .forTesting())
        let reread = try #require(PasswordHash(encoded: hash.encoded))
        #expect(reread == hash)
        #expect(hash.encoded.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(!hash.description.contains(hash.hash.base64EncodedString().prefix(10)))
        #expect(PasswordHash(encoded: "$2b$12$abcdefghijklmnopqrstuv") == nil)
        #expect(PasswordHash(encoded: "$scrypt$ln=4,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") == nil)
    }

    @Test func theStandardParametersAreAtLeastOWASPs() {
        let standard = PasswordHasher.standardParameters()
        #expect(standard.logN >= 17)
        #expect(standard.r >= 8)
        #expect(standard.p >= 1)
    }

    @Test func constantTimeEqualityComparesWholeStrings() {
        #expect(ConstantTime.equal(Data([1, 2, 3]), Data([1, 2, 3])))
        #expect(!ConstantTime.equal(Data([1, 2, 3]), Data([1, 2, 4])))
        #expect(!ConstantTime.equal(Data([1, 2]), Data([1, 2, 3])))
    }
}
