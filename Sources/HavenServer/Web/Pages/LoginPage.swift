import HavenCore

/// The sign-in page: user name, password and the second-factor code in one form, with the
/// reason of a refusal when there was one. The typed user name is kept; the password never.
struct LoginPage {
    enum Problem: Equatable { case refused, throttled, busy }

    var username = ""
    var problem: Problem?
    /// A message to show above the form, such as a changed password.
    var notice: LocalizedLabel?

    func render(_ language: Language) -> String {
        let t = language
        var content: [HTML] = [.element("h1", [:], [.text(t(WebText.signIn))])]
        if let notice { content.append(.element("p", ["class": "notice", "role": "status"], [.text(t(notice))])) }
        if let problem {
            let message = switch problem {
            case .refused: WebText.signInFailed
            case .throttled: WebText.tooManyAttempts
            case .busy: WebText.busy
            }
            content.append(.element("p", ["class": "error", "role": "alert", "id": "login-error"], [.text(t(message))]))
        }
        content.append(.element("form", ["method": "post", "action": "/login", "class": "stack",
                                         "aria-describedby": problem == nil ? nil : "login-error"], [
            Self.field(id: "username", label: t(WebText.username), [
                "type": "text", "id": "username", "name": "username", "value": username, "autocomplete": "username",
                "required": "", "autocapitalize": "none", "spellcheck": "false", "autofocus": username.isEmpty ? "" : nil,
            ]),
            Self.field(id: "password", label: t(WebText.password), [
                "type": "password", "id": "password", "name": "password", "autocomplete": "current-password", "required": "",
                "autofocus": username.isEmpty ? nil : "",
            ]),
            Self.field(id: "code", label: t(WebText.code), hint: t(WebText.codeHint), [
                "type": "text", "id": "code", "name": "code", "autocomplete": "one-time-code", "inputmode": "text",
                "aria-describedby": "code-hint",
            ]),
            .element("button", ["type": "submit"], [.text(t(WebText.signIn))]),
        ]))
        return Layout(language: language, title: t(WebText.signIn), path: "/login").render(.group(content))
    }

    /// A labelled input, with an optional hint the input points to.
    static func field(id: String, label: String, hint: String? = nil, _ attributes: KeyValuePairs<String, String?>) -> HTML {
        var parts: [HTML] = [.element("label", ["for": id], [.text(label)]), .element("input", attributes)]
        if let hint { parts.append(.element("p", ["class": "hint", "id": "\(id)-hint"], [.text(hint)])) }
        return .element("div", ["class": "field"], parts)
    }
}
