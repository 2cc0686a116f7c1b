import Foundation
import HavenCore
import HavenQR
import HavenStore
import Hummingbird

/// One's own account in the browser: choosing a password and enrolling an authenticator app by
/// QR code, the steps a new account takes before it sees any record.
struct AccountPageController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        [
            Route(.get, "/account/password", .signedIn, passwordForm),
            Route(.post, "/account/password", .signedIn, changePassword),
            Route(.get, "/account/enrol", .signedIn, enrolStart),
            Route(.post, "/account/enrol", .signedIn, enrolBegin),
            Route(.post, "/account/enrol/confirm", .signedIn, enrolConfirm),
        ]
    }

    /// The signed-in account, its session's CSRF token and the page language.
    private func signedIn(_ request: Request, _ context: HavenRequestContext) throws -> (Account, SignedInSession, String, Language) {
        guard let account = context.account, let session = context.session else { throw AuthMiddleware.notSignedIn }
        return (account, session, SessionCookie.csrfToken(for: session.token), PageController.language(request))
    }

    @Sendable func passwordForm(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, _, csrf, language) = try signedIn(request, context)
        return PageController.page(PasswordPage(csrf: csrf).render(language, username: account.username))
    }

    @Sendable func changePassword(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, _, csrf, language) = try signedIn(request, context)
        let fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        let refuse = { (problem: LocalizedLabel) in
            PageController.page(PasswordPage(problem: problem, csrf: csrf).render(language, username: account.username), status: .unprocessableContent)
        }
        guard fields["new"] == fields["repeat"] else { return refuse(WebText.passwordsDiffer) }
        do {
            try await authenticator.changePassword(accountID: account.id, current: fields["current"] ?? "", new: fields["new"] ?? "")
        } catch PasswordChangeError.wrongCurrentPassword {
            return refuse(WebText.wrongCurrent)
        } catch PasswordChangeError.rejected(let why) {
            return refuse(why)
        } catch PasswordChangeError.busy {
            return refuse(WebText.busy)
        }
        // Every session ended with the change: sign in again with the new password.
        var response = PageController.page(LoginPage(username: account.username, notice: WebText.passwordChanged).render(language))
        response.setCookie(SessionCookie.clear())
        return response
    }

    @Sendable func enrolStart(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, _, csrf, language) = try signedIn(request, context)
        return PageController.page(EnrolPage(step: .start, csrf: csrf, replacing: try await replacing(account))
            .render(language, username: account.username))
    }

    /// Whether the account has a second factor already, so that a new one replaces it.
    private func replacing(_ account: Account) async throws -> Bool {
        try await authenticator.accounts.account(id: account.id)?.credentials.hasSecondFactor ?? false
    }

    @Sendable func enrolBegin(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, _, csrf, language) = try signedIn(request, context)
        let password = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))["password"]
        let enrolment: TOTPEnrolment
        do {
            enrolment = try await authenticator.beginEnrolment(accountID: account.id, currentPassword: password)
        } catch let error as EnrolmentError {
            var page = EnrolPage(step: .start, csrf: csrf, replacing: true)
            page.problem = error == .busy ? WebText.busy : WebText.wrongCurrent
            return PageController.page(page.render(language, username: account.username), status: error == .busy ? .serviceUnavailable : .unprocessableContent)
        }
        return PageController.page(EnrolPage(step: try Self.scan(enrolment, language: language, mismatch: false), csrf: csrf)
            .render(language, username: account.username))
    }

    @Sendable func enrolConfirm(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, _, csrf, language) = try signedIn(request, context)
        let code = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))["code"] ?? ""
        if let codes = try await authenticator.confirmEnrolment(accountID: account.id, code: code) {
            var response = PageController.page(EnrolPage(step: .recoveryCodes(codes), csrf: csrf).render(language, username: account.username))
            response.setCookie(SessionCookie.clear())
            return response
        }
        guard let pending = try await authenticator.pendingEnrolment(accountID: account.id) else {
            return PageController.page(EnrolPage(step: .start, csrf: csrf, replacing: try await replacing(account))
                .render(language, username: account.username), status: .unprocessableContent)
        }
        return PageController.page(EnrolPage(step: try Self.scan(pending, language: language, mismatch: true), csrf: csrf)
            .render(language, username: account.username), status: .unprocessableContent)
    }

    static func scan(_ enrolment: TOTPEnrolment, language: Language, mismatch: Bool) throws -> EnrolPage.Step {
        let svg = try QRCode(text: enrolment.uri).svg(moduleSize: 5, title: language(WebText.enrol))
        return .scan(secret: enrolment.secret, qrSVG: svg, mismatch: mismatch)
    }
}
