import ArgumentParser
import Foundation
import HavenCore
import HavenReports
import HavenServer
import HavenStore

extension Report {
    /// `haven report import-arrivals`: official yearly arrival figures from CSV, with their source.
    struct ImportArrivals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-arrivals",
            abstract: "Import official yearly arrival figures by sex from a CSV file (year,women,men), naming their source.",
            discussion: """
            Every row is checked first: all are imported or none, and a refusal names the row. The import
            replaces the figures held and is recorded in the audit log.

            Example:
              haven report import-arrivals --data /srv/haven --source "Ministry annual report 2025" arrivals.csv
            """
        )

        @OptionGroup var options: Report.Options
        @Option(help: "Where the figures come from.") var source: String
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let figures: [ArrivalFigure]
            do throws(ArrivalCSVError) { figures = try ArrivalFigure.parse(csv: String(decoding: data, as: UTF8.self)) } catch {
                throw CLIError("\(file): \(error.description) / \(error.korean); nothing was imported")
            }
            try await options.vault.withUnlocked(as: .localOperator) { store, _ in
                try await store.importArrivals(figures, source: source, by: .localOperator)
            }
            print("imported \(figures.count) years (\(figures.first?.year ?? 0)–\(figures.last?.year ?? 0)) / \(figures.count)개 연도를 가져왔습니다")
        }
    }

    /// `haven report statistics`: persons affected and official arrivals as CSV.
    struct Statistics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "statistics",
            abstract: "Documented persons affected by act type, sex and age group, and official arrivals per year, as CSV.",
            discussion: """
            --shared withholds counts below the thresholds file's suppressBelow (default 5), for figures that
            leave the organisation.

            Examples:
              haven report statistics --data /srv/haven --from 2020 --to 2025
              haven report statistics --data /srv/haven --shared > shared.csv
            """
        )

        @OptionGroup var options: Report.Options
        @Option(help: "The first year (default: nine years ago).") var from: Int?
        @Option(help: "The last year (default: this year).") var to: Int?
        @Flag(help: "Withhold small counts, for figures shared outside.") var shared = false

        func run() async throws {
            let (thresholds, _) = try options.limits()
            let csv = try await options.vault.withUnlocked(as: .localOperator) { store, _ in
                let years: (Int, Int)
                do { years = try StatisticsReader.years(from: from, to: to, today: Date()) } catch let error as ReportQueryError { throw CLIError(error.message) }
                return try await Reports.statisticsCSV(firstYear: years.0, lastYear: years.1, suppressBelow: shared ? thresholds.suppressBelow : 1,
                                                       store: store, actor: options.identity)
            }
            print(csv, terminator: "")
        }
    }
}
