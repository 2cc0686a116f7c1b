public import Foundation
public import Hummingbird
public import HavenCore
import HavenStore

/// The request context of every Haven route. It carries the acting identity, so that every
/// handler already knows who acts and authorization slots in without rewriting handlers.
public struct HavenRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is acting: the signed-in account (or API token), limited to its compartments, set by `AuthMiddleware`.
    public var identity: ActingIdentity?
    /// The signed-in account, set by the authentication middleware.
    public var account: Account?
    /// The session the request came with.
    public var session: SignedInSession?
    /// The client's address, for the access log and the sign-in throttle ("unknown" when the
    /// transport does not say): the peer's, or the one a trusted proxy forwarded
    /// (``ClientAddressMiddleware``).
    public var address: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        account = nil
        session = nil
        address = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Values a handler returns are written with Haven's JSON coder: sorted keys, ISO 8601 instants.
    public var responseEncoder: JSONEncoder { RecordBody.encoder() }

    /// Attachments are the largest bodies: 10 MiB of content, base64 in JSON.
    public var maxUploadSize: Int { 16 * 1024 * 1024 }

    /// The acting identity, or 401 when no middleware set one.
    public func actor() throws -> ActingIdentity {
        guard let identity else { throw Problem(status: .unauthorized, title: "Not signed in", titleKo: "로그인이 필요합니다") }
        return identity
    }
}
