import HavenCore
import Synchronization

/// Reads a cell as the value a field takes: a vocabulary's term (through the mapping's own words,
/// then the vocabulary's codes and labels and a few words every sheet uses), a fuzzy date, an
/// age range, a place of the gazetteer, a whole number or text.
enum ValueReader {
    /// What reading a cell gave.
    enum Reading<Value> {
        case value(Value)
        /// Nothing: an empty cell, or a word mapped to `unknown` where the vocabulary has no unknown term.
        case none
        /// A word that no vocabulary term or mapping knows (listed, with its count, for mapping).
        case unmatched(String)
        /// A value that cannot be the field's, with why.
        case invalid(LocalizedLabel)
    }

    /// Words for sex that sheets use beyond the vocabulary's labels.
    static let sexWords: [String: Sex] = [
        "여": .female, "여자": .female, "여성": .female, "f": .female, "female": .female, "woman": .female, "w": .female, "녀": .female,
        "남": .male, "남자": .male, "남성": .male, "m": .male, "male": .male, "man": .male,
        "모름": .unknown, "미상": .unknown, "불명": .unknown, "?": .unknown, "unknown": .unknown,
    ]

    static func normal(_ text: String) -> String {
        text.trimmingWhitespace.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// A vocabulary term: the mapping's word first, then the vocabulary's codes and labels (and
    /// English past forms such as `arrested`), then `extra` words.
    static func term<V: Vocabulary>(_ cell: CellValue, _ type: V.Type, mapped: [String: String], extra: [String: V] = [:]) -> Reading<V> {
        let text = cell.text.trimmingWhitespace
        guard !text.isEmpty else { return .none }
        if let target = mapped[text] ?? mapped.first(where: { normal($0.key) == normal(text) })?.value {
            if normal(target) == "unknown" { return V(rawValue: "unknown").map(Reading.value) ?? .none }
            return V(rawValue: target).map(Reading.value) ?? .unmatched(text)
        }
        let key = normal(text)
        if let code = terms(of: type)[key], let found = V(rawValue: code) { return .value(found) }
        if let found = extra[key] ?? extra[text] { return .value(found) }
        for suffix in ["ed", "d", "s"] where key.hasSuffix(suffix) {
            if let found = V(rawValue: String(key.dropLast(suffix.count))) { return .value(found) }
        }
        return .unmatched(text)
    }

    /// A fuzzy date: a date cell; `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `.` or `/`), `~`
    /// for approximate; Korean `2019년 3월 15일`, `2019년 3월`, `2019년`; a whole number that is
    /// a year.
    static func date(_ cell: CellValue, quote: Bool) -> Reading<FuzzyDate> {
        let notADate = { (_ text: String) in Self.notADate(quote ? String(text.prefix(40)) : nil) }
        switch cell {
        case .empty: return .none
        case .date(let year, let month, let day):
            return (try? FuzzyDate(year: year, month: month, day: day)).map(Reading.value) ?? .invalid(notADate(cell.text))
        case .number(let number) where number.rounded() == number && (1800...2200).contains(number):
            return (try? FuzzyDate(year: Int(number))).map(Reading.value) ?? .invalid(notADate(cell.text))
        default:
            var text = cell.text.trimmingWhitespace
            guard !text.isEmpty else { return .none }
            var approximate = false
            for mark in ["~", "약", "c.", "ca."] where text.hasPrefix(mark) {
                approximate = true
                text = String(text.dropFirst(mark.count)).trimmingWhitespace
            }
            var parts: [Int] = []
            if text.contains("년") {
                for (unit, next) in [("년", "월"), ("월", "일"), ("일", "")] {
                    guard let range = text.range(of: unit) else { break }
                    guard let number = Int(text[..<range.lowerBound].trimmingWhitespace) else { return .invalid(notADate(cell.text)) }
                    parts.append(number)
                    text = String(text[range.upperBound...])
                    if next.isEmpty { break }
                }
                guard text.trimmingWhitespace.isEmpty else { return .invalid(notADate(cell.text)) }
            } else {
                let pieces = text.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "/" }).map { $0.trimmingWhitespace }
                guard (1...3).contains(pieces.count), pieces[0].count == 4 else { return .invalid(notADate(cell.text)) }
                for piece in pieces {
                    guard let number = Int(piece) else { return .invalid(notADate(cell.text)) }
                    parts.append(number)
                }
            }
            guard !parts.isEmpty,
                  let date = try? FuzzyDate(year: parts[0], month: parts.count > 1 ? parts[1] : nil, day: parts.count > 2 ? parts[2] : nil,
                                            approximate: approximate) else {
                return .invalid(notADate(cell.text))
            }
            return .value(date)
        }
    }

    /// "is not a date", quoting the value when it is not protected.
    static func notADate(_ shown: String?) -> LocalizedLabel {
        LocalizedLabel(en: "\(shown ?? "the value") is not a date (write 2019, 2019-03, 2019-03-15 or 2019년 3월)",
                       ko: "\(shown.map { "\($0)은(는)" } ?? "값이") 날짜가 아닙니다 (2019, 2019-03, 2019-03-15 또는 2019년 3월 형식)")
    }

    /// An age range: `50대` is 50–59, `30-39` or `30~39` a range, `age_30_39` as Kobo writes it,
    /// a whole number an exact age; 0 to 120.
    static func age(_ cell: CellValue, quote: Bool) -> Reading<AgeRange> {
        let text = cell.text.trimmingWhitespace
        guard !text.isEmpty else { return .none }
        let shown = quote ? String(text.prefix(40)) : nil
        let invalid = Reading<AgeRange>.invalid(LocalizedLabel(en: "\(shown ?? "the value") is not an age (write 34, 30-39 or 30대)",
                                                               ko: "\(shown.map { "\($0)은(는)" } ?? "값이") 나이가 아닙니다 (34, 30-39 또는 30대 형식)"))
        var body = text.lowercased()
        if body.hasPrefix("age_") { body = String(body.dropFirst(4)) }
        body = body.replacingOccurrences(of: "세", with: "").replacingOccurrences(of: "살", with: "")
        let bounds: (Int, Int)
        if body.hasSuffix("대"), let decade = Int(body.dropLast().trimmingWhitespace), decade % 10 == 0 {
            bounds = (decade, decade + 9)
        } else if let exact = Double(body), exact.rounded() == exact, let whole = Int(exactly: exact) {
            bounds = (whole, whole)
        } else {
            let pieces = body.split(whereSeparator: { $0 == "-" || $0 == "~" || $0 == "_" || $0 == "–" }).map { Int($0.trimmingWhitespace) }
            guard pieces.count == 2, let low = pieces[0], let high = pieces[1] else { return invalid }
            bounds = (low, high)
        }
        guard (0...120).contains(bounds.0), (0...120).contains(bounds.1), bounds.0 <= bounds.1 else { return invalid }
        return .value(AgeRange(minimum: bounds.0, maximum: bounds.1))
    }

    /// A place of the gazetteer, by code or by any of its names (``Gazetteer/code(named:)``); a
    /// name the gazetteer does not hold is listed for mapping.
    static func place(_ cell: CellValue, mapped: [String: String]) -> Reading<String> {
        let text = cell.text.trimmingWhitespace
        guard !text.isEmpty else { return .none }
        if let target = mapped[text] {
            if normal(target) == "unknown" { return .none }
            return Gazetteer.shared.place(code: target) != nil ? .value(target) : .unmatched(text)
        }
        return Gazetteer.shared.code(named: text).map { .value($0) } ?? .unmatched(text)
    }

    /// A vocabulary's codes and labels, normalised, to its codes; made once per vocabulary.
    static func terms<V: Vocabulary>(of type: V.Type) -> [String: String] {
        let key = ObjectIdentifier(type)
        if let made = termIndex.withLock({ $0[key] }) { return made }
        var index: [String: String] = [:]
        for term in V.allCases {
            for word in [term.rawValue, term.label.en, term.label.ko] where index[normal(word)] == nil { index[normal(word)] = term.rawValue }
        }
        termIndex.withLock { $0[key] = index }
        return index
    }

    private static let termIndex = Mutex<[ObjectIdentifier: [String: String]]>([:])

    /// A whole number from `range`.
    static func whole(_ cell: CellValue, in range: ClosedRange<Int>) -> Reading<Int> {
        let text = cell.text.trimmingWhitespace.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "명", with: "")
        guard !text.isEmpty else { return .none }
        guard let number = Double(text), number.rounded() == number, let whole = WholeNumber.exact(number, in: range) else {
            return .invalid(LocalizedLabel(en: "\(text.prefix(40)) is not a whole number from \(range.lowerBound) to \(range.upperBound)",
                                           ko: "\(text.prefix(40))은(는) \(range.lowerBound)–\(range.upperBound) 사이의 정수가 아닙니다"))
        }
        return .value(whole)
    }

    /// A sum of money and the currency written with it, if any: `3000000`, `3,000,000원`,
    /// `300만원`, `300만 원`, `5000 USD`, `$5,000`, `20000元`, `2만 위안`. The amount's range is
    /// the record's rule, checked by its validation.
    static func money(_ cell: CellValue) -> Reading<(amount: Double, currency: String?)> {
        if case .number(let number) = cell {
            return number.isFinite ? .value((number, nil)) : .invalid(notAnAmount(cell.text))
        }
        var text = cell.text.trimmingWhitespace.lowercased().replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "")
        guard !text.isEmpty else { return .none }
        var currency: String?
        for (marks, code) in currencyMarks {
            for mark in marks where currency == nil {
                if text.hasSuffix(mark) {
                    text.removeLast(mark.count)
                    currency = code
                } else if text.hasPrefix(mark) {
                    text.removeFirst(mark.count)
                    currency = code
                }
            }
        }
        if currency == nil, text.count > 3 {
            let tail = text.suffix(3)
            if tail.allSatisfy({ $0.isASCII && $0.isLetter }) {
                currency = tail.uppercased()
                text.removeLast(3)
            }
        }
        var multiplier = 1.0
        for (unit, factor) in [("억", 100_000_000.0), ("만", 10_000.0), ("천", 1_000.0)] where text.hasSuffix(unit) {
            multiplier = factor
            text.removeLast(unit.count)
            break
        }
        guard let number = Double(text), number.isFinite else { return .invalid(notAnAmount(cell.text)) }
        return .value((number * multiplier, currency))
    }

    /// Words and signs for the currencies a rescue fee is quoted in, longest first within each.
    private static let currencyMarks: [([String], String)] = [
        (["krw", "원", "₩"], "KRW"),
        (["cny", "rmb", "위안", "元", "¥"], "CNY"),
        (["usd", "달러", "us$", "$"], "USD"),
    ]

    static func notAnAmount(_ text: String) -> LocalizedLabel {
        LocalizedLabel(en: "\(text.prefix(40)) is not an amount (write 3000000, 300만원 or 5000 USD)",
                       ko: "\(text.prefix(40))은(는) 금액이 아닙니다 (3000000, 300만원 또는 5000 USD 형식)")
    }
}
