import Foundation
import HavenFixtures
import HavenStats

/// Times multiple systems estimation: the latent-class model on the Kosovo lists at the
/// settings of LCMCR's own example (10,000 burn-in sweeps, 1,000 samples thinned by 100) beside
/// R's LCMCR when it is installed (otherwise beside the published figure), and the log-linear
/// and graph-averaging estimators on the published lists, and the log-linear and latent-class
/// estimators on ten synthetic lists. Prints; judges nothing.
enum EstimationTiming {
    /// R's LCMCR on the Kosovo example, as the issue measured it on a 2-core machine.
    static let publishedRSeconds = 3.6

    static func measure() throws {
        print("| run | estimate | interval | seconds |")
        print("|---|---:|---|---:|")
        var times: [Double] = []
        for seed in UInt64(1)...5 {
            var estimator = LatentClassEstimator()
            estimator.seed = seed
            let started = ContinuousClock.now
            let estimate = try estimator.estimate(PublishedLists.kosovo)
            let seconds = (ContinuousClock.now - started).seconds
            times.append(seconds)
            row("Kosovo, lcmcr, seed \(seed)", estimate, seconds)
        }
        let median = times.sorted()[times.count / 2]
        if let r = try rSeconds() {
            print(String(format: "Kosovo lcmcr: Haven %.2f s (median of 5), R LCMCR %.2f s on this machine (%.1f× faster)", median, r, r / median))
        } else {
            print(String(format: "Kosovo lcmcr: Haven %.2f s (median of 5); R LCMCR is not installed here: its published figure is %.1f s (%.1f× faster)",
                         median, publishedRSeconds, publishedRSeconds / median))
        }
        for (name, histories) in [("spina bifida", PublishedLists.spinaBifida), ("Kosovo", PublishedLists.kosovo), ("five lists", PublishedLists.fiveLists)] {
            var started = ContinuousClock.now
            let estimate = try LogLinearEstimator().estimate(histories)
            row("\(name), loglinear (all models, BIC)", estimate, (ContinuousClock.now - started).seconds)
            started = ContinuousClock.now
            let averaged = try GraphAveragingEstimator().estimate(histories)
            row("\(name), dga (all decomposable graphs)", averaged, (ContinuousClock.now - started).seconds)
        }
        let ten = tenLists()
        var started = ContinuousClock.now
        let stepwise = try LogLinearEstimator().estimate(ten)
        row("10 synthetic lists of 20,000 people, loglinear (stepwise)", stepwise, (ContinuousClock.now - started).seconds)
        started = ContinuousClock.now
        let latent = try LatentClassEstimator().estimate(ten)
        row("the same, lcmcr", latent, (ContinuousClock.now - started).seconds)
    }

    static func row(_ name: String, _ estimate: PopulationEstimate, _ seconds: Double) {
        let upper = estimate.upper.map { String(format: "%.0f", $0) } ?? "none"
        print(String(format: "| %@ | %.0f | %.0f–%@ | %.2f |", name, estimate.estimate, estimate.lower, upper, seconds))
    }

    /// 20,000 people, each list recording each person with its own probability, two groups of
    /// people recorded at different rates: a harder case than independence.
    static func tenLists() -> CaptureHistories {
        var random = Xoshiro256(seed: 99)
        var counts: [Int: Int] = [:]
        for person in 0..<20_000 {
            var history = 0
            for list in 0..<10 where random.uniform() < (person % 3 == 0 ? 0.3 : 0.08) + 0.01 * Double(list) { history |= 1 << list }
            if history != 0 { counts[history, default: 0] += 1 }
        }
        return try! CaptureHistories(lists: (1...10).map { "L\($0)" }, counts: counts)
    }

    /// R's time for the same run when R and LCMCR are installed (a statistician's machine);
    /// nil otherwise. R reads the histories from a temporary file and times itself.
    static func rSeconds() throws -> Double? {
        let script = """
        suppressMessages(library(LCMCR)); data(kosovo_aggregate)
        t <- system.time({ s <- lcmCR(captures = kosovo_aggregate, tabular = FALSE, in_list_label = '1', not_in_list_label = '0', K = 10, a_alpha = 0.25, b_alpha = 0.25, seed = 1, buffer_size = 10000, thinning = 100, verbose = FALSE); N <- lcmCR_PostSampl(s, burnin = 10000, samples = 1000, thinning = 100, output = FALSE) })
        cat(t[["elapsed"]])
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["Rscript", "-e", script]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Double(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
