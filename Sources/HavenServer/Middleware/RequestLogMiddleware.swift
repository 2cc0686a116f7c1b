import Foundation
import Hummingbird

/// Logs one line per request for the operator: method, the route's pattern (`/api/persons/{id}`),
/// status and duration. Never the raw path or query string, which can hold a searched name,
/// and never a body or a header.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(context.endpointPath ?? "(no route)"),
            "status": .stringConvertible(response.status.code),
            "ms": .string(String(format: "%.1f", milliseconds)),
        ])
        return response
    }
}
