import ArgumentParser
import Foundation
import HavenCore
import HavenLinkage

/// `haven link`: finds the records in a CSV that are one person, and writes a cluster for each.
struct Link: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Find the records in a CSV that are one person, across spellings and scripts.",
        discussion: """
        The input has a header; its columns are any of record_id (required, unique), source, name (a full
        name in any script and either order) or given_name and family_name, sex, birth_date (YYYY-MM-DD,
        YYYY-MM or YYYY), birth_place, address, locality, postcode, region, id_number, phone. Other
        columns are reported and ignored; a value that does not parse (an impossible date) counts as
        missing and is counted in a warning.

        The output is record_id,cluster_id with every input record once. --pairs writes the scored
        candidate pairs with each comparison's level and weight. Neither file holds names or other
        personal values, only record ids, levels and weights. Progress goes to standard error.

        Examples:
          haven link --input records.csv --output clusters.csv
          haven link --input lists.csv --output clusters.csv --across-sources --pairs pairs.csv
        """
    )

    @Option(help: "The records to link (CSV with a header).") var input: String
    @Option(help: "Where to write record_id,cluster_id.") var output: String
    @Option(help: "Match probability at or above which two records join a cluster.") var threshold = 0.9
    @Option(help: "Two clusters are kept apart when a pair between them is below this match probability (surely two people).")
    var separation = 0.01
    @Option(help: "Also write the scored candidate pairs, with their explanations, to this CSV.") var pairs: String?
    @Option(name: .customLong("pairs-from"), help: "Write only pairs with at least this match probability.") var pairsFrom = 0.5
    @Flag(name: .customLong("across-sources"), help: "Pair only records of different sources (link lists, do not deduplicate them).")
    var acrossSources = false
    @Option(help: "Also write the estimated model (m and u of every comparison level, and the prior) to this CSV.")
    var model: String?
    @Option(name: .customLong("random-pairs"), help: "Random pairs compared to learn how often unrelated records agree (default 20,000, or one for every twenty records up to 50,000).")
    var randomPairs: Int?
    @Option(name: .customLong("without"), help: ArgumentHelp("Leave a comparison out (repeatable): \(LinkComparison.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "comparison"))
    var without: [String] = []
    @Option(name: .customLong("blocking"), help: ArgumentHelp("Use only these blocking rules (repeatable; all by default): \(BlockingRule.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "rule"))
    var blocking: [String] = []
    @Flag(help: "No progress on standard error.") var quiet = false

    func validate() throws {
        guard (0.0...1.0).contains(threshold), threshold > 0 else { throw ValidationError("--threshold must be above 0 and at most 1") }
        guard (0.0..<threshold).contains(separation) else { throw ValidationError("--separation must be from 0 to below --threshold") }
        for name in without where LinkComparison(rawValue: name) == nil {
            throw ValidationError("--without \(name.prefix(40)) is not a comparison; use one of \(LinkComparison.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for name in blocking where BlockingRule(rawValue: name) == nil {
            throw ValidationError("--blocking \(name.prefix(60)) is not a blocking rule; use one of \(BlockingRule.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let randomPairs, randomPairs < 1_000 { throw ValidationError("--random-pairs must be at least 1000") }
        guard (0.0...1.0).contains(pairsFrom) else { throw ValidationError("--pairs-from must be from 0 to 1") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        // The gazetteer's index is built on another core while this one reads the file.
        Task.detached { PlaceNames.warmUp() }
        guard let data = FileManager.default.contents(atPath: input) else { throw CLIError("cannot read \(input)") }
        let records: LinkInput
        do {
            records = try LinkInput(csv: [UInt8](data))
        } catch {
            throw CLIError("\(input): \(error)")
        }
        if !records.unknownColumns.isEmpty {
            note("ignored columns that are not linkage columns: \(records.unknownColumns.joined(separator: ", "))")
        }
        for (column, count) in records.unparsable.sorted(by: { $0.key < $1.key }) {
            note("warning: \(count) value\(count == 1 ? "" : "s") in \(column) could not be read and count as missing")
        }
        var settings = LinkSettings()
        settings.threshold = threshold
        settings.separation = separation
        settings.randomPairs = randomPairs
        settings.comparisons.removeAll { without.contains($0.rawValue) }
        if !blocking.isEmpty { settings.blocking = BlockingRule.allCases.filter { blocking.contains($0.rawValue) } }
        settings.acrossSourcesOnly = acrossSources
        let quiet = quiet
        let result = Linker(settings: settings).link(records.records) { stage, done, total in
            guard !quiet else { return }
            let line = stage == .comparing ? "comparing \(done) of \(total) candidate pairs" : "\(stage.rawValue)…"
            FileHandle.standardError.write(Data(String(format: "%7.2f s  %@\n", Self.seconds(since: started), line).utf8))
        }
        try write(clustersOf: records.records, result)
        if let pairs { try write(pairsOf: records.records, result, to: pairs) }
        if let model { try write(modelOf: result, to: model) }
        if !quiet {
            note("candidate pairs by blocking rule: " + result.pairsByRule.map { "\($0.rule.rawValue) \($0.pairs)" }.joined(separator: ", "))
        }
        // Clusters are numbered from 0 without gaps: their sizes counted in place (grouping
        // 10,000 records into arrays took 1.5 ms).
        var sizes = [Int](repeating: 0, count: (result.clusters.max() ?? -1) + 1)
        for cluster in result.clusters { sizes[cluster] += 1 }
        let clusters = sizes.count
        let linked = sizes.reduce(0) { $0 + ($1 > 1 ? $1 : 0) }
        let seconds = Self.seconds(since: started)
        note("\(records.records.count) records in \(clusters) clusters (\(linked) records share a cluster); "
            + "\(result.pairCount) candidate pairs; \(String(format: "%.1f", seconds)) s")
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    private func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private func write(clustersOf records: [LinkRecord], _ result: LinkResult) throws {
        // As bytes, not a string grown line by line (10,000 lines: 7 ms as a string), each id
        // copied from its storage and each number written digit by digit (appending a string's
        // UTF-8 view goes byte by byte: 3 ms more).
        var bytes = Array("record_id,cluster_id\n".utf8)
        bytes.reserveCapacity(records.count * 24)
        for (record, cluster) in zip(records, result.clusters) {
            let id = CSVField.escape(record.id)
            if id.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil { bytes += id.utf8 }
            bytes.append(UInt8(ascii: ","))
            Self.appendDecimal(cluster + 1, to: &bytes)
            bytes.append(UInt8(ascii: "\n"))
        }
        try write(Data(bytes), to: output)
    }

    /// The decimal digits of a number that is not negative.
    static func appendDecimal(_ number: Int, to bytes: inout [UInt8]) {
        let start = bytes.count
        var rest = number
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        bytes[start...].reverse()
    }

    private func write(pairsOf records: [LinkRecord], _ result: LinkResult, to path: String) throws {
        var text = "record_id_a,record_id_b,probability,match_weight,prior"
        for comparison in result.comparisons { text += ",\(comparison.rawValue)_level,\(comparison.rawValue)_weight" }
        text += ",clustering\n"
        for k in 0..<result.pairCount where result.probabilities[k] >= pairsFrom {
            let explanation = result.explain(pair: k)
            text += CSVField.escape(records[Int(result.left[k])].id) + "," + CSVField.escape(records[Int(result.right[k])].id)
            text += String(format: ",%.6f,%.3f,%.3f", result.probabilities[k], explanation.weight, explanation.prior)
            for part in explanation.parts { text += ",\(part.meaning),\(String(format: "%.3f", part.weight))" }
            text += "," + CSVField.escape(result.decision(pair: k) { records[$0].id }) + "\n"
        }
        try write(text, to: path)
    }

    private func write(modelOf result: LinkResult, to path: String) throws {
        var text = "comparison,level,meaning,m,u,weight\n"
        for (comparison, probabilities) in zip(result.comparisons, result.model.comparisons) {
            for level in 1..<probabilities.m.count {
                text += "\(comparison.rawValue),\(level),\(comparison.levelNames[level])"
                text += String(format: ",%.6g,%.6g,%.3f\n", probabilities.m[level], probabilities.u[level], probabilities.weight(level))
            }
        }
        text += String(format: "prior,,probability that two random records match,%.6g,,%.3f\n", result.model.lambda, log2(result.model.lambda / (1 - result.model.lambda)))
        try write(text, to: path)
    }

    private func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    private func write(_ data: Data, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: data) else { throw CLIError("cannot write \(path)") }
    }
}
