import Foundation
import HavenStats
import Testing

/// The Poisson tail against SciPy 1.17.1's `poisson.sf(k - 1, λ)`, surge detection on series
/// with and without a surge, and small-cell suppression.
struct StatsTests {
    @Test(arguments: [
        (2.0, 5, 0.052653017343711125), (2.0, 8, 0.0010967189678587025), (0.5, 5, 0.00017211562995584072),
        (10.0, 20, 0.0034543419758568334), (3.2, 12, 0.00012924924084078897), (50.0, 80, 5.665035528647486e-05),
        (1.0, 1, 0.6321205588285577), (1.0, 0, 1.0),
    ])
    func thePoissonTailMatchesSciPy(lambda: Double, k: Int, expected: Double) {
        let tail = Poisson.upperTail(atLeast: k, mean: lambda)
        #expect(abs(tail - expected) <= expected * 1e-9, "P(X ≥ \(k) | λ = \(lambda)) = \(tail), SciPy \(expected)")
    }

    @Test func aMonthFarAboveItsRegionsOwnBaselineIsASurge() throws {
        let first = try #require(Month("2024-01"))
        // Jilin: about 2 a month, then 11 in August. Liaoning: steadily 9–11, never a surge.
        var jilin: [Month: Int] = [:], liaoning: [Month: Int] = [:]
        for (i, n) in [2, 1, 3, 2, 2, 1, 2, 11, 3].enumerated() { jilin[first.adding(i)] = n }
        for (i, n) in [10, 9, 11, 10, 10, 9, 11, 10, 10].enumerated() { liaoning[first.adding(i)] = n }
        let surges = SurgeDetector().surges(["CN-JL": jilin, "CN-LN": liaoning], from: first, through: first.adding(8))
        #expect(surges.count == 1)
        let surge = try #require(surges.first)
        #expect(surge.region == "CN-JL" && surge.month.description == "2024-08" && surge.count == 11)
        #expect(abs(surge.baseline - 11.0 / 6) < 1e-12, "the mean of February to July")
        #expect(surge.probability < 0.01)
        // A region with no history is not flagged for a handful of first cases.
        let quiet = SurgeDetector().surges(["KP-09": [first.adding(7): 4]], from: first, through: first.adding(8))
        #expect(quiet.isEmpty)
        var strict = SurgeDetector()
        strict.minimumCount = 12
        #expect(strict.surges(["CN-JL": jilin], from: first, through: first.adding(8)).isEmpty)
    }

    /// The review: every region's first documented months were flagged (baseline 0.5 against
    /// months before anything was recorded). A region is tested from a full baseline window after
    /// its first record.
    @Test func aRegionsFirstDocumentedMonthsAreNotTestedAgainstMonthsBeforeItsRecordsBegin() throws {
        let first = try #require(Month("2023-01"))
        // Documentation of Hamgyong begins in 2024-01 with 20 a month, steadily.
        var hamgyong: [Month: Int] = [:]
        for i in 12..<24 { hamgyong[first.adding(i)] = 20 }
        let detector = SurgeDetector()
        #expect(detector.surges(["KP-09": hamgyong], from: first, through: first.adding(23)).isEmpty,
                "the start of the records is not a surge")
        #expect(detector.firstTestableMonth(of: "KP-09", ["KP-09": hamgyong], from: first) == first.adding(12 + detector.baselineMonths))
        // Told that the region was documented from the start (its quiet months were real
        // zeros), the same series is a surge where it begins.
        let documented = detector.surges(["KP-09": hamgyong], from: first, through: first.adding(23), documentedSince: ["KP-09": first])
        #expect(documented.first?.month == first.adding(12))
        // After a full window of its own history, a real wave is still found.
        var wave = hamgyong
        wave[first.adding(21)] = 60
        #expect(detector.surges(["KP-09": wave], from: first, through: first.adding(23)).map(\.month) == [first.adding(21)])
        #expect(detector.firstTestableMonth(of: "KP-10", ["KP-09": wave], from: first) == nil, "a region never documented is never tested")
    }

    @Test func smallCellsAreWithheldAndATotalCannotGiveThemBack() {
        #expect(Suppression.row([12, 3, 0, 40], threshold: 5) == [.withheld, .withheld, .count(0), .count(40)],
                "3 is withheld, and 12, the next smallest, with it")
        #expect(Suppression.row([2, 3, 10], threshold: 5) == [.withheld, .withheld, .count(10)])
        #expect(Suppression.row([5, 6], threshold: 5) == [.count(5), .count(6)])
        #expect(Suppression.row([4, 6], threshold: 1) == [.count(4), .count(6)], "a threshold of 1 withholds nothing")
        #expect(Suppression.cell(4, threshold: 5) == .withheld && Suppression.cell(0, threshold: 5) == .count(0))
        #expect(Month("2024-12")?.adding(1).description == "2025-01" && Month("2024-13") == nil)
        #expect(Month.range(Month(year: 2024, month: 11), Month(year: 2025, month: 2)).count == 4)
    }
}
