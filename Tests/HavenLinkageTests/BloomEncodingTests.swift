import Foundation
import HavenCore
import HavenFixtures
@testable import HavenLinkage
import Testing

/// Privacy-preserving matching: records encoded under a project's secret match across spellings
/// and scripts, the encoding holds no name or date, and another secret's filters do not match.
struct BloomEncodingTests {
    static let secret = Data((0..<32).map { UInt8($0 * 7 + 3) })

    /// Two organisations' records of the same generated people: the NGO's in Hangul on the left,
    /// the others' (passport, press, North Korean spellings) on the right, one record a person a side.
    static func twoOrganisations(persons: Int, seed: UInt64) -> (left: [KoreanRecordGenerator.Row], right: [KoreanRecordGenerator.Row]) {
        let rows = KoreanRecordGenerator(seed: seed).rows(persons: persons)
        var left: [Int: KoreanRecordGenerator.Row] = [:], right: [Int: KoreanRecordGenerator.Row] = [:]
        for row in rows {
            if row.record.source?.hasPrefix("ngo") == true { left[row.person] = left[row.person] ?? row } else { right[row.person] = right[row.person] ?? row }
        }
        return (left.values.sorted { $0.person < $1.person }, right.values.sorted { $0.person < $1.person })
    }

    static func f1(threshold: Double, left: [KoreanRecordGenerator.Row], right: [KoreanRecordGenerator.Row], encoder: BloomEncoder) throws -> (precision: Double, recall: Double, f1: Double) {
        let pairs = try BloomMatcher.match(left.map { encoder.encode($0.record) }, right.map { encoder.encode($0.record) }, threshold: threshold)
        let truth = Set(left.map(\.person)).intersection(right.map(\.person)).count
        let correct = pairs.filter { left[$0.left].person == right[$0.right].person }.count
        let precision = pairs.isEmpty ? 1 : Double(correct) / Double(pairs.count), recall = Double(correct) / Double(max(truth, 1))
        return (precision, recall, 2 * precision * recall / max(precision + recall, 1e-9))
    }

    @Test func theSamePersonMatchesAcrossScriptsAndSpellings() throws {
        let encoder = try BloomEncoder(secret: Self.secret)
        var hangul = LinkRecord(id: "a"); hangul.name = "김정숙"; hangul.birthDate = "1972-03-14"; hangul.sex = "여"
        var romanised = LinkRecord(id: "b"); romanised.name = "KIM JONG SUK"; romanised.birthDate = "1972-03-14"; romanised.sex = "F"
        var other = LinkRecord(id: "c"); other.name = "박영호"; other.birthDate = "1980-11-02"; other.sex = "남"
        let a = encoder.encode(hangul), b = encoder.encode(romanised), c = encoder.encode(other)
        #expect(a.dice(b) > 0.8, "\(a.dice(b))")
        #expect(a.dice(c) < 0.5, "\(a.dice(c))")
        #expect(BloomFilter(base64: a.base64) == a)
        let another = try BloomEncoder(secret: Data(repeating: 9, count: 32))
        #expect(a.dice(another.encode(romanised)) < 0.5, "another project's secret places the bits elsewhere")
        #expect(throws: PPRLError.secretTooShort(8)) { try BloomEncoder(secret: Data(repeating: 1, count: 8)) }
    }

    @Test func twoOrganisationsOfGeneratedPeopleAreMatched() throws {
        // Measured at the default threshold: precision 0.996, recall 0.876, F1 0.932 (600 people,
        // seed 31). Pinned a little below what it gives.
        let (left, right) = Self.twoOrganisations(persons: 600, seed: 31)
        let score = try Self.f1(threshold: BloomMatcher.defaultThreshold, left: left, right: right, encoder: try BloomEncoder(secret: Self.secret))
        #expect(score.precision >= 0.98 && score.f1 >= 0.92, "precision \(score.precision), recall \(score.recall), F1 \(score.f1)")
    }

    @Test func theMatcherScoresEveryPairAsDiceDoes() throws {
        // The C loop with the processor's bit count against the plain Swift coefficient, on
        // random filters of every density, the threshold low enough that most pairs are kept.
        var random = SeededGenerator(seed: 5)
        func filter() -> BloomFilter {
            BloomFilter(words: (0..<BloomFilter.words).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) & UInt64.random(in: 0...UInt64.max, using: &random) })
        }
        let left = (0..<40).map { _ in filter() } + [BloomFilter()], right = (0..<70).map { _ in filter() } + [BloomFilter()]
        var best: [(Int, Int, Double)] = []
        for i in left.indices { for j in right.indices where left[i].dice(right[j]) >= 0.3 { best.append((i, j, left[i].dice(right[j]))) } }
        let pairs = try BloomMatcher.match(left, right, threshold: 0.3)
        #expect(!pairs.isEmpty && pairs.count == Set(pairs.map(\.left)).count && pairs.count == Set(pairs.map(\.right)).count)
        for pair in pairs { #expect(abs(pair.score - left[pair.left].dice(right[pair.right])) < 1e-12) }
        // The first pair taken is the best of all.
        #expect(abs(pairs[0].score - best.map(\.2).max()!) < 1e-12)
    }

    @Test func eachRecordIsMatchedAtMostOnceBestFirst() throws {
        var a = BloomFilter(), b = BloomFilter(), c = BloomFilter()
        for i in 0..<100 { a.set(i); b.set(i) }
        for i in 0..<90 { c.set(i) }
        let pairs = try BloomMatcher.match([a, c], [b], threshold: 0.5)
        #expect(pairs == [BloomMatcher.Pair(left: 0, right: 0, score: 1)], "b goes to its best match, and c is not matched to it again")
        // A threshold so low that every pair passes is refused, not held in memory.
        let many = Array(repeating: a, count: 30)
        #expect(throws: PPRLError.tooManyCandidates(100)) { try BloomMatcher.match(many, many, threshold: 0.1, maximumCandidates: 100) }
        #expect(try BloomMatcher.match(many, many, threshold: 0.1, maximumCandidates: 900).count == 30)
    }
}
