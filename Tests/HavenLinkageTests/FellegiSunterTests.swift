import Foundation
import HavenCore
import HavenLinkage
import Testing
import HavenFixtures

/// Expectation–maximisation recovers the m probabilities and the share of matches that generated
/// a seeded set of comparison vectors; weights add up and explain themselves.
struct FellegiSunterTests {
    typealias Seeded = SeededGenerator

    static let trueM: [[Double]] = [[0, 0.05, 0.15, 0.80], [0, 0.10, 0.20, 0.70], [0, 0.02, 0.98]]
    static let trueU: [[Double]] = [[0, 0.85, 0.10, 0.05], [0, 0.70, 0.20, 0.10], [0, 0.50, 0.50]]

    func draw(_ probabilities: [Double], _ random: inout Seeded) -> UInt8 {
        var x = Double.random(in: 0..<1, using: &random)
        for level in 1..<probabilities.count {
            x -= probabilities[level]
            if x < 0 { return UInt8(level) }
        }
        return UInt8(probabilities.count - 1)
    }

    func pairs(_ count: Int, matchShare: Double, seed: UInt64) -> [[UInt8]] {
        var random = Seeded(seed: seed)
        return (0..<count).map { _ in
            let match = Double.random(in: 0..<1, using: &random) < matchShare
            return (0..<3).map { draw(match ? Self.trueM[$0] : Self.trueU[$0], &random) }
        }
    }

    @Test func expectationMaximisationRecoversTheGeneratingProbabilities() throws {
        let candidates = pairs(20_000, matchShare: 0.2, seed: 7)
        let random = pairs(20_000, matchShare: 0, seed: 11)
        let u = FellegiSunter.uProbabilities(random, levels: [4, 4, 3])
        for (estimated, truth) in zip(u, Self.trueU) {
            for level in 1..<truth.count { #expect(abs(estimated[level] - truth[level]) < 0.02) }
        }
        let start = FellegiSunter(comparisons: (0..<3).map { c in
            FellegiSunter.Comparison(name: "c\(c)", m: c == 2 ? [0, 0.3, 0.7] : [0, 0.2, 0.3, 0.5], u: u[c])
        }, lambda: 0.05)
        let model = FellegiSunter.estimate(candidates, start: start, fixedU: true)
        #expect(abs(model.lambda - 0.2) < 0.02, "λ \(model.lambda)")
        for (comparison, truth) in zip(model.comparisons, Self.trueM) {
            for level in 1..<truth.count { #expect(abs(comparison.m[level] - truth[level]) < 0.05, "\(comparison.name) m[\(level)] \(comparison.m[level])") }
        }
        // Match probabilities are the posterior under the generating parameters.
        func posterior(_ levels: [Int]) -> Double {
            let m = zip(Self.trueM, levels).reduce(0.2) { $0 * $1.0[$1.1] }, u = zip(Self.trueU, levels).reduce(0.8) { $0 * $1.0[$1.1] }
            return m / (m + u)
        }
        for levels in [[3, 3, 2], [1, 1, 1], [3, 1, 2], [2, 2, 1]] {
            #expect(abs(model.probability(levels.map(UInt8.init)) - posterior(levels)) < 0.05, "\(levels)")
        }
        #expect(model.probability([3, 3, 2]) > 0.97 && model.probability([1, 1, 1]) < 0.001)
        let explained = model.explain([3, 0, 1])
        #expect(explained.parts.map(\.level) == [3, 0, 1] && explained.parts[1].weight == 0, "a missing value weighs nothing")
        #expect(abs(explained.weight - (log2(model.lambda / (1 - model.lambda)) + explained.parts.reduce(0) { $0 + $1.weight })) < 1e-9)
    }
}

/// Birth dates of different precision agree as far as both are known.
struct PartialDateTests {
    @Test func datesAgreeAsFarAsBothAreKnown() {
        let day = PartialDate("1979-08-21"), month = PartialDate("1979-08"), year = PartialDate("1979")
        #expect(PartialDate.level(day, PartialDate("1979-08-21")) == 7)
        #expect(PartialDate.level(day, month) == 6 && PartialDate.level(PartialDate("1979-08"), PartialDate("1979")) == 5)
        #expect(PartialDate.level(day, year) == 5, "a year alone agrees to the year")
        // Two dates known to the day are compared to the day: another day is not "the same month".
        #expect(PartialDate.level(day, PartialDate("1979-08-14")) == 1 && PartialDate.level(day, PartialDate("1979-03-01")) == 1)
        #expect(PartialDate.level(day, PartialDate("1980-01-02")) == 1, "a year apart, to the day, is different")
        #expect(PartialDate.level(month, PartialDate("1979-11")) == 3)
        // One digit changed, or two neighbours swapped, is one slip of the pen.
        #expect(PartialDate.level(day, PartialDate("1979-08-22")) == 4 && PartialDate.level(day, PartialDate("1979-08-12")) == 4)
        #expect(PartialDate.level(day, PartialDate("1979-03-21")) == 4 && PartialDate.level(day, PartialDate("1997-08-21")) == 4)
        #expect(PartialDate.level(month, PartialDate("1979-09")) == 4 && PartialDate.level(month, PartialDate("1978-09")) == 3)
        #expect(PartialDate.level(PartialDate("1979-08-03"), PartialDate("1979-03-08")) == 4, "day and month swapped")
        #expect(PartialDate.level(day, PartialDate("1980-08-21")) == 4 && PartialDate.level(day, PartialDate("1976-08-21")) == 4,
                "the year one off, or one digit off, with day and month the same")
        #expect(PartialDate.level(day, PartialDate("1980")) == 3 && PartialDate.level(day, PartialDate("1985")) == 1)
        #expect(PartialDate.level(day, PartialDate("1989-08-21")) == 4 && PartialDate.level(day, PartialDate("1985-08-21")) == 1)
        #expect(PartialDate.level(day, nil) == 0)
        #expect(PartialDate("1979-02-30") == nil && PartialDate("1979-13") == nil && PartialDate("79") == nil && PartialDate("2000-02-29") != nil)
        #expect(PartialDate(" 1979-08 ") == month && PartialDate("1979-8") == nil && PartialDate("1979/08/21") == nil)
        #expect(PartialDate("1979-08-21x") == nil && PartialDate("+979") == nil && PartialDate("1979-+8") == nil && PartialDate("") == nil)
    }

    /// A report that gives an age writes a range of birth years (`1983/1987`); it agrees with
    /// what overlaps it or is a year off, and is found by the rules for undated records.
    @Test func aRangeOfYearsAgreesWithWhatItOverlaps() throws {
        let range = try #require(PartialDate("1983/1987"))
        #expect(range.isRange && range.year == 1983 && range.lastYear == 1987 && range.blockingYear == nil)
        #expect(PartialDate.level(range, PartialDate("1985-04-02")) == 2 && PartialDate.level(range, PartialDate("1988")) == 2)
        #expect(PartialDate.level(range, PartialDate("1979-04-02")) == 1 && PartialDate.level(range, PartialDate("1990/1992")) == 1)
        #expect(PartialDate.level(range, PartialDate("1986/1990")) == 2)
        #expect(PartialDate("1987/1983") == nil, "a range runs forwards")
        #expect(PartialDate("1950/1990") == nil, "a range wider than thirty years says nothing")
        #expect(PartialDate("1983-04/1987") == nil && PartialDate("1983/") == nil && PartialDate("/1987") == nil && PartialDate("1983/1987/1990") == nil)
        #expect(PartialDate("1985")?.blockingYear == 1985)
    }

    /// Dates that cannot be one person's keep two records apart in clustering, whatever joins them.
    @Test func conflictingDatesAreThoseNoSlipExplains() {
        func conflict(_ a: String, _ b: String) -> Bool { PartialDate.conflict(PartialDate(a), PartialDate(b)) }
        #expect(conflict("1979-08-21", "1979-08-14") && conflict("1979-08-21", "1980-02-03") && conflict("1972", "1985"))
        #expect(!conflict("1979-08-21", "1979-08-22") && !conflict("1979-08-21", "1979-08-12"), "one digit, or two swapped, is a slip")
        #expect(conflict("1983/1987", "1979-04-02"))
        #expect(!conflict("1979-08-21", "1979-08-21") && !conflict("1979-08-21", "1980-08-21") && !conflict("1979-08-03", "1979-03-08"),
                "the same day, a year off or day and month swapped are one slip")
        #expect(!conflict("1979-08-21", "1979-08") && !conflict("1979", "1980") && conflict("1979-08-21", "1983/1987"))
        #expect(!conflict("1979-08-21", "") && !conflict("1979-03", "1979-08"), "a date known to the month only may be a slip in it")
    }
}

/// Each field's agreement levels, missing values weighing nothing.
struct FieldComparisonTests {
    @Test func fieldsAgreeByLevel() {
        #expect(FieldComparisons.name(KoreanName("김정숙"), KoreanName("Kim Jong-suk")) == 4)
        #expect(FieldComparisons.name(KoreanName("김정숙"), KoreanName("Park Young-chul")) == 1 && FieldComparisons.name(nil, KoreanName("김")) == 0)
        #expect(FieldComparisons.text("12 Main St.", "12 main st") == 4 && FieldComparisons.text("Yanji", "Yanjy") == 3)
        #expect(FieldComparisons.text("Yanji", "Dandong") == 1 && FieldComparisons.text("", "Yanji") == 0)
        #expect(FieldComparisons.identifier("M 123-456", "m123456") == 2 && FieldComparisons.identifier("M123456", "M123457") == 1)
        #expect(FieldComparisons.phone("+82 10-3333-4444", "010 3333 4444") == 2 && FieldComparisons.phone("010-3333-4444", "010-3333-4445") == 1)
        #expect(FieldComparisons.phone("123", "010-3333-4444") == 0, "too short to compare")
        #expect(FieldComparisons.sex("여", "female") == 2 && FieldComparisons.sex("M", "f") == 1 && FieldComparisons.sex("unknown", "f") == 0)
    }
}
