import HavenCore
import Hummingbird

/// A refusal or failure shown as a page: the problem's title in the reader's language, its
/// detail (which never holds a protected value), and the way home.
struct ErrorPage {
    var problem: Problem

    /// Whether a path is a page rather than the API or its neighbours.
    static func isPage(_ path: String) -> Bool {
        !(path.hasPrefix("/api/") || path == "/api" || path == "/health" || path == "/openapi.json")
    }

    func render(_ language: Language) -> String {
        let title = language == .ko ? problem.titleKo : problem.title
        var content: [HTML] = [.element("h1", [:], [.text(title)])]
        if let detail = problem.detail { content.append(.element("p", ["role": "alert"], [.text(detail)])) }
        for error in problem.errors ?? [] { content.append(.element("p", [:], [.text("\(error.field): \(error.message)")])) }
        content.append(.element("p", [:], [.element("a", ["href": "/"], [.text(language(WebText.home))])]))
        return Layout(language: language, title: title, path: "/").render(.group(content))
    }

    func response(_ language: Language) -> Response {
        var response = PageController.page(render(language), status: HTTPResponse.Status(code: problem.status))
        if let seconds = problem.retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }
}
