import Foundation
import Hummingbird
import HummingbirdCore

/// A query string read the way browsers, curl's `--data-urlencode` and Python's `urlencode`
/// write it: `+` is a space and `%XX` a byte, in names and values alike. Hummingbird's own
/// `queryParameters` keeps `+` as a plus, so that `?q=가상+인접국` silently found nothing;
/// every handler reads its query through here instead.
enum QueryString {
    typealias Fields = FlatDictionary<Substring, Substring>

    /// The request's query fields, decoded.
    static func fields(_ uri: URI) -> Fields {
        guard let query = uri.query, !query.isEmpty else { return Fields() }
        return Fields(query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (key: decode(parts[0])[...], value: (parts.count > 1 ? decode(parts[1]) : "")[...])
        })
    }

    /// Fields given as pairs (from a JSON body or a form), as a handler reads a query.
    static func fields(_ pairs: [(String, String)]) -> Fields {
        Fields(pairs.map { (key: $0.0[...], value: $0.1[...]) })
    }

    /// `+` as a space, then percent-decoding; text that is not valid percent-encoding is kept as
    /// it came, for the field's own check to refuse.
    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
