public import HavenCore
public import HavenStore
public import HavenStats
public import Hummingbird
import HummingbirdCore
public import HummingbirdTLS
public import Logging
public import NIOCore
public import ServiceLifecycle
import Synchronization
import Foundation

/// What the server needs to know to start.
public struct ServerConfiguration: Sendable {
    /// The port to listen on.
    public var port: Int
    /// The address to bind: 127.0.0.1 unless Haven terminates TLS itself.
    public var host: String
    /// A certificate chain and private key (PEM files) when Haven terminates TLS itself.
    public var tls: TLSFiles?
    /// A decrypted export of more records than this waits for a second person's approval.
    public var exportApprovalThreshold: Int
    /// How long sessions live without a request, and at most.
    public var sessionPolicy: SessionPolicy
    /// The thresholds of trap indicators and risk flags, and small-cell suppression.
    public var thresholds: AccountabilityThresholds
    /// The surge test of trends.
    public var surge: SurgeDetector
    /// Reverse proxies whose `X-Forwarded-For` gives the client's address (IP literals).
    public var trustedProxies: Set<String>
    /// The largest spreadsheet the import page takes, in bytes.
    public var importFileBytes: Int

    /// Creates a configuration.
    public init(port: Int = 8080, host: String = ServerConfiguration.host, tls: TLSFiles? = nil, exportApprovalThreshold: Int = 20,
                sessionPolicy: SessionPolicy = SessionPolicy(), thresholds: AccountabilityThresholds = .init(),
                surge: SurgeDetector = .init(), trustedProxies: Set<String> = [], importFileBytes: Int = 50 * 1024 * 1024) {
        self.port = port
        self.host = host
        self.tls = tls
        self.exportApprovalThreshold = exportApprovalThreshold
        self.sessionPolicy = sessionPolicy
        self.thresholds = thresholds
        self.surge = surge
        self.trustedProxies = trustedProxies
        self.importFileBytes = importFileBytes
    }

    /// The address Haven binds to by default: this machine only. A wider address needs TLS
    /// (``tls``) or a reverse proxy in front.
    public static let host = "127.0.0.1"

    /// The URL scheme clients use.
    public var scheme: String { tls == nil ? "http" : "https" }
}

/// The PEM files of a TLS server identity.
public struct TLSFiles: Sendable {
    /// The certificate chain, leaf first.
    public var certificatePath: String
    /// The private key.
    public var privateKeyPath: String

    /// Names the files.
    public init(certificatePath: String, privateKeyPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
    }

    /// A server TLS configuration from the files: TLS 1.2 at least, the key checked against the
    /// certificate by the TLS library. Errors name the file, never its content.
    public func configuration() throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificatePath) } catch {
            throw TLSSetupError("cannot read a PEM certificate from \(certificatePath)")
        }
        guard !chain.isEmpty else { throw TLSSetupError("\(certificatePath) holds no certificate") }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem) } catch {
            throw TLSSetupError("cannot read a PEM private key from \(privateKeyPath)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}

/// A TLS certificate or key that could not be used.
public struct TLSSetupError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Every route of Haven, each declared once with its requirement and, for the JSON API, its
/// OpenAPI description (``Route``).
func havenRoutes(store: SQLStore, authenticator: Authenticator, configuration: ServerConfiguration, metrics: HavenMetrics = HavenMetrics()) -> [Route] {
    var routes: [Route] = [
        // For an operator's Prometheus, with an administrator's API token: counts and latencies only.
        Route(.get, "/metrics", .permission(.readMetrics)) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: await metrics.text(store: store))))
        },
        // Healthy means the store answers, not only that the process runs: a load balancer must
        // not send people to a server whose every real request would fail.
        Route(.get, "/health", .anyone, api: .init("Liveness: whether the store answers (503 when it does not)", response: .of(HealthView.self))) { _, _ in
            let answers = await store.answers()
            return try jsonResponse(HealthView(status: answers ? "ok" : "unavailable"), status: answers ? .ok : .serviceUnavailable)
        },
    ]
    let environment = AppEnvironment(store: store, authenticator: authenticator, configuration: configuration)
    let controllers: [any Controller] = [
        PageController(environment: environment), AccountPageController(environment: environment), RecordPageController(environment: environment),
        DuplicateController(environment: environment), RecordFormController(environment: environment), ReportPageController(environment: environment),
        SessionController(environment: environment), TokenController(environment: environment), SearchController(environment: environment),
        IncidentController(environment: environment), ReportController(environment: environment), ReferenceController(environment: environment),
        AccessLogController(environment: environment), ExportController(environment: environment),
        ImportPageController(environment: environment, workspace: ImportWorkspace()),
    ]
    for controller in controllers { routes += controller.routes }
    for type in RecordTypes.all { routes += recordRoutes(type, environment: environment) }
    // The document describes every route, itself included; it is written on first request.
    let document = OpenAPIText()
    routes.append(Route(.get, "/openapi.json", .anyone, api: .init("This document", response: .schema(.any))) { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: try document.data())))
    })
    document.describe(routes)
    return routes
}

private func recordRoutes<R: Record>(_ type: R.Type, environment: AppEnvironment) -> [Route] {
    RecordController<R>(environment: environment).routes
}

/// `{"status": "ok"}` or `{"status": "unavailable"}`.
struct HealthView: Codable {
    let status: String
}

/// The OpenAPI document, written once when first asked for.
private final class OpenAPIText: Sendable {
    private let state = Mutex<(routes: [Route], data: Data?)>(([], nil))

    /// Sets the routes the document describes.
    func describe(_ routes: [Route]) { state.withLock { $0 = (routes, nil) } }

    func data() throws -> Data {
        let (routes, written) = state.withLock { $0 }
        if let written { return written }
        let data = try OpenAPIDocument.json(routes)
        state.withLock { $0.data = data }
        return data
    }
}

/// Builds the router: the pages, the JSON API, `/openapi.json` and `/health`. Every route passes
/// the authentication middleware, which applies the route table's requirements.
public func buildRouter(store: SQLStore, authenticator: Authenticator, configuration: ServerConfiguration) -> Router<HavenRequestContext> {
    let metrics = HavenMetrics()
    let table = RouteTable(havenRoutes(store: store, authenticator: authenticator, configuration: configuration, metrics: metrics))
    let router = Router(context: HavenRequestContext.self)
    // The client's address first, so that the log and the throttle see the forwarded one; the
    // request log next, so that it sees every final status; then the security headers,
    // so that problem responses (401, 403, 404 …) carry them too.
    router.add(middleware: ClientAddressMiddleware(trustedProxies: configuration.trustedProxies))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware(metrics: metrics))
    router.add(middleware: SecurityHeadersMiddleware(strictTransportSecurity: configuration.tls != nil))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: AuthMiddleware(authenticator: authenticator, table: table))
    table.mount(on: router)
    return router
}

/// Builds the Haven application over a repository; `main` only reads configuration and calls
/// this. With ``ServerConfiguration/tls`` it serves HTTPS itself.
///
/// - Parameters:
///   - services: services that run beside the server and stop with it (the no-response sweep).
///   - onServerRunning: called once the port is bound and requests are taken, not before.
public func buildApplication(
    store: SQLStore, authenticator: Authenticator, configuration: ServerConfiguration, logger: Logger = Logger(label: "haven"),
    services: [any Service] = [], onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let server: HTTPServerBuilder = try configuration.tls.map { try .tls(.http1(), tlsConfiguration: try $0.configuration()) } ?? .http1()
    return Application(
        router: buildRouter(store: store, authenticator: authenticator, configuration: configuration),
        server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Haven"),
        services: services,
        onServerRunning: onServerRunning,
        logger: logger
    )
}
