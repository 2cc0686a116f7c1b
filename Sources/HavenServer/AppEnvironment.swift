import Foundation
import HavenCore
import HavenStats
import HavenStore

/// What every controller works with, built once by ``buildRouter(store:authenticator:configuration:)``:
/// the repository and store, the authenticator, the configuration's thresholds, and the one
/// clock. A test that moves the authenticator's clock moves every date a page or an answer
/// shows (today's overdue requests, a form's default date, a dossier's time of making).
struct AppEnvironment: Sendable {
    /// Records, read and written with access control and audit.
    let repository: any Repository
    /// The store behind it; controllers reach it only through its narrow roles: ``drafts``,
    /// ``accessLog``, ``exports``, ``imports`` and ``statistics`` (accounts and sessions through
    /// the authenticator).
    private let store: SQLStore
    /// Sign-in, sessions, enrolment and API tokens.
    let authenticator: Authenticator
    /// Thresholds, the surge test, the export rule.
    let configuration: ServerConfiguration

    /// The environment over one store: it is the repository of records and, through its roles,
    /// everything else a controller keeps.
    init(store: SQLStore, authenticator: Authenticator, configuration: ServerConfiguration) {
        repository = store
        self.store = store
        self.authenticator = authenticator
        self.configuration = configuration
    }

    /// The current instant, from the one clock.
    var now: Date { authenticator.clock() }

    /// Today in UTC as `YYYY-MM-DD`.
    var today: String { Day.string(now) }

    /// Forms kept when a session ended.
    var drafts: any DraftKeeping { store }
    /// The access log and the accounts it names.
    var accessLog: any AccessLogReading { store }
    /// Decrypted exports under the two-person rule.
    var exports: any ExportKeeping { store }
    /// Spreadsheet import batches and saved mappings.
    var imports: any ImportKeeping { store }
    /// What the organisation calls its compartments.
    var compartmentNaming: any CompartmentNaming { store }

    /// The compartments' names for the pages.
    func compartmentNames() async throws -> CompartmentNames { CompartmentNames(labels: try await compartmentNaming.compartmentLabels()) }
    /// The records with the official statistics beside them (arrival figures), for the
    /// statistics report.
    var statistics: some Repository & StatisticsKeeping { store }
}

/// A controller: a group of routes over the application's environment.
protocol Controller: Sendable {
    var environment: AppEnvironment { get }
    /// The routes it declares.
    var routes: [Route] { get }
}

extension Controller {
    var repository: any Repository { environment.repository }
    var authenticator: Authenticator { environment.authenticator }
    var thresholds: AccountabilityThresholds { environment.configuration.thresholds }
    var surge: SurgeDetector { environment.configuration.surge }
}
