import Foundation
import HavenCore

extension RecordPage {
    /// A rescue request's trap indicators and its verification checklist.
    struct TrapReview: Equatable {
        var indicators: [TrapIndicator]
        var checks: [VerificationCheck]
        /// The request's version, so that ticking checks on a stale page overwrites nothing.
        var version: Int
        /// Whether the reader may record checks.
        var canCheck: Bool
        /// How the records the indicators point to are named.
        var labels: [UUID: RecordLabel] = [:]
    }

    func renderTrap(_ review: TrapReview, _ language: Language, csrf: String) -> [HTML] {
        let t = language
        var content: [HTML] = [
            .element("h2", ["id": "trap"], [.text(t(WebText.trapIndicators))]),
            .element("p", ["class": "notice"], [.text(t(WebText.indicatorNotVerdict))]),
        ]
        let done = { (item: VerificationItem) in review.checks.first { $0.item == item && $0.done } }
        // The check that answers an indicator, and where it stands.
        let answer = { (kind: TrapIndicatorKind) -> HTML in
            guard let item = VerificationItem.allCases.first(where: { $0.indicator == kind }) else { return .text("") }
            let state = done(item).map { check in t(WebText.reviewedEvidenceStays) + (check.date.map { " (\(t.date($0)))" } ?? "") } ?? t(WebText.checkNotDone)
            return .element("span", ["class": "meta", "data-answered-by": item.code], [.text("\(t(WebText.answeredBy)): \(t(item.label)) — \(state)")])
        }
        if review.indicators.isEmpty {
            content.append(.element("p", [:], [.text(t(WebText.noIndicators))]))
        } else {
            content.append(.element("ul", ["class": "indicators", "aria-labelledby": "trap"], review.indicators.map { indicator in
                .element("li", [:], [
                    .element("strong", [:], [.text(t(indicator.kind.label))]),
                    .element("span", [:], [.text(t(indicator.explanation))]),
                    answer(indicator.kind),
                    .element("span", ["class": "meta"], indicator.records.filter { $0.id != id }.map { ref in
                        .element("a", ["href": "/records/\(ref.kind.code)/\(ref.id.wire)"],
                                 [.text(t.name(review.labels[ref.id] ?? RecordLabel(kind: ref.kind)))])
                    }),
                ])
            }))
        }
        content.append(.element("h2", ["id": "checks"], [.text(t(WebText.verificationChecklist))]))
        let answers = { (item: VerificationItem) -> HTML in
            .element("span", ["class": "meta"], [.text("\(t(WebText.answersIndicator)): \(t(item.indicator.label))")])
        }
        if review.canCheck {
            let path = "/records/rescue_request/\(id.wire)/checks"
            content.append(.element("form", ["method": "post", "action": path, "class": "stack checklist"],
                [FormControls.csrf(csrf), .element("input", ["type": "hidden", "name": "version", "value": String(review.version)])]
                + VerificationItem.allCases.map { item in
                    let fieldID = "check.\(item.code)"
                    var text = t(item.label)
                    if let date = done(item)?.date { text += " (\(t.date(date)))" }
                    return .element("div", ["class": "check"], [
                        .element("input", ["type": "checkbox", "id": fieldID, "name": fieldID, "checked": done(item) == nil ? nil : ""]),
                        .element("label", ["for": fieldID], [.text(text)]),
                        answers(item),
                    ])
                }
                + [.element("button", ["type": "submit"], [.text(t(WebText.saveChecks))])]))
        } else {
            content.append(.element("ul", ["class": "checklist"], VerificationItem.allCases.map { item in
                let state = done(item).map { "✓ " + ($0.date.map { t.date($0) } ?? "") } ?? "—"
                return .element("li", [:], [.text("\(t(item.label)): \(state) "), answers(item)])
            }))
        }
        return content
    }
}
