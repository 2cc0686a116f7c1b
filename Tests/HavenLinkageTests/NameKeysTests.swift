import HavenLinkage
import Testing

/// The search index's name keys: every spelling of one Korean name shares one, another surname
/// or given name does not.
@Suite
struct NameKeysTests {
    @Test(arguments: [
        ["김정숙", "Kim Jeong-suk", "Kim Chŏng-suk", "KIM JONG SUK", "Jeongsuk Kim"],
        ["박정숙", "Park Jeong-suk", "Pak Chŏng-suk"],
        ["이순희", "리순희", "Ri Sun-hui", "Lee Soon-hee", "Yi Sun-hui"],
    ])
    func everySpellingOfANameSharesAKey(_ spellings: [String]) {
        let first = Set(NameKeys.of(spellings[0]))
        #expect(!first.isEmpty)
        for spelling in spellings.dropFirst() {
            #expect(!first.isDisjoint(with: NameKeys.of(spelling)), "\(spelling) meets \(spellings[0])")
        }
    }

    @Test func anotherSurnameOrGivenNameIsAnotherKey() {
        let kim = Set(NameKeys.of("김정숙"))
        for other in ["박정숙", "김영희", "Park Jeong-suk", "Kim Young-hee"] {
            #expect(kim.isDisjoint(with: NameKeys.of(other)), "\(other) is another name")
        }
        #expect(NameKeys.of("arrested").isEmpty && NameKeys.of("").isEmpty && NameKeys.of(String(repeating: "김", count: 200)).isEmpty)
    }
}
