import ArgumentParser
import Foundation
import HavenCore
import HavenReports
import HavenStats
import HavenStore

extension Report {
    /// `haven report estimate`: how many people an act was done to, recorded or not, per stratum,
    /// from the overlaps of the vault's sources.
    struct Estimate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "estimate",
            abstract: "Estimate how many people an act was done to, including those no source recorded, per stratum, as CSV.",
            discussion: """
            The lists are the vault's sources: a person is on a source's list when the source reported
            the act, its incident or the person (merged person records count once). Without --source,
            the ten sources that documented the most people are the lists. Strata with fewer
            than --minimum people are refused, with the reason, not estimated. Acts done to unnamed
            groups cannot be matched across sources and are left out (the count is on standard error).

            Writes stratum columns, then lists,observed,method,estimate,lower,upper,level,note. With
            --histories, also writes the capture histories (the stratum columns, one 0/1 column per
            list, Freq) in the form R's LCMCR reads with lcmCR(tabular = TRUE), so that a statistician
            can check Haven's figures. --list-sources prints the sources that documented these acts,
            with their ids for --source.

            Examples:
              haven report estimate --data /srv/haven --act-type arrest --by region,year
              haven report estimate --data /srv/haven --act-type arrest --by year --method loglinear --histories arrests.csv
              haven report estimate --data /srv/haven --act-type arrest --list-sources
            """
        )

        @OptionGroup var options: Report.Options
        @Option(name: .customLong("act-type"), help: "An act type code, such as arrest or forced_repatriation.") var actType: ActType
        @Option(help: "Strata: any of region, year, sex, comma-separated (none: one estimate for all).") var by: String = ""
        @Option(help: "The estimator: lcmcr, dga or loglinear.") var method: String = "lcmcr"
        @Option(name: .customLong("source"), help: "A source id to use as a list (repeat, 2 to 10); all that documented these acts by default.")
        var sources: [String] = []
        @Option(help: "Strata with fewer people observed are refused.") var minimum = 30
        @Option(help: "lcmcr: the sampler's seed.") var seed: UInt64 = 1
        @Option(help: "Also write the capture histories to this CSV file.") var histories: String?
        @Flag(name: .customLong("list-sources"), help: "Print the sources that documented these acts and stop.") var listSources = false

        func validate() throws {
            for part in by.split(separator: ",") where EstimateStratum(rawValue: part.trimmingCharacters(in: .whitespaces)) == nil {
                throw ValidationError("--by takes region, year and sex, comma-separated; \(part.prefix(20)) is none of them")
            }
            guard ["lcmcr", "dga", "loglinear"].contains(method) else { throw ValidationError("--method must be lcmcr, dga or loglinear") }
            guard (1...1_000_000).contains(minimum) else { throw ValidationError("--minimum must be from 1 to 1000000") }
            for source in sources where UUID(uuidString: source) == nil {
                throw ValidationError("--source takes a source's id (haven report estimate --list-sources prints them)")
            }
            guard sources.isEmpty || (2...CaptureHistories.maximumLists).contains(sources.count) else {
                throw ValidationError("--source must name 2 to \(CaptureHistories.maximumLists) sources")
            }
        }

        func run() async throws {
            if listSources {
                try await printSources()
                return
            }
            let strata = by.split(separator: ",").compactMap { EstimateStratum(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
            let query = EstimateQuery(actType: actType, by: strata, sources: sources.isEmpty ? nil : Set(sources.compactMap(UUID.init(uuidString:))),
                                      minimumObserved: minimum)
            let table: EstimateHistories
            do {
                table = try await options.vault.withUnlocked(as: .localOperator) { store, _ in
                    try await EstimateReader.histories(query, repository: store, actor: options.identity)
                }
            } catch let error as ReportQueryError {
                throw CLIError("\(error.message) (haven report estimate --list-sources shows the sources)")
            }
            if table.groupActs > 0 {
                note("\(table.groupActs) acts were done to unnamed groups: they cannot be matched across sources and are left out")
            }
            if table.leftOutSources > 0 {
                note("\(table.leftOutSources) more sources documented these acts; the \(table.lists.count) that documented the most people are the lists "
                     + "(name others with --source)")
            }
            if table.outsideLists > 0 { note("\(table.outsideLists) people are documented by no list and are not counted") }
            if let histories { try Self.write(histories: table, strata: strata, to: histories) }
            print(try rows(table, strata: strata), terminator: "")
        }

        func rows(_ table: EstimateHistories, strata: [EstimateStratum]) throws -> String {
            var lines = [(strata.map(\.rawValue) + ["lists", "observed", "method", "estimate", "lower", "upper", "level", "note"]).joined(separator: ",")]
            for stratum in table.strata {
                var fields = stratum.values
                guard let histories = stratum.histories else {
                    fields += ["", String(stratum.observed), method, "", "", "", "", stratum.refusal?.description ?? ""]
                    lines.append(fields.map(CSVField.escape).joined(separator: ","))
                    continue
                }
                let estimate: PopulationEstimate
                do {
                    switch method {
                    case "loglinear": estimate = try LogLinearEstimator().estimate(histories)
                    case "dga": estimate = try GraphAveragingEstimator().estimate(histories)
                    default:
                        var sampler = LatentClassEstimator()
                        sampler.seed = seed
                        estimate = try sampler.estimate(histories)
                    }
                } catch {
                    fields += [histories.lists.joined(separator: ";"), String(stratum.observed), method, "", "", "", "", "\(error)"]
                    lines.append(fields.map(CSVField.escape).joined(separator: ","))
                    continue
                }
                fields += [histories.lists.joined(separator: ";"), String(estimate.observed), method,
                           String(format: "%.0f", estimate.estimate), String(format: "%.0f", estimate.lower),
                           estimate.upper.map { String(format: "%.0f", $0) } ?? "", String(estimate.level),
                           estimate.notes.dropFirst().joined(separator: "; ")]
                lines.append(fields.map(CSVField.escape).joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        }

        /// The capture histories, one row per stratum and history, as R reads them.
        static func write(histories table: EstimateHistories, strata: [EstimateStratum], to path: String) throws {
            var lines = [(strata.map(\.rawValue) + table.lists.map(\.name) + ["Freq"]).map(CSVField.escape).joined(separator: ",")]
            for stratum in table.strata {
                for (history, count) in stratum.counts.sorted(by: { $0.key < $1.key }) {
                    let bits = table.lists.indices.map { history & (1 << $0) != 0 ? "1" : "0" }
                    lines.append((stratum.values.map(CSVField.escape) + bits + [String(count)]).joined(separator: ","))
                }
            }
            // Counts of people by history, with source names for a reader who sees them: sealed
            // storage is the vault's; this file is the operator's, written 0600.
            guard FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw CLIError("cannot write \(path)")
            }
        }

        func printSources() async throws {
            try await options.vault.withUnlocked(as: .localOperator) { store, _ in
                let documented = try await EstimateReader.documentingSources(actType: actType, repository: store, actor: options.identity)
                print("source_id,kind,name,people")
                for source in documented {
                    print([source.id.wire, source.kind.code, source.name, String(source.people)].map(CSVField.escape).joined(separator: ","))
                }
            }
        }

        private func note(_ text: String) {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}
