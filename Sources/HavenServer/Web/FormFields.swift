import Foundation
import Hummingbird

/// Fields of an `application/x-www-form-urlencoded` body, as browsers send forms.
enum FormFields {
    /// Bodies of forms are small; anything larger is refused before it is read.
    static let maximumSize = 64 * 1024

    static func isForm(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false
    }

    /// Name → value; `+` is a space and `%XX` a byte; a name given twice keeps its first value.
    static func parse(_ buffer: ByteBuffer) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
