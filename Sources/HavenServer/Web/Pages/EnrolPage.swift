import HavenCore

/// Enrolling an authenticator app: start, scan the QR code (or type the key) and confirm with a
/// code, then the recovery codes, once.
struct EnrolPage {
    enum Step: Equatable {
        case start
        /// The secret as base32 and the QR code of its otpauth URI, as SVG Haven drew.
        case scan(secret: String, qrSVG: String, mismatch: Bool)
        case recoveryCodes([String])
    }

    var step: Step
    var csrf: String
    /// The account has a second factor already: the start asks for the current password.
    var replacing = false
    /// Why the last start was refused.
    var problem: LocalizedLabel?

    func render(_ language: Language, username: String) -> String {
        let t = language
        var content: [HTML] = [.element("h1", [:], [.text(t(step.isDone ? WebText.recoveryCodes : WebText.enrol))])]
        switch step {
        case .start:
            if let problem { content.append(.element("p", ["class": "error", "role": "alert"], [.text(t(problem))])) }
            content.append(.element("p", [:], [.text(t(replacing ? WebText.enrolReplaceIntro : WebText.enrolIntro))]))
            var fields: [HTML] = [.element("input", ["type": "hidden", "name": "_csrf", "value": csrf])]
            if replacing {
                fields.append(LoginPage.field(id: "password", label: t(WebText.currentPassword), [
                    "type": "password", "id": "password", "name": "password", "autocomplete": "current-password", "required": "",
                ]))
            }
            fields.append(.element("button", ["type": "submit"], [.text(t(WebText.start))]))
            content.append(.element("form", ["method": "post", "action": "/account/enrol", "class": "stack"], fields))
        case .scan(let secret, let qrSVG, let mismatch):
            if mismatch { content.append(.element("p", ["class": "error", "role": "alert"], [.text(t(WebText.codeMismatch))])) }
            content.append(.element("p", [:], [.text(t(WebText.scanThis))]))
            content.append(.element("figure", ["class": "qr"], [.trusted(qrSVG)]))
            content.append(.element("p", [:], [.text(t(WebText.setupKey) + ": "), .element("code", ["class": "secret"], [.text(Self.grouped(secret))])]))
            content.append(.element("form", ["method": "post", "action": "/account/enrol/confirm", "class": "stack"], [
                .element("input", ["type": "hidden", "name": "_csrf", "value": csrf]),
                LoginPage.field(id: "code", label: t(WebText.codeFromApp), [
                    "type": "text", "id": "code", "name": "code", "autocomplete": "one-time-code", "inputmode": "numeric",
                    "pattern": "[0-9]{6}", "required": "",
                ]),
                .element("button", ["type": "submit"], [.text(t(WebText.confirm))]),
            ]))
        case .recoveryCodes(let codes):
            content.append(.element("p", [:], [.text(t(WebText.recoveryCodesIntro))]))
            content.append(.element("ol", ["class": "codes"], codes.map { .element("li", [:], [.element("code", [:], [.text($0)])]) }))
            content.append(.element("p", [:], [.element("a", ["href": "/login"], [.text(t(WebText.signInAgain))])]))
        }
        // After confirming, every session has ended: the page shows no account controls.
        let account = step.isDone ? nil : PageUser(username: username, csrf: csrf)
        return Layout(language: language, title: t(WebText.enrol), path: "/account/enrol", account: account).render(.group(content))
    }

    /// The key in groups of four, easier to type.
    static func grouped(_ secret: String) -> String {
        stride(from: 0, to: secret.count, by: 4).map { start in
            let from = secret.index(secret.startIndex, offsetBy: start)
            return String(secret[from..<(secret.index(from, offsetBy: 4, limitedBy: secret.endIndex) ?? secret.endIndex)])
        }.joined(separator: " ")
    }
}

extension EnrolPage.Step {
    var isDone: Bool { if case .recoveryCodes = self { true } else { false } }
}
