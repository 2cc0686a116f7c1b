/// Reads a row's sealed part, the JSON object of field name → base64 sealed value that
/// ``RecordCodec`` writes, without a JSON decoder: unlocking opens every record, and decoding
/// this small map through `JSONDecoder` was a third of the time spent parsing each one.
enum SealedFields {
    /// The fields of `text` when it is an object of plain strings (no escapes, no whitespace) as
    /// Haven writes them; nil for anything else, which the caller then reads with a JSON
    /// decoder, so an unusual but valid row is still read and an invalid one still refused.
    static func parse(_ text: String) -> [String: String]? {
        var utf8 = text.utf8[...]
        guard utf8.popFirst() == UInt8(ascii: "{"), utf8.popLast() == UInt8(ascii: "}") else { return nil }
        var fields: [String: String] = [:]
        if utf8.isEmpty { return fields }
        while true {
            guard let name = plainString(&utf8), utf8.popFirst() == UInt8(ascii: ":"),
                  let value = plainString(&utf8), fields.updateValue(value, forKey: name) == nil else { return nil }
            guard let next = utf8.popFirst() else { return fields }
            guard next == UInt8(ascii: ",") else { return nil }
        }
    }

    /// A quoted string without escapes or control characters, consumed from the front of `utf8`.
    private static func plainString(_ utf8: inout Substring.UTF8View) -> String? {
        guard utf8.popFirst() == UInt8(ascii: "\"") else { return nil }
        guard let end = utf8.firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }),
              utf8[end] == UInt8(ascii: "\"") else { return nil }
        let value = String(Substring(utf8[..<end]))
        utf8 = utf8[utf8.index(after: end)...]
        return value
    }
}
