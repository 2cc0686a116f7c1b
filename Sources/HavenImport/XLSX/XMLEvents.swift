import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Walks one XML part of a workbook with the system's SAX parser, handing each element's start
/// (local name, without a namespace prefix, and attributes), its text and its end to `visit`.
/// A document type declaration is refused before parsing: a workbook never needs one, and one
/// is how entity-expansion and external-entity attacks begin.
final class XMLEvents: NSObject, XMLParserDelegate {
    enum Event {
        case start(String, [String: String])
        case text(String)
        case end(String)
    }

    private let visit: (Event) throws -> Void
    private var failure: (any Error)?
    /// Elements open; Linux's parser reports success for a document cut short, so this is
    /// checked after it.
    private var depth = 0
    private var malformed = false

    private init(_ visit: @escaping (Event) throws -> Void) { self.visit = visit }

    /// Parses `data`, naming `part` in any error.
    static func walk(_ data: Data, part: String, _ visit: @escaping (Event) throws -> Void) throws {
        if data.prefix(4096).range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw SpreadsheetError.part(part, reason: "holds a document type declaration, which a workbook never needs")
        }
        let events = XMLEvents(visit)
        // Fed as a stream, in chunks: given a large part (a 100,000-row sheet is 30 MB on one
        // line) all at once, libxml2 stops with an internal error at its 10 MB lookup limit.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = events
        let parsed = parser.parse()
        if let failure = events.failure { throw failure }
        // Linux's parser recovers from some errors and still answers true: its error, the
        // delegate's report and the elements left open are checked as well.
        guard parsed, parser.parserError == nil, !events.malformed, events.depth == 0 else {
            throw SpreadsheetError.part(part, reason: "is not well-formed XML (line \(parser.lineNumber))")
        }
    }

    private static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        depth += 1
        deliver(parser, .start(Self.local(elementName), attributes))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        malformed = true
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { deliver(parser, .text(string)) }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        deliver(parser, .end(Self.local(elementName)))
    }

    private func deliver(_ parser: XMLParser, _ event: Event) {
        guard failure == nil else { return }
        do { try visit(event) } catch {
            failure = error
            parser.abortParsing()
        }
    }
}
