public import Foundation
public import HavenCore
import HavenReports
public import HavenStore

/// A dossier as a document for the command line: printable HTML (its stylesheet inlined) or,
/// with `pdf`, PDF printed by headless Chromium. The reading is `HavenReports`'; the rendering
/// is the web pages' own.
public enum DossierDocument {
    /// What a dossier is about.
    public enum Subject: Sendable {
        case event(UUID)
        case person(UUID)
        case party(name: String, from: FuzzyDate?, to: FuzzyDate?)
    }

    /// The dossier's document; every read behind it is audited.
    public static func make(_ subject: Subject, language: Language, pdf: Bool, repository: any Repository,
                            actor: ActingIdentity, madeBy: String, at date: Date) async throws -> Data {
        let inner: Dossier.Subject = switch subject {
        case .event(let id): .event(id)
        case .person(let id): .person(id)
        case .party(let name, let from, let to): .party(name: name, from: from, to: to)
        }
        let dossier: Dossier
        do { dossier = try await DossierReader.dossier(inner, repository: repository, actor: actor) } catch StoreError.notFound {
            throw ReportError(reason: "no such record within reach")
        }
        let html = DossierPage(dossier: dossier, generatedAt: date, generatedBy: madeBy, path: "/").printDocument(language)
        guard pdf else { return Data(html.utf8) }
        guard let printer = PDFPrinter.available() else { throw ReportError(reason: "PDF printing needs Chromium (apt-get install chromium)") }
        return try await printer.pdf(html: html)
    }
}
