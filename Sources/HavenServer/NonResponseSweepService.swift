import HavenReports
public import HavenStore
public import Logging
public import ServiceLifecycle

/// The hourly no-response sweep as a service of the application's service group: it starts
/// with the server and, on a graceful shutdown (SIGTERM, Ctrl-C), lets a sweep in progress
/// finish its write and stops before the store is closed.
public struct NonResponseSweepService: Service {
    let repository: any Repository
    let interval: Duration
    let logger: Logger

    /// A sweep of `repository` every `interval`.
    public init(repository: any Repository, every interval: Duration = .seconds(3600), logger: Logger) {
        self.repository = repository
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        let (repository, interval, logger) = (repository, interval, logger)
        await cancelWhenGracefulShutdown {
            await NonResponseSweep.repeating(repository: repository, every: interval, logger: logger)
        }
    }
}
