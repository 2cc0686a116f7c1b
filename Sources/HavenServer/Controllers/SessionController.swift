import Foundation
import HavenCore
import HavenQR
import HavenStore
import Hummingbird

/// Signing in and out and managing one's own sign-in, at `/api/session`.
struct SessionController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        [
            Route(.post, "/api/session", .anyone, api: .init("Sign in with user name, password and TOTP or recovery code; sets the session cookie",
                                                            body: .of(SignInBody.self), response: .of(SessionView.self)), signIn),
            Route(.get, "/api/session", .signedIn, api: .init("The current session, with its CSRF token", response: .of(SessionView.self)), current),
            Route(.delete, "/api/session", .signedIn, api: .init("Sign out", status: .noContent, response: nil), signOut),
            Route(.post, "/api/session/password", .signedIn,
                  api: .init("Change one's password; every session of the account ends", body: .of(PasswordBody.self), status: .noContent, response: nil),
                  changePassword),
            Route(.post, "/api/session/mfa/enrol", .signedIn,
                  api: .init("Start enrolling an authenticator app: a new TOTP secret (replacing one needs the current password)",
                             body: .of(EnrolBody.self), response: .of(EnrolmentView.self)), beginEnrolment),
            Route(.post, "/api/session/mfa/confirm", .signedIn,
                  api: .init("Confirm enrolment with a code; returns ten recovery codes once", body: .of(CodeBody.self), response: .of(RecoveryCodesView.self)),
                  confirmEnrolment),
        ]
    }

    struct SignInBody: StrictBody {
        let username: String
        let password: String
        let code: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case username, password, code }
    }

    /// The one refusal every failed sign-in gets, whatever failed.
    static let refusal = Problem(status: .unauthorized, title: "Sign-in failed", titleKo: "로그인에 실패했습니다",
                                 detail: "The user name, password or code is not right. / 사용자 이름, 비밀번호 또는 코드가 맞지 않습니다.")

    @Sendable func signIn(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let body = try await Self.decode(SignInBody.self, request, context)
        switch try await authenticator.signIn(username: body.username, password: body.password, code: body.code, address: context.address) {
        case .signedIn(let token, let session):
            var response = try jsonResponse(SessionView(session: session, csrfToken: SessionCookie.csrfToken(for: token), account: nil),
                                            status: .ok)
            response.setCookie(SessionCookie.set(token))
            return response
        case .refused:
            throw Self.refusal
        case .throttled(let seconds):
            var problem = Problem(status: .tooManyRequests, title: "Too many attempts", titleKo: "시도가 너무 많습니다",
                                  detail: "try again in \(seconds) seconds / \(seconds)초 뒤에 다시 시도하십시오")
            problem.retryAfter = seconds
            throw problem
        case .busy:
            var problem = Problem(status: .serviceUnavailable, title: "Busy", titleKo: "처리 중입니다", detail: "try again in a moment")
            problem.retryAfter = 1
            throw problem
        }
    }

    @Sendable func current(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let session = try Self.session(context)
        return try jsonResponse(SessionView(session: session.stored, csrfToken: SessionCookie.csrfToken(for: session.token),
                                            account: context.account), status: .ok)
    }

    @Sendable func signOut(_ request: Request, context: HavenRequestContext) async throws -> Response {
        try await authenticator.signOut(token: try Self.session(context).token)
        var response = Response(status: .noContent)
        response.setCookie(SessionCookie.clear())
        return response
    }

    struct PasswordBody: StrictBody {
        let current: String
        let new: String
        enum CodingKeys: String, CodingKey, CaseIterable { case current, new }
    }

    @Sendable func changePassword(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let body = try await Self.decode(PasswordBody.self, request, context)
        let accountID = try Self.session(context).stored.accountID
        do {
            try await authenticator.changePassword(accountID: accountID, current: body.current, new: body.new)
        } catch PasswordChangeError.wrongCurrentPassword {
            throw Problem.invalid([FieldProblem(field: "current", message: "is not your current password")])
        } catch PasswordChangeError.rejected(let why) {
            var problem = Problem.invalid([FieldProblem(field: "new", message: why.en)])
            problem.detail = why.en + " / " + why.ko
            throw problem
        } catch PasswordChangeError.busy {
            throw Problem(status: .serviceUnavailable, title: "Busy", titleKo: "처리 중입니다", detail: "try again in a moment")
        }
        // Every session ended, this one included: sign in again with the new password.
        var response = Response(status: .noContent)
        response.setCookie(SessionCookie.clear())
        return response
    }

    @Sendable func beginEnrolment(_ request: Request, context: HavenRequestContext) async throws -> Response {
        // The body is optional: a first enrolment needs none; replacing a factor sends
        // {"password": "…"}.
        let peek = try await request.body.collect(upTo: 64 * 1024)
        var body = request
        body.body = .init(buffer: peek)
        let password = peek.readableBytes == 0 ? nil : try await Self.decode(EnrolBody.self, body, context).password
        let enrolment: TOTPEnrolment
        do {
            enrolment = try await authenticator.beginEnrolment(accountID: try Self.session(context).stored.accountID, currentPassword: password)
        } catch let error as EnrolmentError {
            throw Self.problem(error)
        }
        // The same URI as a QR code to scan; an otpauth URI is always well under a symbol's capacity.
        let qr = try QRCode(text: enrolment.uri).svg(title: "Authenticator enrolment / 인증 앱 등록")
        return try jsonResponse(EnrolmentView(secret: enrolment.secret, uri: enrolment.uri, qrCodeSVG: qr), status: .ok)
    }

    /// A new authenticator secret, as text, as an `otpauth:` URI and as a QR code to scan.
    struct EnrolmentView: Codable {
        let secret: String
        let uri: String
        let qrCodeSVG: String
    }

    /// Recovery codes, shown once.
    struct RecoveryCodesView: Codable {
        let recoveryCodes: [String]
    }

    struct EnrolBody: StrictBody {
        let password: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case password }
    }

    static func problem(_ error: EnrolmentError) -> Problem {
        switch error {
        case .currentPasswordRequired:
            Problem.invalid([FieldProblem(field: "password", message: "replacing a second factor needs your current password")])
        case .wrongCurrentPassword:
            Problem.invalid([FieldProblem(field: "password", message: "is not your current password")])
        case .busy:
            Problem(status: .serviceUnavailable, title: "Busy", titleKo: "처리 중입니다", detail: "try again in a moment")
        }
    }

    struct CodeBody: StrictBody {
        let code: String
        enum CodingKeys: String, CodingKey, CaseIterable { case code }
    }

    @Sendable func confirmEnrolment(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let body = try await Self.decode(CodeBody.self, request, context)
        guard let codes = try await authenticator.confirmEnrolment(accountID: try Self.session(context).stored.accountID, code: body.code) else {
            throw Problem.invalid([FieldProblem(field: "code", message: "does not match the authenticator being enrolled")])
        }
        // Shown once: keep them on paper, away from the phone.
        var response = try jsonResponse(RecoveryCodesView(recoveryCodes: codes), status: .ok)
        response.setCookie(SessionCookie.clear())
        return response
    }

    // MARK: - Helpers

    static func session(_ context: HavenRequestContext) throws -> SignedInSession {
        guard let session = context.session else { throw Problem(status: .unauthorized, title: "Not signed in", titleKo: "로그인이 필요합니다") }
        return session
    }

    /// Reads a small JSON body strictly: an object, with no field the body type does not have
    /// (a misspelt field must not be ignored silently), each field named when it is wrong.
    static func decode<T: StrictBody>(_ type: T.Type, _ request: Request, _ context: HavenRequestContext) async throws -> T {
        let data = Data(buffer: try await request.body.collect(upTo: 64 * 1024))
        guard case .object(let object)? = try? HavenJSON.decoder().decode(JSONValue.self, from: data) else {
            throw Problem.badRequest("the body is not valid JSON, or not an object with the documented fields")
        }
        let known = Set(T.CodingKeys.allCases.map(\.stringValue))
        let unknown = object.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw Problem.invalid(unknown.prefix(20).map { FieldProblem(field: String($0.prefix(60)), message: "is not a field of this request; known: \(known.sorted().joined(separator: ", "))") })
        }
        return try RecordBody.decode(T.self, from: .object(object))
    }
}

/// A request body read by ``SessionController/decode(_:_:_:)``: its coding keys are the only
/// fields it accepts.
protocol StrictBody: Decodable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

/// What the client learns about its session: never the token (it is in the cookie).
struct SessionView: Codable {
    let scope: String
    let csrfToken: String
    let signedInAt: Date
    let accountID: String
    let role: String?
    let compartments: [String]?

    init(session: StoredSession, csrfToken: String, account: Account?) {
        scope = session.scope.rawValue
        self.csrfToken = csrfToken
        signedInAt = session.createdAt
        accountID = session.accountID.wire
        role = account?.role.code
        compartments = account?.compartments.sorted()
    }
}
