import Foundation
import HavenCore
import HavenStore
import Hummingbird

/// One's own API tokens, at `/api/tokens`: make one (shown once), list them, revoke one.
/// Only a signed-in session reaches these routes, never a token.
struct TokenController: Controller {
    let environment: AppEnvironment

    // A full session only: AuthMiddleware refuses API tokens here.
    var routes: [Route] {
        [
            Route(.post, "/api/tokens", .permission(.manageOwnAccount),
                  api: .init("Make an API token for scripts, with one's role and compartments or less; the secret is shown once",
                             body: .of(CreateBody.self), status: .created, response: .of(TokenView.self)), create),
            Route(.get, "/api/tokens", .permission(.manageOwnAccount),
                  api: .init("One's API tokens, without their secrets", response: .of(ItemList<TokenView>.self)), list),
            Route(.delete, "/api/tokens/{id}", .permission(.manageOwnAccount),
                  api: .init("Revoke one of one's API tokens at once", status: .noContent, response: nil), revoke),
        ]
    }

    struct CreateBody: StrictBody {
        let label: String
        let role: String?
        let compartments: [String]?
        let expiresInDays: Int?
        enum CodingKeys: String, CodingKey, CaseIterable { case label, role, compartments, expiresInDays }
    }

    /// A token without its secret.
    struct TokenView: Codable {
        let id: String
        let label: String
        let role: String
        let compartments: [String]
        let createdAt: Date
        let expiresAt: Date
        let revokedAt: Date?
        /// Present once, in the answer that made the token.
        let token: String?

        init(_ stored: StoredAPIToken, secret: String? = nil) {
            id = stored.id.wire
            label = stored.label
            role = stored.role.code
            compartments = stored.compartments.sorted()
            createdAt = stored.createdAt
            expiresAt = stored.expiresAt
            revokedAt = stored.revokedAt
            token = secret
        }
    }

    @Sendable func create(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let account = try context.signedIn().account
        let body = try await SessionController.decode(CreateBody.self, request, context)
        let role = try body.role.map { code in
            guard let role = Role(rawValue: code) else {
                throw Problem.invalid([FieldProblem(field: "role", message: "unknown role; use one of: \(Role.codes.joined(separator: ", "))")])
            }
            return role
        }
        do {
            let (secret, token) = try await authenticator.issueAPIToken(
                for: account, label: body.label, role: role, compartments: body.compartments.map(Set.init), lifetimeDays: body.expiresInDays ?? 90)
            return try jsonResponse(TokenView(token, secret: secret), status: .created)
        } catch APITokenError.invalid(let problem) {
            throw Problem.invalid([problem])
        }
    }

    @Sendable func list(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let account = try context.signedIn().account
        let tokens = try await authenticator.accounts.apiTokens(accountID: account.id)
        return try jsonResponse(ItemList(tokens.map { TokenView($0) }), status: .ok)
    }

    @Sendable func revoke(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let account = try context.signedIn().account
        try await authenticator.accounts.revokeAPIToken(id: try RecordController<Person>.id(context), accountID: account.id, by: try context.actor())
        return Response(status: .noContent)
    }
}
