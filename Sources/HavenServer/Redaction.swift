import Foundation
import HavenCore

/// Withholds a record's protected fields (names, narratives, contact details) from an account
/// that sees them redacted, such as a reviewer. The fields are removed rather than blanked, and
/// the envelope lists which were withheld, so that a client can say so instead of showing an
/// empty value as if it were the truth.
enum Redaction {
    /// The record as JSON without its protected fields, and the sorted names of those withheld.
    static func redacted(_ record: some Record) throws -> (record: JSONValue, withheld: [String]) {
        let data = try HavenJSON.encoder().encode(record)
        guard case .object(var object) = try HavenJSON.decoder().decode(JSONValue.self, from: data) else {
            return (.null, [])
        }
        var withheld: [String] = []
        for field in type(of: record).protectedFields.sorted() {
            if let value = object.removeValue(forKey: field), value != .null { withheld.append(field) }
        }
        return (.object(object), withheld)
    }

    /// Encodes a record whole, or redacted with the list of withheld fields beside it.
    static func encode<Key: CodingKey>(_ record: some Record, redact: Bool, into container: inout KeyedEncodingContainer<Key>,
                                       recordKey: Key, redactedKey: Key) throws {
        if redact {
            let (visible, withheld) = try redacted(record)
            try container.encode(visible, forKey: recordKey)
            try container.encode(withheld, forKey: redactedKey)
        } else {
            try container.encode(record, forKey: recordKey)
        }
    }
}
