import Foundation
import HavenCore
import Testing

/// Password policy and what each role may do.
struct AccessTests {
    let policy = PasswordPolicy()

    @Test func theShippedListHoldsTenThousandCommonPasswords() {
        #expect(CommonPasswords.shared.count == 10_000)
        #expect(CommonPasswords.shared.contains("password"))
        #expect(CommonPasswords.shared.contains("PASSWORD"))
        #expect(!CommonPasswords.shared.contains("두만강을 건너는 새벽 기차"))
    }

    @Test func commonPasswordsAreRefusedEvenWhenLongEnough() throws {
        let common = try #require(["1qaz2wsx3edc", "qwertyuiopasdfghjkl", "123456789012"].first { CommonPasswords.shared.contains($0) })
        #expect(common.count >= 12)
        #expect(policy.problem(with: common)?.en.contains("common") == true)
    }

    @Test func lengthIsTheOnlyCompositionRule() {
        #expect(policy.problem(with: "short pass")?.en.contains("12") == true)
        #expect(policy.problem(with: "short pass")?.ko.contains("12자") == true)
        #expect(policy.problem(with: "all lowercase words are fine") == nil)
        #expect(policy.problem(with: "두만강을 건너는 새벽 기차") == nil)
        #expect(policy.problem(with: String(repeating: "강", count: 128)) != nil)  // one character repeated
        #expect(policy.problem(with: String(repeating: "가나다라", count: 32)) == nil)  // 128 Hangul characters
        #expect(policy.problem(with: String(repeating: "ab", count: 513)) != nil)  // over 1,024
    }

    @Test func aPasswordHoldingTheUserNameIsRefused() {
        #expect(policy.problem(with: "minjung-haven-2024", username: "minjung") != nil)
        #expect(policy.problem(with: "river crossing at dawn", username: "minjung") == nil)
    }

    @Test func userNamesAllowTwoSyllableHangulAndRefuseSpaces() {
        #expect(Account.usernameProblem("민정") == nil)
        #expect(Account.usernameProblem("kim.minjung_2") == nil)
        #expect(Account.usernameProblem("k") != nil)
        #expect(Account.usernameProblem("kim minjung") != nil)
        #expect(Account.usernameProblem("kim@haven") != nil)
        #expect(Account.normaliseUsername("  Kim.MinJung ") == "kim.minjung")
        #expect(Account.normaliseUsername("민정".decomposedStringWithCanonicalMapping) == "민정")
    }

    @Test func rolesGrantOnlyWhatTheirDutiesNeed() {
        #expect(Role.reviewer.allows(.readRecords))
        #expect(!Role.reviewer.allows(.readProtected))
        #expect(!Role.reviewer.allows(.writeRecords))
        #expect(Role.documenter.allows(.writeRecords))
        #expect(!Role.documenter.allows(.requestExport))
        #expect(!Role.documenter.allows(.analyse))
        #expect(Role.analyst.allows(.approveExport))
        #expect(!Role.analyst.allows(.manageUsers))
        #expect(Role.administrator.allows(.manageUsers))
        #expect(!Role.administrator.allows(.analyse))
        #expect(!Role.administrator.allows(.readRecords))
        #expect(!Role.administrator.allows(.requestExport))
        #expect(Role.administrator.allows(.readAudit))
        #expect(Role.reviewer.isAtMost(.documenter))
        #expect(!Role.analyst.isAtMost(.documenter))
        for role in Role.allCases {
            #expect(!role.label.ko.isEmpty)
            #expect(role.allows(.manageOwnAccount))
        }
    }
}
