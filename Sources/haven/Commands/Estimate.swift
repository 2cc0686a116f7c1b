import ArgumentParser
import Foundation
import HavenCore
import HavenStats

/// `haven estimate`: how many people there were, recorded or not, from the overlaps of several
/// lists (multiple systems estimation).
struct Estimate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Estimate how many people there were, including those no list recorded, from several overlapping lists.",
        discussion: """
        The input is a CSV with a header naming one column per list (2 to 10 lists), each 0 or 1, and
        optionally a column named count. With count, each row is a capture history and how many people
        have it; without, each row is one person. A row on no list is refused: nobody recorded is
        what the estimate is for.

        lcmcr (the default) is the Bayesian latent-class model of R's LCMCR, HRDAG's default: the
        estimate is the posterior median, the interval the central posterior interval, with
        convergence diagnostics; --seed makes a run repeatable.

        dga averages over every decomposable graphical model (3 to 5 lists) by its exact posterior
        probability, as R's dga does (Madigan and York 1997).

        loglinear fits every log-linear model with the lists' main effects and any set of two-way
        interactions (a stepwise search from six lists on), picks the one with the lowest BIC (or
        AIC), and gives its estimate with a profile-likelihood interval, as R's Rcapture does.
        docs/estimation.md says what the estimate assumes.

        Examples:
          haven estimate --input lists.csv
          haven estimate --input lists.csv --criterion aic --format json
          haven estimate --input lists.csv --model "NGO*Press" --format csv
        """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable { case lcmcr, dga, loglinear }
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @Option(help: "The capture histories (CSV with a header).") var input: String
    @Option(help: "The estimator: \(Method.allCases.map(\.rawValue).joined(separator: ", ")).") var method: Method = .lcmcr
    @Option(help: "How log-linear models are compared: aic or bic.") var criterion: String = "bic"
    @Option(help: "A log-linear model to use instead of choosing one: its interactions, such as A*B,B*C, or independence.")
    var model: String?
    @Option(help: "The interval's level, above 0 and below 1.") var level = 0.95
    @Option(help: "lcmcr: the seed of the sampler; one seed gives one result.") var seed: UInt64 = 1
    @Option(help: "lcmcr: population sizes drawn from the posterior, over all chains.") var samples = 1_000
    @Option(name: .customLong("burn-in"), help: "lcmcr: sweeps discarded at the start of each chain.") var burnIn = 10_000
    @Option(help: "lcmcr: sweeps between two draws kept.") var thinning = 100
    @Option(help: "lcmcr: the most latent classes.") var classes = 10
    @Option(help: "lcmcr: independent chains, run on separate cores.") var chains = 2
    @Option(help: "dga: the hyper-Dirichlet prior's weight per cell (default 2^-lists).") var delta: Double?
    @Option(help: "What to print: text, json (one object) or csv (a header and one row).") var format: Format = .text

    /// The most sweeps a chain may be asked for (tens of minutes at ten lists).
    static let maximumSweeps = 50_000_000

    /// The largest input read: a file of one row per person at ten lists and a million people
    /// is about 20 MB.
    static let maximumInputBytes = 256 << 20

    func validate() throws {
        guard level > 0, level < 1 else { throw ValidationError("--level must be above 0 and below 1, such as 0.95") }
        guard ModelCriterion(rawValue: criterion.lowercased()) != nil else { throw ValidationError("--criterion must be aic or bic") }
        // Each bound keeps a run within minutes and its memory small, whatever is typed.
        guard (100...1_000_000).contains(samples) else { throw ValidationError("--samples must be from 100 to 1000000") }
        guard (0...10_000_000).contains(burnIn) else { throw ValidationError("--burn-in must be from 0 to 10000000") }
        guard (1...10_000).contains(thinning) else { throw ValidationError("--thinning must be from 1 to 10000") }
        guard (2...100).contains(classes) else { throw ValidationError("--classes must be from 2 to 100") }
        guard (1...16).contains(chains) else { throw ValidationError("--chains must be from 1 to 16") }
        // Each chain's sweeps, bounded together: within range one by one, they could still ask
        // for days of work.
        let sweeps = burnIn + (samples + chains - 1) / chains * thinning
        guard sweeps <= Self.maximumSweeps else {
            throw ValidationError("--burn-in plus --samples ÷ --chains × --thinning asks \(sweeps) sweeps of each chain; at most \(Self.maximumSweeps)")
        }
        if let delta, !(delta > 0 && delta <= 1_000) { throw ValidationError("--delta must be above 0 and at most 1000") }
        if method != .loglinear, model != nil { throw ValidationError("--model names a log-linear model; use it with --method loglinear") }
    }

    func run() async throws {
        let histories = try Self.read(input)
        let estimate: PopulationEstimate
        switch method {
        case .loglinear:
            let estimator = LogLinearEstimator(
                criterion: ModelCriterion(rawValue: criterion.lowercased()) ?? .bic, level: level,
                model: try model.map { text in
                    do { return try LogLinearModel.parse(text, lists: histories.lists) } catch { throw CLIError("--model: \(error)") }
                }
            )
            do { estimate = try estimator.estimate(histories) } catch { throw CLIError("\(input): \(error)") }
        case .lcmcr:
            var estimator = LatentClassEstimator()
            estimator.seed = seed
            estimator.samples = samples
            estimator.burnIn = burnIn
            estimator.thinning = thinning
            estimator.classes = classes
            estimator.chains = chains
            estimator.level = level
            do { estimate = try estimator.estimate(histories) } catch { throw CLIError("\(input): \(error)") }
        case .dga:
            let estimator = GraphAveragingEstimator(delta: delta, level: level)
            do { estimate = try estimator.estimate(histories) } catch { throw CLIError("\(input): \(error)") }
        }
        print(Self.render(estimate, as: format), terminator: "")
    }

    /// The histories in a file, or an error naming the file and the line.
    static func read(_ path: String) throws -> CaptureHistories {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read \(path)")
        }
        guard size <= maximumInputBytes else { throw CLIError("\(path) is larger than \(maximumInputBytes >> 20) MB") }
        do {
            let table = try CSVTable(bytes: [UInt8](data))
            return try CaptureHistories.table(header: table.header, rows: table.rows.map { ($0.line, $0.fields) })
        } catch {
            throw CLIError("\(path): \(error)")
        }
    }

    static func render(_ estimate: PopulationEstimate, as format: Format) -> String {
        let percent = String(format: "%g%%", estimate.level * 100)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(estimate)) ?? Data(), as: UTF8.self) + "\n"
        case .csv:
            let upper = estimate.upper.map { String(format: "%.2f", $0) } ?? ""
            return "method,lists,observed,estimate,lower,upper,level,model\n"
                + [estimate.method, estimate.lists.joined(separator: ";"), String(estimate.observed),
                   String(format: "%.2f", estimate.estimate), String(format: "%.2f", estimate.lower), upper,
                   String(estimate.level), estimate.model ?? ""].map(CSVField.escape).joined(separator: ",") + "\n"
        case .text:
            let upper = estimate.upper.map { String(format: "%.0f", $0) } ?? "no upper bound"
            var text = "\(estimate.observed) people on at least one of \(estimate.lists.count) lists (\(estimate.lists.joined(separator: ", ")))\n"
            text += "estimated population: " + String(format: "%.0f", estimate.estimate)
                + " (\(percent) interval " + String(format: "%.0f", estimate.lower) + " to \(upper))\n"
            text += String(format: "estimated unrecorded: %.0f\n", estimate.estimate - Double(estimate.observed))
            if let model = estimate.model { text += "model: \(model) (\(estimate.method))\n" }
            for note in estimate.notes { text += "note: \(note)\n" }
            return text
        }
    }
}
