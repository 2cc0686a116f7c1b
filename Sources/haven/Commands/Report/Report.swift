import ArgumentParser
import Foundation
import HavenCore
import HavenReports
import HavenServer
import HavenStats
import HavenStore

/// `haven report`: the accountability reports, from the vault itself, as the local operator
/// (optionally narrowed to compartments). Flags and indicators are for review, never verdicts.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Accountability reports: brokers' track records, trap indicators, answers by party, trends, dossiers; official arrivals; mark unanswered interventions.",
        subcommands: [Brokers.self, Indicators.self, Parties.self, Trends.self, MarkUnanswered.self, ImportArrivals.self, Statistics.self, Dossier.self, Estimate.self]
    )

    /// What every report takes: the vault, compartments to narrow to, and a thresholds file.
    struct Options: ParsableArguments {
        @OptionGroup var vault: VaultOptions
        @Option(name: .customLong("compartment"), help: "Only these compartments (repeat); all by default.") var compartments: [String] = []
        @Option(help: "A JSON thresholds file, as for `haven serve --thresholds`.") var thresholds: String?

        var identity: ActingIdentity {
            compartments.isEmpty ? .localOperator
                : ActingIdentity(id: ActingIdentity.localOperator.id, displayName: "Local operator", compartments: Set(compartments))
        }

        func limits() throws -> (AccountabilityThresholds, SurgeDetector) {
            guard let thresholds else { return (AccountabilityThresholds(), SurgeDetector()) }
            guard let data = FileManager.default.contents(atPath: thresholds) else { throw CLIError("cannot read the thresholds file \(thresholds)") }
            struct Settings: Decodable { var surge: SurgeDetector? }
            do {
                return (try AccountabilityThresholds.read(data), try JSONDecoder().decode(Settings.self, from: data).surge ?? SurgeDetector())
            } catch {
                throw CLIError("\(error)")
            }
        }
    }

    /// A label in both languages, on one line.
    static func both(_ label: LocalizedLabel) -> String { "\(label.en) / \(label.ko)" }

    static func ref(_ ref: RecordRef) -> String { "\(ref.kind.code):\(ref.id.wire)" }
}
