public import Foundation
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
    let clock: @Sendable () -> Date
    let logger: Logger

    /// A sweep of `repository` every `interval`, with today's date from `clock`.
    public init(repository: any Repository, every interval: Duration = .seconds(3600), clock: @escaping @Sendable () -> Date = Date.init,
                logger: Logger) {
        self.repository = repository
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        let (repository, interval, clock, logger) = (repository, interval, clock, logger)
        await cancelWhenGracefulShutdown {
            await NonResponseSweep.repeating(repository: repository, every: interval, clock: clock, logger: logger)
        }
    }
}
