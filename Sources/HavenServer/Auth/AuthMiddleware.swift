import Foundation
import HavenCore
import HavenStore
import Hummingbird

/// Authenticates and authorizes every request against the route table before its handler
/// runs, and gives the handler an identity limited to the account's compartments. A request
/// comes with a session cookie (browsers, with a CSRF token on every state-changing request)
/// or an API token in `Authorization: Bearer` (scripts; never sent by a browser on its own,
/// so no CSRF token is needed).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = HavenRequestContext
    let authenticator: Authenticator
    /// What each route requires.
    let table: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // An address that no route has is simply not there; a route without a requirement for
        // this method is refused (deny by default).
        guard let path = context.endpointPath else {
            throw Problem(status: .notFound, title: "Not found", titleKo: "찾을 수 없습니다", detail: "no page or API route has this address")
        }
        guard let requirement = table.requirement(method: request.method.rawValue, path: path) else {
            throw Problem(status: .forbidden, title: "Forbidden", titleKo: "금지됨", detail: "no access policy covers this route")
        }
        if requirement == .anyone { return try await next(request, context) }
        if let bearer = Self.bearerToken(request) {
            return try await next(request, try await tokenContext(bearer, requirement: requirement, path: path, context: context))
        }
        let token = request.cookies[SessionCookie.name]?.value ?? ""
        let check: Authenticator.SessionCheck = token.isEmpty ? .none : try await authenticator.check(token: token)
        guard case .valid(let account, let session) = check else {
            // The API answers 401; a page sends the browser to sign in, keeping first, sealed,
            // a form whose session ended while it was being typed.
            if path.hasPrefix("/api/") { throw Self.notSignedIn }
            if case .expired(let accountID) = check,
               let kept = try await keepDraft(request, path: path, accountID: accountID, sessionToken: token) {
                return kept
            }
            return PageController.redirect(to: "/login")
        }
        var request = request
        if ![.get, .head, .options].contains(request.method) {
            // Scripts send the token in a header; forms in a hidden `_csrf` field, read here
            // from a buffered copy of the (small) body that the handler then reads again.
            var presented = request.headers[SessionCookie.csrfHeader]
            if presented == nil, FormFields.isForm(request) {
                let buffer = try await request.body.collect(upTo: FormFields.maximumSize)
                request.body = .init(buffer: buffer)
                presented = FormFields.parse(buffer)["_csrf"]
            } else if presented == nil, MultipartForm.isMultipart(request) {
                // A form with a file, only where the route takes one and within its limit.
                guard let limit = table.uploadLimit(method: request.method.rawValue, path: path) else {
                    throw Problem(status: .unsupportedMediaType, title: "This address takes no files", titleKo: "이 주소는 파일을 받지 않습니다",
                                  detail: "send the form without a file")
                }
                let buffer = try await request.body.collect(upTo: limit)
                request.body = .init(buffer: buffer)
                presented = try MultipartForm(buffer, boundary: try MultipartForm.boundary(request)).fields["_csrf"]
            }
            guard SessionCookie.csrfMatches(presented, sessionToken: token) else {
                throw Problem(status: .forbidden, title: "Missing or wrong CSRF token", titleKo: "CSRF 토큰이 없거나 틀렸습니다",
                              detail: "send the csrfToken from GET /api/session in the X-CSRF-Token header")
            }
        }
        if case .permission(let permission) = requirement {
            guard session.scope == .full else {
                throw Problem(status: .forbidden, title: "Finish signing up first", titleKo: "먼저 가입 절차를 마치십시오",
                              detail: "choose a new password and enrol a second factor")
            }
            guard account.allows(permission) else { throw Self.roleForbids }
        }
        var context = context
        context.identity = .account(account.id, compartments: account.compartments,
                                    seesProtected: account.allows(.readProtected), origin: context.address)
        context.account = account
        context.session = SignedInSession(token: token, stored: session)
        return try await next(request, context)
    }

    /// Keeps a form posted with a session that has just timed out (an incident, a rescue request
    /// or an intervention being typed), sealed for the account, and sends the browser to sign in
    /// with a note that it was kept. The form's CSRF token must be the ended session's, as for
    /// any post: a form another site makes the browser post with the stale cookie is not kept.
    /// The CSRF field is not kept: the restored form gets the new session's.
    private func keepDraft(_ request: Request, path: String, accountID: UUID, sessionToken: String) async throws -> Response? {
        guard request.method == .post, DraftPaths.keeps(path), FormFields.isForm(request) else { return nil }
        var fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        guard SessionCookie.csrfMatches(fields["_csrf"], sessionToken: sessionToken) else { return nil }
        fields["_csrf"] = nil
        _ = try await authenticator.drafts.saveDraft(accountID: accountID, path: request.uri.path, fields: fields)
        return PageController.redirect(to: "/login?kept=1")
    }

    /// The context of a request made with an API token: the token's role and compartments,
    /// narrowed again by what its owner may do today.
    private func tokenContext(_ secret: String, requirement: Requirement, path: String, context: Context) async throws -> Context {
        guard let (account, token) = try await authenticator.authenticate(apiToken: secret) else { throw Self.notSignedIn }
        // A token cannot sign in, change a password or factor, or make more tokens: a stolen
        // token must not outlive its own expiry or revocation.
        guard case .permission(let permission) = requirement, !path.hasPrefix("/api/tokens") else {
            throw Problem(status: .forbidden, title: "Not with an API token", titleKo: "API 토큰으로는 할 수 없습니다",
                          detail: "sign in with a password and second factor for this")
        }
        guard token.role.allows(permission), account.allows(permission) else { throw Self.roleForbids }
        var context = context
        context.identity = .account(account.id, compartments: token.compartments.intersection(account.compartments),
                                    seesProtected: token.role.allows(.readProtected) && account.allows(.readProtected),
                                    origin: "\(context.address) token=\(token.id.wire)")
        context.account = account
        return context
    }

    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else { return nil }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    static let notSignedIn = Problem(status: .unauthorized, title: "Not signed in", titleKo: "로그인이 필요합니다",
                                     detail: "sign in at POST /api/session first, or send an API token as Authorization: Bearer")
    static let roleForbids = Problem(status: .forbidden, title: "Your role does not allow this", titleKo: "역할에 허용되지 않은 작업입니다")
}

/// The session a request came with.
public struct SignedInSession: Sendable {
    /// The raw token, from the cookie (never stored or logged).
    let token: String
    /// What the store holds of it.
    public let stored: StoredSession
}
