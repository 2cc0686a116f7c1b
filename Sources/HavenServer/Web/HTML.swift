/// A fragment of HTML. Text and attribute values are escaped when the fragment is made, so a
/// page cannot be injected into by what it shows; only ``HTML/trusted(_:)`` bypasses that, for
/// markup Haven draws itself (SVG charts and QR codes).
public struct HTML: Sendable, Equatable {
    /// The markup.
    public let rendered: String

    private init(rendered: String) { self.rendered = rendered }

    /// Text, escaped.
    public static func text(_ text: String) -> HTML { HTML(rendered: escape(text)) }

    /// Markup Haven made itself; never pass anything a person typed.
    static func trusted(_ markup: String) -> HTML { HTML(rendered: markup) }

    /// Several fragments in a row.
    public static func group(_ children: [HTML]) -> HTML { HTML(rendered: children.map(\.rendered).joined()) }

    /// An element with attributes in the order given (nil values are left out, empty ones are
    /// written as boolean attributes) and children. Void elements take no children.
    public static func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ children: [HTML] = []) -> HTML {
        var markup = "<" + name
        for (key, value) in attributes {
            guard let value else { continue }
            markup += value.isEmpty ? " \(key)" : " \(key)=\"\(escape(value))\""
        }
        markup += ">"
        if voidElements.contains(name) { return HTML(rendered: markup) }
        return HTML(rendered: markup + children.map(\.rendered).joined() + "</\(name)>")
    }

    static let voidElements: Set<String> = ["meta", "link", "input", "br", "img", "hr"]

    /// Escapes the five characters that matter in text and in quoted attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
