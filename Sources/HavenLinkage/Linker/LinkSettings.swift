/// How ``Linker`` links: which comparisons and blocking rules it uses, which comparisons are
/// adjusted for how common a value is, and where clustering draws the line. The defaults suit
/// Haven's person records and the `haven link` columns.
public struct LinkSettings: Sendable {
    /// The comparisons that make a pair's match weight (those with no values in the input are
    /// left out of a run).
    public var comparisons: [LinkComparison] = LinkComparison.allCases
    public var blocking: [BlockingRule] = BlockingRule.allCases
    /// Comparisons whose exact agreement weighs by how rare the value is: agreeing on Kim says
    /// less than agreeing on Hwangbo.
    public var termFrequency: Set<LinkComparison> = [.familyName, .givenName]
    /// Records join a cluster through a pair at or above this match probability …
    public var threshold = 0.9
    /// … unless a pair between the two clusters is below this one (surely different people).
    public var separation = 0.01
    /// Blocks larger than this are too unspecific to compare in full and are skipped.
    public var maximumBlock = 1_000
    /// Random pairs drawn to estimate u, the chance of each level among non-matches; nil for
    /// ``randomPairs(forRecords:)``.
    public var randomPairs: Int?

    /// 20,000 random pairs, or one for every twenty records up to 50,000. Comparing them is most
    /// of a small run's time, and F1 on Febrl3, Febrl4 and two Korean sets of 10,000 records was
    /// the same (within 0.001) with 10,000, 20,000 and 50,000; among a million records, where
    /// the prior is tiny and rare agreements weigh more, F1 was 0.788 with 20,000, 0.793 with
    /// 50,000 and 0.792 with 100,000.
    public static func randomPairs(forRecords count: Int) -> Int {
        min(max(count / 20, 20_000), 50_000)
    }
    /// Candidate pairs m is learnt from at most (a systematic sample when there are more).
    public var mSamplePairs = 2_000_000
    /// Seed of the random pairs: the same input and seed give the same result.
    public var seed: UInt64 = 1
    /// Pair only records from different sources (linking lists, not deduplicating them).
    public var acrossSourcesOnly = false

    public init() {}
}
