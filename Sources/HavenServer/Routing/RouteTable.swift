import Hummingbird

/// Every route of Haven, each declared once (``Route``): the table mounts the handlers, answers
/// ``AuthMiddleware``'s question of what a route requires, and is what ``OpenAPIDocument``
/// describes.
struct RouteTable: Sendable {
    /// The routes, in declaration order.
    let routes: [Route]
    private let requirements: [String: Requirement]
    private let uploadLimits: [String: Int]

    /// A table of routes; two declarations of one method and path are a programming error.
    init(_ routes: [Route]) {
        var requirements: [String: Requirement] = [:]
        for route in routes {
            precondition(requirements[route.name] == nil, "\(route.name) is declared twice")
            requirements[route.name] = route.requirement
        }
        self.routes = routes
        self.requirements = requirements
        self.uploadLimits = Dictionary(uniqueKeysWithValues: routes.compactMap { route in route.uploadLimit.map { (route.name, $0) } })
    }

    /// What a route requires, by method and Hummingbird path pattern (`{id}` parameters, as
    /// `context.endpointPath` gives them); nil for a route the table does not hold, which is
    /// therefore refused.
    func requirement(method: String, path: String) -> Requirement? {
        requirements["\(method) \(path)"]
    }

    /// The largest multipart body a route takes, or nil when it takes none.
    func uploadLimit(method: String, path: String) -> Int? {
        uploadLimits["\(method) \(path)"]
    }

    /// Mounts every route's handler on the router.
    func mount(on router: Router<HavenRequestContext>) {
        for route in routes {
            router.on(RouterPath(route.path), method: route.method, use: route.handler)
        }
    }
}
