import HavenCore
import HavenReports

/// A report's filter that could not be read (a month that is not one, a period running
/// backwards): the page is shown again with the header, the form as typed and the problem at
/// the top, in the reader's language, linking to the field — never a bare error page that loses
/// what was typed.
struct FilterProblem: Equatable {
    /// The filter's field at fault (`from`, `to`, `type`, `region`).
    var field: String
    var message: LocalizedLabel
    /// What was typed, by field, to put back in the form.
    var typed: [String: String]

    init(_ error: ReportQueryError, typed: [String: String]) {
        field = error.field
        self.typed = typed
        let ko: String = switch error.field {
        case "type": "알 수 없는 행위 유형입니다. 목록에서 고르십시오."
        case "region": "지역은 목록에서 고르십시오."
        case _ where error.message.contains("year"):
            "연도는 2024처럼 1990년부터 2100년 사이로 쓰고, 시작이 끝보다 늦지 않게 하십시오."
        default: "시작과 끝은 2025-03처럼 연도-월로 쓰고, 시작이 끝보다 늦지 않으며 120개월을 넘지 않게 하십시오."
        }
        message = LocalizedLabel(en: error.message.prefix(1).uppercased() + error.message.dropFirst() + ".", ko: ko)
    }

    /// The problem at the top of the page, linking to its field.
    func summary(_ language: Language) -> HTML {
        .element("div", ["class": "error", "role": "alert", "id": "problems"], [
            .element("p", [:], [.text(language(WebText.notShown))]),
            .element("ul", [:], [.element("li", [:], [.element("a", ["href": "#\(field)"], [.text(language(message))])])]),
        ])
    }

    /// The value a field shows: as typed when the filter was refused, else the query's own.
    static func value(_ problem: FilterProblem?, _ field: String, else current: String) -> String {
        problem?.typed[field] ?? current
    }

    /// `aria-invalid` for the field at fault.
    static func invalid(_ problem: FilterProblem?, _ field: String) -> String? {
        problem?.field == field ? "true" : nil
    }
}
