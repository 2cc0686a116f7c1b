import HavenLinkage
import Testing

/// Blocking unions its rules' pairs once each and skips keys too common to use; clustering joins
/// what links strongly and never chains two people together through one ambiguous link.
struct BlockingClusteringTests {
    @Test func rulesAreUnionedAndEachPairComparedOnce() {
        let keys: [[String?]] = [["kim", "kim", "pak", "kim", nil], ["1979", "1980", "1979", "1979", "1979"]]
        let pairs = Blocking().pairs(keys: keys).map { "\($0.0)-\($0.1)" }
        #expect(Set(pairs) == ["0-1", "0-3", "1-3", "0-2", "2-3", "0-4", "2-4", "3-4"] && pairs.count == 8)
        #expect(Blocking(maximumBlock: 3).pairs(keys: [["kim", "kim", "kim", "kim"]]).isEmpty, "a key shared by too many records is skipped")
    }

    @Test func clustersDoNotChainThroughAnAmbiguousLink() {
        // A–B are surely one; B–C looks alike, but A–C is surely two people: C stays apart.
        let chained = Clustering().clusters(count: 3, pairs: [(0, 1, 0.99), (1, 2, 0.95), (0, 2, 0.01)])
        #expect(chained == [0, 0, 1])
        // Without the evidence against, B–C joins them.
        #expect(Clustering().clusters(count: 3, pairs: [(0, 1, 0.99), (1, 2, 0.95)]) == [0, 0, 0])
        // Below the threshold nothing joins; every record has exactly one cluster.
        let clusters = Clustering(threshold: 0.9).clusters(count: 5, pairs: [(0, 4, 0.5), (1, 3, 0.92)])
        #expect(clusters == [0, 1, 2, 1, 3])
    }
}
