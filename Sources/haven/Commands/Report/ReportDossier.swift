import ArgumentParser
import Foundation
import HavenCore
import HavenReports
import HavenServer
import HavenStore

extension Report {
    /// `haven report dossier`: a dossier for an incident, a person or a party, as printable HTML or PDF.
    struct Dossier: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dossier",
            abstract: "A dossier for diplomatic protest (an incident, a person, or a party over a period), as HTML or PDF.",
            discussion: """
            The dossier holds decrypted names and narratives: it needs --plaintext, is written readable by
            its owner only, never over an existing file, and every read behind it is in the audit log.
            Delete it when it has been printed.

            Examples:
              haven report dossier --data /srv/haven --event 0b7e2f64-3a51-4c1e-9d0a-5f1e2b3c4d5e --output d.html --plaintext
              haven report dossier --data /srv/haven --party "Ministry of Foreign Affairs" --from 2024 --to 2025 --language en --pdf --output d.pdf --plaintext
            """
        )

        @OptionGroup var options: Report.Options
        @Option(help: "An incident's id.") var event: String?
        @Option(help: "A person's id.") var person: String?
        @Option(help: "A party, as written on its interventions.") var party: String?
        @Option(help: "For a party: from this date (YYYY, YYYY-MM or YYYY-MM-DD).") var from: String?
        @Option(help: "For a party: up to this date.") var to: String?
        @Option(help: "ko or en.") var language: String = "ko"
        @Flag(help: "Print to PDF with headless Chromium instead of HTML.") var pdf = false
        @Option(help: "The file to write (created readable by its owner only).") var output: String
        @Flag(help: "Acknowledge that the dossier is written decrypted.") var plaintext = false

        func validate() throws {
            guard [event, person, party].compactMap({ $0 }).count == 1 else { throw ValidationError("give exactly one of --event, --person and --party") }
            if let event, UUID(uuidString: event) == nil { throw ValidationError("--event must be a record id (UUID)") }
            if let person, UUID(uuidString: person) == nil { throw ValidationError("--person must be a record id (UUID)") }
            if party == nil && (from != nil || to != nil) { throw ValidationError("--from and --to go with --party") }
            for date in [from, to].compactMap({ $0 }) where (try? FuzzyDate(parsing: date)) == nil {
                throw ValidationError("\(date) is not a date such as 2024 or 2024-08")
            }
            guard Language(rawValue: language) != nil else { throw ValidationError("--language must be ko or en") }
            guard plaintext else { throw ValidationError("a dossier is written decrypted: add --plaintext to confirm") }
        }

        var subject: DossierDocument.Subject {
            if let event { return .event(UUID(uuidString: event)!) }
            if let person { return .person(UUID(uuidString: person)!) }
            return .party(name: party ?? "", from: from.flatMap { try? FuzzyDate(parsing: $0) }, to: to.flatMap { try? FuzzyDate(parsing: $0) })
        }

        func run() async throws {
            let data = try await options.vault.withUnlocked(as: .localOperator) { store, _ in
                do {
                    return try await DossierDocument.make(subject, language: Language(rawValue: language)!, pdf: pdf, repository: store,
                                                          actor: options.identity, madeBy: "local operator", at: Date())
                } catch let error as ReportError {
                    throw CLIError(error.reason)
                }
            }
            try ExportCoding.write(data, to: output)
            print("Wrote the dossier DECRYPTED to \(output) (\(data.count) bytes); delete it when it has been printed.")
        }
    }
}
