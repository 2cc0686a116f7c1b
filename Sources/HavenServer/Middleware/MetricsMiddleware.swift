import Foundation
import HavenStore
import Hummingbird
import Prometheus

/// The server's operational figures for Prometheus, at `/metrics`: requests by method, route
/// pattern (`/api/persons/{id}`, never a concrete path, which may hold a searched name) and
/// status, their durations, and at each scrape the records indexed, the audit log's size, how
/// long the last unlock took and the newest backup's age.
/// Nothing in them is record content. One registry per application, so that tests and several
/// servers in one process never share figures.
final class HavenMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    /// Upper bounds of the latency histogram's buckets.
    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                      .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10)]

    func record(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(descriptor: .init(namespace: "haven", metricName: "http_requests", unitName: "total",
                                               helpText: "Requests answered, by method, route pattern and status"),
                             labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: .init(namespace: "haven", metricName: "http_request_duration", unitName: "seconds",
                                                         helpText: "Time to answer a request, by method and route pattern"),
                                       labels: [("method", method), ("route", route)], buckets: Self.buckets).record(duration)
    }

    /// The figures in Prometheus's text format, the store's gauges read now.
    func text(store: SQLStore) async -> String {
        registry.makeGauge(descriptor: .init(namespace: "haven", metricName: "indexed", unitName: "records",
                                             helpText: "Current records in the in-memory index")).set(to: Double(await store.indexedRecordCount))
        registry.makeGauge(descriptor: .init(namespace: "haven", metricName: "audit_log", unitName: "entries",
                                             helpText: "Entries in the audit log as this server knows it")).set(to: Double(await store.auditLogSize))
        if let unlock = await store.lastUnlockDuration {
            let seconds = Double(unlock.components.seconds) + Double(unlock.components.attoseconds) / 1e18
            registry.makeGauge(descriptor: .init(namespace: "haven", metricName: "unlock_duration", unitName: "seconds",
                                                 helpText: "How long the last unlock took: decrypting every record and building the index"))
                .set(to: seconds)
        }
        // Alert on it (say, older than two backup intervals): a schedule that stopped working
        // fails quietly otherwise. Absent until the audit log records a backup.
        if let made = await store.lastBackupAt {
            registry.makeGauge(descriptor: .init(namespace: "haven", metricName: "backup_age", unitName: "seconds",
                                                 helpText: "Time since the newest backup recorded in the audit log was made"))
                .set(to: max(0, Date().timeIntervalSince(made)))
        }
        return registry.emitToString()
    }
}

/// Counts every request and its duration into ``HavenMetrics``, by route pattern.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: HavenMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        metrics.record(method: request.method.rawValue, route: context.endpointPath ?? "(no route)", status: response.status.code,
                       duration: ContinuousClock.now - start)
        return response
    }
}
