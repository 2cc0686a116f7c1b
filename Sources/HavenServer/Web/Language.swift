import Foundation
import HavenCore

/// The language a page is shown in. Korean first: most of the people who use Haven work in it.
public enum Language: String, Sendable, CaseIterable {
    case ko, en

    /// The cookie that remembers the choice (a preference, not a secret).
    static let cookieName = "haven-lang"

    /// The language from the cookie, else from `Accept-Language`, else Korean.
    static func preferred(cookie: String?, acceptLanguage: String?) -> Language {
        if let cookie, let language = Language(rawValue: cookie) { return language }
        for part in (acceptLanguage ?? "").split(separator: ",") {
            let tag = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
            if tag.hasPrefix("ko") { return .ko }
            if tag.hasPrefix("en") { return .en }
        }
        return .ko
    }

    /// The other language, for the switch.
    var other: Language { self == .ko ? .en : .ko }

    /// A label in this language.
    func callAsFunction(_ label: LocalizedLabel) -> String { self == .ko ? label.ko : label.en }

    /// A date as people write it: `2024년 8월 21일` or `21 August 2024`.
    func date(_ date: FuzzyDate) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"]
        let approximate = date.approximate ? (self == .ko ? "약 " : "c. ") : ""
        switch (self, date.month, date.day) {
        case (.ko, let month?, let day?): return "\(approximate)\(date.year)년 \(month)월 \(day)일"
        case (.ko, let month?, nil): return "\(approximate)\(date.year)년 \(month)월"
        case (.ko, _, _): return "\(approximate)\(date.year)년"
        case (.en, let month?, let day?): return "\(approximate)\(day) \(months[month - 1]) \(date.year)"
        case (.en, let month?, nil): return "\(approximate)\(months[month - 1]) \(date.year)"
        case (.en, _, _): return "\(approximate)\(date.year)"
        }
    }

    /// An instant, in UTC: `2024년 8월 21일 09:30` or `21 August 2024, 09:30`.
    func instant(_ instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        let day = (try? FuzzyDate(parsing: String(format: "%04d-%02d-%02d", c.year ?? 2000, c.month ?? 1, c.day ?? 1)))
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        return (day.map(self.date) ?? "") + (self == .ko ? " \(time)" : ", \(time)") + " UTC"
    }
}

extension Language {
    /// A record named for a link or heading: its name (or its kind, where it has none or the
    /// reader may not see it), then what tells it apart — the date, the place:
    /// `무산 체포 · 2024년 8월 21일`, `리순희 · 1961년 · 무산`, `구출 요청 · 2024년 1월 5일 · 무산`.
    func name(_ label: RecordLabel) -> String {
        let lead = label.name ?? self(label.kind.label)
        let details = [label.date.map(date), label.placeCode.map { RecordsPage.placeName($0, self) }].compactMap { $0 }
        return ([lead] + details).joined(separator: " · ")
    }
}
