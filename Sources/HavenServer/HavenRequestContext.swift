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
    public var responseEncoder: JSONEncoder { HavenJSON.encoder() }

    /// Attachments are the largest bodies: 10 MiB of content, base64 in JSON.
    public var maxUploadSize: Int { 16 * 1024 * 1024 }

    /// The acting identity, or 401 when no middleware set one.
    public func actor() throws -> ActingIdentity {
        guard let identity else { throw Problem(status: .unauthorized, title: "Not signed in", titleKo: "로그인이 필요합니다") }
        return identity
    }
}

/// A request made by a signed-in account, known for certain: handlers that need the account ask
/// the context for this once (401 when no middleware signed one in) instead of unwrapping
/// optionals at every use.
struct SignedIn: Sendable {
    /// The account.
    let account: Account
    /// Who acts, limited to the account's (or its API token's) compartments.
    let identity: ActingIdentity
    /// The browser session; nil for a script's API token.
    let session: SignedInSession?

    /// Who the page header names and the CSRF token its forms carry; pages need a browser session.
    func pageUser() throws -> PageUser {
        guard let session else { throw AuthMiddleware.notSignedIn }
        return PageUser(username: account.username, csrf: SessionCookie.csrfToken(for: session.token),
                        role: session.stored.scope == .full ? account.role : nil)
    }
}

extension HavenRequestContext {
    /// The signed-in account of this request, or 401.
    func signedIn() throws -> SignedIn {
        guard let account, let identity else { throw AuthMiddleware.notSignedIn }
        return SignedIn(account: account, identity: identity, session: session)
    }
}

/// The signed-in person as a page shows them: the user name in the header, and the CSRF token
/// every form of the page carries.
struct PageUser: Sendable, Equatable {
    let username: String
    let csrf: String
    /// The role, once the account is fully set up: the navigation offers what it may open.
    var role: Role? = nil
}
