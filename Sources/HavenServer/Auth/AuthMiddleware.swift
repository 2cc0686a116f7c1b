import HavenCore
import HavenStore
import Hummingbird

/// Authenticates and authorizes every request against ``AccessPolicy`` before its handler
/// runs, and gives the handler an identity limited to the account's compartments.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = HavenRequestContext
    let authenticator: Authenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = context.endpointPath ?? request.uri.path
        guard let requirement = AccessPolicy.requirement(method: request.method.rawValue, path: path) else {
            throw Problem(status: .forbidden, title: "Forbidden", titleKo: "금지됨", detail: "no access policy covers this route")
        }
        if requirement == .anyone { return try await next(request, context) }
        guard let token = request.cookies[SessionCookie.name]?.value, !token.isEmpty,
              let (account, session) = try await authenticator.authenticate(token: token) else {
            throw Problem(status: .unauthorized, title: "Not signed in", titleKo: "로그인이 필요합니다",
                          detail: "sign in at POST /api/session first")
        }
        if ![.get, .head, .options].contains(request.method) {
            guard SessionCookie.csrfMatches(request.headers[SessionCookie.csrfHeader], sessionToken: token) else {
                throw Problem(status: .forbidden, title: "Missing or wrong CSRF token", titleKo: "CSRF 토큰이 없거나 틀렸습니다",
                              detail: "send the csrfToken from GET /api/session in the X-CSRF-Token header")
            }
        }
        if case .permission(let permission) = requirement {
            guard session.scope == .full else {
                throw Problem(status: .forbidden, title: "Finish signing up first", titleKo: "먼저 가입 절차를 마치십시오",
                              detail: "choose a new password and enrol a second factor")
            }
            guard account.allows(permission) else {
                throw Problem(status: .forbidden, title: "Your role does not allow this", titleKo: "역할에 허용되지 않은 작업입니다")
            }
        }
        var context = context
        context.identity = .account(account.id, compartments: account.compartments,
                                    seesProtected: account.allows(.readProtected), origin: context.address)
        context.account = account
        context.session = SignedInSession(token: token, stored: session)
        return try await next(request, context)
    }
}

/// The session a request came with.
public struct SignedInSession: Sendable {
    /// The raw token, from the cookie (never stored or logged).
    let token: String
    /// What the store holds of it.
    public let stored: StoredSession
}
