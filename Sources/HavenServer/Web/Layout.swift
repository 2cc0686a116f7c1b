import Foundation
import HavenCore

/// The frame of every page: language, title, skip link, header with the language switch and,
/// when signed in, the account and sign-out; the page's content in `<main>`. The CSP forbids
/// inline script and style, so the page links one stylesheet and nothing inline.
struct Layout {
    let language: Language
    /// The page's own title (never a protected value).
    let title: String
    /// The path of the page, for the language switch to come back to.
    let path: String
    /// The signed-in person's user name and CSRF token, when signed in.
    var account: PageUser?

    func render(_ content: HTML) -> String {
        let t = language
        let switchTarget = "/language?to=\(language.other.rawValue)&back=\(Self.percentEncoded(path))"
        var header: [HTML] = [
            .element("a", ["class": "brand", "href": "/"], [.text(t(WebText.appName))]),
            .element("a", ["class": "language", "href": switchTarget, "lang": language.other.rawValue,
                           "title": t(WebText.switchLanguageHint)], [.text(t(WebText.switchLanguage))]),
        ]
        if let account {
            header.append(.element("span", ["class": "account"], [.text("\(t(WebText.signedInAs)): \(account.username)")]))
            header.append(.element("form", ["method": "post", "action": "/logout", "class": "inline"], [
                .element("input", ["type": "hidden", "name": "_csrf", "value": account.csrf]),
                .element("button", ["type": "submit"], [.text(t(WebText.signOut))]),
            ]))
        }
        let document = HTML.element("html", ["lang": language.rawValue], [
            .element("head", [:], [
                .element("meta", ["charset": "utf-8"]),
                .element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                .element("title", [:], [.text("\(title) · Haven")]),
                .element("link", ["rel": "stylesheet", "href": "/static/haven.css"]),
            ]),
            .element("body", [:], [
                .element("a", ["class": "skip", "href": "#main"], [.text(t(WebText.skipToContent))]),
                .element("header", ["class": "top"], header),
                account?.role.map { SiteNavigation(role: $0, path: path).render(language) } ?? .group([]),
                .element("main", ["id": "main", "tabindex": "-1"], [content]),
                .element("footer", [:], [.element("p", [:], [.text(t(WebText.protectedNotice))])]),
            ]),
        ])
        return "<!DOCTYPE html>\n" + document.rendered
    }

    static func percentEncoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_.~"))) ?? "/"
    }
}
