public import HavenCore
public import HavenStore
public import Hummingbird
public import Logging

/// What the server needs to know to start.
public struct ServerConfiguration: Sendable {
    /// The port on 127.0.0.1. Until accounts exist, Haven never listens beyond this machine.
    public var port: Int
    /// Who requests act as until accounts exist.
    public var identity: ActingIdentity

    /// Creates a configuration.
    public init(port: Int = 8080, identity: ActingIdentity = .localOperator) {
        self.port = port
        self.identity = identity
    }

    /// The only address Haven binds to before accounts exist.
    public static let host = "127.0.0.1"
}

/// Builds the router: the JSON API, `/openapi.json` and `/health`.
public func buildRouter(repository: any Repository, configuration: ServerConfiguration) -> Router<HavenRequestContext> {
    let router = Router(context: HavenRequestContext.self)
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: IdentityMiddleware(identity: configuration.identity))
    router.get("health") { _, _ in try jsonResponse(["status": "ok"], status: .ok) }
    router.get("openapi.json") { _, _ in
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try OpenAPIDocument.json())))
    }
    let api = router.group("api")
    for type in RecordTypes.all { addRecordRoutes(type, repository: repository, to: api) }
    SearchController(repository: repository).addRoutes(to: api)
    ReferenceController().addRoutes(to: api)
    return router
}

private func addRecordRoutes<R: Record>(_ type: R.Type, repository: any Repository, to group: RouterGroup<HavenRequestContext>) {
    RecordController<R>(repository: repository).addRoutes(to: group)
}

/// Builds the Haven application over a repository; `main` only reads configuration and calls this.
public func buildApplication(
    repository: any Repository, configuration: ServerConfiguration, logger: Logger = Logger(label: "haven")
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(repository: repository, configuration: configuration),
        configuration: .init(address: .hostname(ServerConfiguration.host, port: configuration.port), serverName: "Haven"),
        logger: logger
    )
}
