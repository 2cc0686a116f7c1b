import HavenCore

/// Choosing one's own password (at first sign-in, after a one-time password, or any time).
struct PasswordPage {
    var problem: LocalizedLabel?
    var csrf: String

    func render(_ language: Language, username: String) -> String {
        let t = language
        var content: [HTML] = [.element("h1", [:], [.text(t(WebText.changePassword))])]
        if let problem { content.append(.element("p", ["class": "error", "role": "alert"], [.text(t(problem))])) }
        content.append(.element("form", ["method": "post", "action": "/account/password", "class": "stack"], [
            .element("input", ["type": "hidden", "name": "_csrf", "value": csrf]),
            LoginPage.field(id: "current", label: t(WebText.currentPassword), [
                "type": "password", "id": "current", "name": "current", "autocomplete": "current-password", "required": "",
            ]),
            LoginPage.field(id: "new", label: t(WebText.newPassword), hint: t(WebText.newPasswordHint), [
                "type": "password", "id": "new", "name": "new", "autocomplete": "new-password", "required": "", "minlength": "12",
                "aria-describedby": "new-hint",
            ]),
            LoginPage.field(id: "repeat", label: t(WebText.repeatPassword), [
                "type": "password", "id": "repeat", "name": "repeat", "autocomplete": "new-password", "required": "",
            ]),
            .element("button", ["type": "submit"], [.text(t(WebText.save))]),
        ]))
        return Layout(language: language, title: t(WebText.changePassword), path: "/account/password", account: PageUser(username: username, csrf: csrf))
            .render(.group(content))
    }
}
