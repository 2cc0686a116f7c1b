public import HavenCore
public import HavenStore
public import Hummingbird
public import Logging

/// What the server needs to know to start.
public struct ServerConfiguration: Sendable {
    /// The port on 127.0.0.1.
    public var port: Int
    /// A decrypted export of more records than this waits for a second person's approval.
    public var exportApprovalThreshold: Int

    /// Creates a configuration.
    public init(port: Int = 8080, exportApprovalThreshold: Int = 20) {
        self.port = port
        self.exportApprovalThreshold = exportApprovalThreshold
    }

    /// The address Haven binds to. Until `haven serve` terminates TLS itself, it stays on this
    /// machine and a reverse proxy carries it further.
    public static let host = "127.0.0.1"
}

/// Builds the router: the JSON API, `/openapi.json` and `/health`. Every route passes the
/// authentication middleware, which applies ``AccessPolicy``.
public func buildRouter(repository: any Repository, authenticator: Authenticator, configuration: ServerConfiguration) -> Router<HavenRequestContext> {
    let router = Router(context: HavenRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: AuthMiddleware(authenticator: authenticator))
    router.get("health") { _, _ in try jsonResponse(["status": "ok"], status: .ok) }
    router.get("openapi.json") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.json())))
    }
    let api = router.group("api")
    SessionController(authenticator: authenticator).addRoutes(to: api)
    TokenController(authenticator: authenticator).addRoutes(to: api)
    for type in RecordTypes.all { addRecordRoutes(type, repository: repository, to: api) }
    SearchController(repository: repository).addRoutes(to: api)
    ReferenceController().addRoutes(to: api)
    AccessLogController(store: authenticator.store).addRoutes(to: api)
    ExportController(store: authenticator.store, approvalThreshold: configuration.exportApprovalThreshold).addRoutes(to: api)
    return router
}

private func addRecordRoutes<R: Record>(_ type: R.Type, repository: any Repository, to group: RouterGroup<HavenRequestContext>) {
    RecordController<R>(repository: repository).addRoutes(to: group)
}

/// Builds the Haven application over a repository; `main` only reads configuration and calls this.
public func buildApplication(
    repository: any Repository, authenticator: Authenticator, configuration: ServerConfiguration, logger: Logger = Logger(label: "haven")
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(repository: repository, authenticator: authenticator, configuration: configuration),
        configuration: .init(address: .hostname(ServerConfiguration.host, port: configuration.port), serverName: "Haven"),
        logger: logger
    )
}
