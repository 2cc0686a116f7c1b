public import HavenCore
public import HavenStore
public import HavenStats
public import Hummingbird
import HummingbirdCore
public import HummingbirdTLS
public import Logging
public import NIOCore
public import ServiceLifecycle

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

    /// Creates a configuration.
    public init(port: Int = 8080, host: String = ServerConfiguration.host, tls: TLSFiles? = nil, exportApprovalThreshold: Int = 20,
                sessionPolicy: SessionPolicy = SessionPolicy(), thresholds: AccountabilityThresholds = .init(),
                surge: SurgeDetector = .init(), trustedProxies: Set<String> = []) {
        self.port = port
        self.host = host
        self.tls = tls
        self.exportApprovalThreshold = exportApprovalThreshold
        self.sessionPolicy = sessionPolicy
        self.thresholds = thresholds
        self.surge = surge
        self.trustedProxies = trustedProxies
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

/// Builds the router: the JSON API, `/openapi.json` and `/health`. Every route passes the
/// authentication middleware, which applies ``AccessPolicy``.
public func buildRouter(repository: any Repository, authenticator: Authenticator, configuration: ServerConfiguration) -> Router<HavenRequestContext> {
    let router = Router(context: HavenRequestContext.self)
    // The client's address first, so that the log and the throttle see the forwarded one; the
    // request log next, so that it sees every final status; then the security headers,
    // so that problem responses (401, 403, 404 …) carry them too.
    router.add(middleware: ClientAddressMiddleware(trustedProxies: configuration.trustedProxies))
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware(strictTransportSecurity: configuration.tls != nil))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: AuthMiddleware(authenticator: authenticator))
    // Healthy means the store answers, not only that the process runs: a load balancer must not
    // send people to a server whose every real request would fail.
    let store = authenticator.store
    router.get("health") { _, _ in
        let answers = await store.answers()
        return try jsonResponse(["status": answers ? "ok" : "unavailable"], status: answers ? .ok : .serviceUnavailable)
    }
    router.get("openapi.json") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.json())))
    }
    PageController(authenticator: authenticator, repository: repository).addRoutes(to: router)
    AccountPageController(authenticator: authenticator).addRoutes(to: router)
    RecordPageController(repository: repository, store: authenticator.store, thresholds: configuration.thresholds).addRoutes(to: router)
    DuplicateController(repository: repository).addRoutes(to: router)
    RecordFormController(repository: repository, store: authenticator.store).addRoutes(to: router)
    ReportPageController(repository: repository, store: authenticator.store, thresholds: configuration.thresholds, surge: configuration.surge)
        .addRoutes(to: router)
    let api = router.group("api")
    SessionController(authenticator: authenticator).addRoutes(to: api)
    TokenController(authenticator: authenticator).addRoutes(to: api)
    for type in RecordTypes.all { addRecordRoutes(type, repository: repository, to: api) }
    SearchController(repository: repository).addRoutes(to: api)
    IncidentController(repository: repository).addRoutes(to: api)
    ReportController(repository: repository, store: authenticator.store, thresholds: configuration.thresholds, surge: configuration.surge)
        .addRoutes(to: api)
    ReferenceController().addRoutes(to: api)
    AccessLogController(store: authenticator.store).addRoutes(to: api)
    ExportController(store: authenticator.store, approvalThreshold: configuration.exportApprovalThreshold).addRoutes(to: api)
    return router
}

private func addRecordRoutes<R: Record>(_ type: R.Type, repository: any Repository, to group: RouterGroup<HavenRequestContext>) {
    RecordController<R>(repository: repository).addRoutes(to: group)
}

/// Builds the Haven application over a repository; `main` only reads configuration and calls
/// this. With ``ServerConfiguration/tls`` it serves HTTPS itself.
///
/// - Parameters:
///   - services: services that run beside the server and stop with it (the no-response sweep).
///   - onServerRunning: called once the port is bound and requests are taken, not before.
public func buildApplication(
    repository: any Repository, authenticator: Authenticator, configuration: ServerConfiguration, logger: Logger = Logger(label: "haven"),
    services: [any Service] = [], onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) throws -> some ApplicationProtocol {
    let server: HTTPServerBuilder = try configuration.tls.map { try .tls(.http1(), tlsConfiguration: try $0.configuration()) } ?? .http1()
    return Application(
        router: buildRouter(repository: repository, authenticator: authenticator, configuration: configuration),
        server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Haven"),
        services: services,
        onServerRunning: onServerRunning,
        logger: logger
    )
}
