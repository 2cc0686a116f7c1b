@testable import HavenStore
import HavenCore
import Testing
import HavenFixtures

/// The posting-list intersection behind every text search.
struct SearchIndexTests {
    @Test func intersectionOfAscendingListsEqualsTheSetIntersection() {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            let a = Set((0..<Int.random(in: 0...60, using: &rng)).map { _ in Int32.random(in: 0...300, using: &rng) }).sorted()
            let b = Set((0..<Int.random(in: 0...400, using: &rng)).map { _ in Int32.random(in: 0...300, using: &rng) }).sorted()
            let expected = Set(a).intersection(b).sorted()
            #expect(SearchIndex.intersect(a, b) == expected)
            #expect(SearchIndex.intersect(b, a) == expected)
        }
    }

    @Test func intersectionHandlesEmptyAndDisjointEnds() {
        #expect(SearchIndex.intersect([], [1, 2, 3]).isEmpty)
        #expect(SearchIndex.intersect([1, 2, 3], []).isEmpty)
        #expect(SearchIndex.intersect([5, 9], [1, 2, 3]).isEmpty)
        #expect(SearchIndex.intersect([1, 3, 900], [3, 900]) == [3, 900])
    }
}
