import HavenCore

/// The first page after signing in. For now: who is signed in and, for an account still in its
/// enrolment session, what to do first. The dashboard of issue 4 grows here.
struct HomePage {
    var username: String
    var role: Role
    var needsSetup: Bool
    var csrf: String

    func render(_ language: Language) -> String {
        let t = language
        var content: [HTML] = [
            .element("h1", [:], [.text("\(t(WebText.welcome)), \(username)")]),
            .element("p", [:], [.text(t(role.label))]),
        ]
        if !needsSetup && role.allows(.readRecords) {
            content.append(.element("p", [:], [.element("a", ["href": "/records"], [.text(t(WebText.records))])]))
        }
        if needsSetup {
            content.append(.element("p", ["class": "notice", "role": "status"], [.text(t(WebText.finishSetup))]))
            content.append(.element("ul", [:], [
                .element("li", [:], [.element("a", ["href": "/account/password"], [.text(t(WebText.changePassword))])]),
                .element("li", [:], [.element("a", ["href": "/account/enrol"], [.text(t(WebText.enrol))])]),
            ]))
        }
        return Layout(language: language, title: t(WebText.home), path: "/", account: (username, csrf)).render(.group(content))
    }
}
