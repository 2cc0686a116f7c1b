import Foundation
import HavenCore

extension RecordPage {
    /// The record's versions, newest first: when, who, which fields changed, and a link to
    /// read each earlier version as it was.
    func renderHistory(_ language: Language, path: String) -> [HTML] {
        let t = language
        let newest = versions.first?.version
        return [
            .element("h2", ["id": "history"], [.text(t(WebText.history))]),
            .element("ol", ["class": "history", "aria-labelledby": "history", "reversed": ""], versions.map { v in
                var parts = ["\(t(WebText.version)) \(v.version)", t.instant(v.at)]
                if let author = v.author { parts.append(author) }
                if v.deleted {
                    parts.append(t(WebText.deletedVersion))
                } else if v.version == 1 {
                    parts.append(t(WebText.firstVersion))
                } else if !v.changed.isEmpty {
                    parts.append("\(t(WebText.changedFields)): \(v.changed.map { FieldNames.name($0, language) }.joined(separator: ", "))")
                }
                var item: [HTML] = [.text(parts.joined(separator: " · "))]
                if v.version != newest && !v.deleted {
                    item += [.text(" "), .element("a", ["href": "\(path)/versions/\(v.version)"], [.text(t(WebText.viewVersion(v.version)))])]
                }
                return .element("li", [:], item)
            }),
        ]
    }

    /// A past version: a notice saying which, a link to the record as it is now, and the
    /// version's fields. Nothing can be edited or decided from it.
    func renderPast(_ version: Int, _ language: Language, account: PageUser, path: String) -> String {
        let t = language
        let when = versions.first { $0.version == version }
        var notice: [HTML] = [.text(t(WebText.pastVersionNotice(version, of: versions.first?.version ?? version))) ]
        if let when { notice.append(.text(" (\(t.instant(when.at))\(when.author.map { " · \($0)" } ?? ""))")) }
        notice += [.text(" "), .element("a", ["href": path], [.text(t(WebText.currentVersion))])]
        let content: [HTML] = [
            .element("p", ["class": "kind"], [.text(t(kind.label))]),
            .element("h1", [:], [.text(title ?? t(WebText.withheld))]),
            .element("p", ["class": "notice", "role": "status"], notice),
            .element("dl", ["class": "fields"], fields.flatMap { field -> [HTML] in
                [.element("dt", [:], [.text(t(field.label))]), .element("dd", [:], [.text(field.value ?? t(WebText.withheld))])]
            }),
        ] + renderHistory(language, path: path)
        return Layout(language: language, title: t(kind.label), path: "\(path)/versions/\(version)", account: account).render(.group(content))
    }
}

extension WebText {
    static let firstVersion = LocalizedLabel(en: "recorded", ko: "처음 기록")
    static let changedFields = LocalizedLabel(en: "changed", ko: "바꾼 항목")
    static func viewVersion(_ n: Int) -> LocalizedLabel { LocalizedLabel(en: "View version \(n)", ko: "\(n)번째 버전 보기") }
    static func pastVersionNotice(_ n: Int, of latest: Int) -> LocalizedLabel {
        LocalizedLabel(en: "This is version \(n) of \(latest), as it was then.", ko: "이 기록의 \(latest)개 버전 가운데 \(n)번째 버전입니다. 그때의 내용입니다.")
    }
    static let currentVersion = LocalizedLabel(en: "See the record as it is now", ko: "지금의 기록 보기")
}
