import Foundation
import HavenCore

/// Withholds a record's protected fields (names, narratives, contact details) from an account
/// that sees them redacted, such as a reviewer. The fields are removed rather than blanked, and
/// the envelope lists which were withheld, so that a client can say so instead of showing an
/// empty value as if it were the truth.
enum Redaction {
    /// Encodes a record whole, or redacted with the list of withheld fields beside it.
    static func encode<Key: CodingKey>(_ record: some Record, redact: Bool, into container: inout KeyedEncodingContainer<Key>,
                                       recordKey: Key, redactedKey: Key) throws {
        if redact {
            let withheld = WithheldFields()
            try container.encode(RedactedRecord(record: record, protected: type(of: record).protectedFields, withheld: withheld), forKey: recordKey)
            try container.encode(withheld.names.sorted(), forKey: redactedKey)
        } else {
            try container.encode(record, forKey: recordKey)
        }
    }
}
