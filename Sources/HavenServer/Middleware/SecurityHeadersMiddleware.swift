public import Hummingbird
import HTTPTypes

/// Adds the security headers every response carries, error responses included: no sniffing,
/// no referrer, no framing, no caching (responses hold protected data), a CSP that allows
/// nothing inline, and HSTS when Haven itself serves TLS.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Whether to send `Strict-Transport-Security` (only meaningful over TLS).
    let strictTransportSecurity: Bool

    /// Creates the middleware.
    public init(strictTransportSecurity: Bool = false) {
        self.strictTransportSecurity = strictTransportSecurity
    }

    /// Nothing by default; the one stylesheet from Haven itself; no script at all, inline or not;
    /// forms post only to Haven; no framing. A real browser loads the pages under it in `.ci/run`.
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.cacheControl] = "no-store"
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xFrameOptions] = "DENY"
        if strictTransportSecurity {
            // Two years, the preload list's minimum, once an operator has chosen TLS.
            response.headers[.strictTransportSecurity] = "max-age=63072000; includeSubDomains"
        }
        return response
    }
}

extension HTTPField.Name {
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
