public import HavenCore
public import Hummingbird

/// Sets the acting identity of every request. Until accounts arrive (the server binds to
/// 127.0.0.1 only), every request acts as the configured local identity; the accounts work
/// replaces this middleware and nothing else.
public struct IdentityMiddleware: RouterMiddleware {
    public typealias Context = HavenRequestContext
    let identity: ActingIdentity

    /// Creates the middleware with the identity to act as.
    public init(identity: ActingIdentity) {
        self.identity = identity
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.identity = identity
        return try await next(request, context)
    }
}
