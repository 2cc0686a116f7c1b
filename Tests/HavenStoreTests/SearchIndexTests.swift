@testable import HavenStore
import HavenCore
import Testing

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

/// The parallel map that opens records at unlock.
struct ParallelMapTests {
    struct Odd: Error {}

    @Test func keepsOrderAcrossChunks() throws {
        let items = Array(0..<10_007)
        #expect(try ParallelMap.map(items) { $0 * 3 } == items.map { $0 * 3 })
    }

    @Test func aFailureInAnyChunkIsThrown() {
        #expect(throws: Odd.self) {
            try ParallelMap.map(Array(0..<5_000)) { value -> Int in
                if value == 4_321 { throw Odd() }
                return value
            }
        }
    }
}
