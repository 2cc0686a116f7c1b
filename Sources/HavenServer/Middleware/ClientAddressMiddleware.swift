import Foundation
import HTTPTypes
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

/// Sets the request's client address: the connection's peer, or, when the peer is one of the
/// configured reverse proxies, the address it forwarded (`X-Forwarded-For`). Behind a proxy
/// every request otherwise comes from the proxy's address, so one person's failed sign-ins
/// throttled everyone; a forwarded address from a peer that is not a trusted proxy is ignored,
/// since anyone can send the header.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = HavenRequestContext
    /// Addresses of the reverse proxies whose `X-Forwarded-For` is believed.
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trustedProxies.isEmpty, trustedProxies.contains(context.address),
              let forwarded = request.headers[values: HTTPField.Name("X-Forwarded-For")!].last else {
            return try await next(request, context)
        }
        var context = context
        context.address = Self.client(forwardedFor: forwarded, trusted: trustedProxies) ?? context.address
        return try await next(request, context)
    }

    /// The client a proxy chain reports: the rightmost address that is not itself a trusted
    /// proxy (the ones to its left were written by the client, and may be anything); nil when
    /// that entry is not an IP address.
    static func client(forwardedFor header: String, trusted: Set<String>) -> String? {
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let client = hops.reversed().first(where: { !trusted.contains($0) }) else { return nil }
        return isIPAddress(client) ? client : nil
    }

    /// Whether `text` is an IPv4 or IPv6 address literal.
    static func isIPAddress(_ text: String) -> Bool {
        guard text.count <= 45 else { return false }
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}

extension ServerConfiguration {
    /// Whether `text` is an IP address literal, as `trustedProxies` takes them.
    public static func isIPAddress(_ text: String) -> Bool { ClientAddressMiddleware.isIPAddress(text) }
}
