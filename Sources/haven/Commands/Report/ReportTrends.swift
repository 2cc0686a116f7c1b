import ArgumentParser
import Foundation
import HavenCore
import HavenReports
import HavenServer
import HavenStats
import HavenStore

extension Report {
    /// `haven report parties`: each party's answers.
    struct Parties: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parties",
            abstract: "Interventions sent, answered and unanswered per party, with the median days to an answer.",
            discussion: """
            Tab-separated: party, sent, answered, unanswered, of which no response, median days to answer.

            Example:
              haven report parties --data /srv/haven
            """
        )

        @OptionGroup var options: Report.Options

        func run() async throws {
            let text = try await options.vault.withUnlocked(as: .localOperator) { store, _ in
                try await Self.text(store: store, actor: options.identity)
            }
            print(text, terminator: "")
        }

        static func text(store: SQLStore, actor: ActingIdentity) async throws -> String {
            try await Reports.parties(repository: store, actor: actor, shownPerParty: 0).parties.map { party in
                [party.party, String(party.sent), String(party.answered), String(party.unanswered), String(party.noResponse),
                 party.medianDaysToAnswer.map { String(format: "%.0f", $0) } ?? "-"].joined(separator: "\t") + "\n"
            }.joined()
        }
    }

    /// `haven report trends`: acts by month and region as CSV, with the surges.
    struct Trends: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trends",
            abstract: "Acts by month and region as CSV, and the surges above each region's own baseline.",
            discussion: """
            Writes the CSV (month,region,act_type,acts) to standard output or --output, and the surges to
            standard error. --shared withholds counts below the thresholds file's suppressBelow (default 5), for
            figures that leave the organisation.

            Examples:
              haven report trends --data /srv/haven --type arrest --from 2024-01 --to 2025-12
              haven report trends --data /srv/haven --region CN-JL --shared --output jilin.csv
            """
        )

        @OptionGroup var options: Report.Options
        @Option(help: "An act type code, such as arrest or forced_repatriation.") var type: ActType?
        @Option(help: "A province code, such as CN-JL.") var region: String?
        @Option(help: "The first month, YYYY-MM (default: 23 months before --to).") var from: Month?
        @Option(help: "The last month, YYYY-MM (default: this month).") var to: Month?
        @Flag(help: "Withhold small counts, for figures shared outside.") var shared = false
        @Option(help: "Write the CSV to this file instead of standard output.") var output: String?

        func run() async throws {
            let (thresholds, detector) = try options.limits()
            let (csv, surges) = try await options.vault.withUnlocked(as: .localOperator) { store, _ in
                try await report(store: store, actor: options.identity, detector: detector, suppressBelow: shared ? thresholds.suppressBelow : 1)
            }
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: Data(csv.utf8)) else { throw CLIError("cannot write \(output)") }
            } else {
                print(csv, terminator: "")
            }
            for surge in surges {
                FileHandle.standardError.write(Data("surge: \(surge.region) \(surge.month): \(surge.count) acts, baseline \(String(format: "%.1f", surge.baseline)), p = \(String(format: "%.1e", surge.probability))\n".utf8))
            }
        }

        func report(store: SQLStore, actor: ActingIdentity, detector: SurgeDetector, suppressBelow: Int) async throws -> (String, [SurgeDetector.Surge]) {
            let query: TrendsQuery
            do { query = try TrendsQuery(actType: type, region: region, first: from, last: to, today: Date()) } catch { throw CLIError(error.message) }
            return try await Reports.trends(query, detector: detector, suppressBelow: suppressBelow, repository: store, actor: actor)
        }
    }

    /// `haven report mark-unanswered`: what `haven serve` does every hour, for a vault not being served.
    struct MarkUnanswered: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mark-unanswered",
            abstract: "Record every intervention past its deadline without an answer as no response, dated today.",
            discussion: """
            `haven serve` does this every hour; run it for a vault that is not being served.

            Example:
              haven report mark-unanswered --data /srv/haven
            """
        )

        @OptionGroup var options: Report.Options

        func run() async throws {
            let marked = try await options.vault.withUnlocked(as: .localOperator) { store, _ in
                try await NonResponseSweep.run(repository: store, today: Date(), actor: .system)
            }
            print("\(marked.count) intervention(s) recorded as no response / 무응답으로 기록한 개입 요청: \(marked.count)")
        }
    }
}

extension ActType: ExpressibleByArgument {}

extension Month: ExpressibleByArgument {
    /// A month as YYYY-MM.
    public init?(argument: String) {
        guard argument.count == 7 else { return nil }
        self.init(argument)
    }
}
