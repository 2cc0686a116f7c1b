import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` body, as a browser sends a form with a file: its text fields and its
/// files, read from a body already collected within the route's limit. Every part is
/// range-checked: how many there are, how long a text field is, and the boundary itself.
struct MultipartForm: Sendable {
    /// A file of the form, held in memory only.
    struct File: Sendable {
        /// The name the browser gave it (may be a person's; never logged).
        var fileName: String
        var bytes: Data
    }

    /// Text fields by name; a name given twice keeps its first value.
    var fields: [String: String] = [:]
    /// Files by field name.
    var files: [String: File] = [:]

    /// The most parts a form may have: a mapping form has one per column and word, well below it.
    static let maximumParts = 20_000
    /// The longest text field, in bytes.
    static let maximumFieldBytes = 64 * 1024

    static func isMultipart(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") ?? false
    }

    /// The boundary named by the content type, checked as RFC 2046 bounds it (1–70 characters).
    static func boundary(_ request: Request) throws -> String {
        try checked(boundary: ContentDisposition.parameters(request.headers[.contentType] ?? "")["boundary"])
    }

    /// A boundary of 1–70 bytes, or a 400.
    static func checked(boundary: String?) throws -> String {
        guard let boundary, (1...70).contains(boundary.utf8.count) else {
            throw Problem.badRequest("a multipart body needs a boundary of 1 to 70 characters", field: "Content-Type")
        }
        return boundary
    }

    /// Whether every header name of every part is ASCII. MultipartKit (4.7.1) looks each byte of
    /// a header name up in a table of 128 entries and stops the process on a byte above 127 (found
    /// by `haven-fuzz multipart`), so such a body is refused before it reaches the parser. Header
    /// blocks are looked for after every `--boundary` followed by CRLF, wherever it appears (a
    /// superset of where the parser reads headers): each line, up to an empty one, is a name up
    /// to its first colon.
    static func headerNamesAreASCII(_ body: ByteBuffer, boundary: String) -> Bool {
        let bytes = body.readableBytesView
        let delimiter = Array("--\(boundary)".utf8)
        var start = bytes.startIndex
        while let found = bytes[start...].firstRange(of: delimiter) {
            var i = found.upperBound
            start = found.lowerBound + 1
            guard i + 1 < bytes.endIndex, bytes[i] == 0x0D, bytes[i + 1] == 0x0A else { continue }
            i += 2
            // One header line at a time, until an empty line or the end.
            while i < bytes.endIndex, bytes[i] != 0x0D {
                var inName = true
                while i < bytes.endIndex, bytes[i] != 0x0D {
                    if bytes[i] == UInt8(ascii: ":") { inName = false }
                    if inName && bytes[i] > 0x7F { return false }
                    i += 1
                }
                // CRLF ends the line; anything else after CR is the parser's syntax error to find.
                guard i + 1 < bytes.endIndex, bytes[i + 1] == 0x0A else { break }
                i += 2
            }
        }
        return true
    }

    /// Reads a collected body. A malformed body, too many parts or an over-long field is a 400
    /// naming the problem.
    init(_ body: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        var headers: [(String, String)] = []
        var partBody = ByteBuffer()
        var parts: [(headers: [(String, String)], body: ByteBuffer)] = []
        var tooMany = false
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { chunk in partBody.writeBuffer(&chunk) }
        parser.onPartComplete = {
            if parts.count < Self.maximumParts { parts.append((headers, partBody)) } else { tooMany = true }
            headers = []
            partBody = ByteBuffer()
        }
        guard Self.headerNamesAreASCII(body, boundary: boundary) else {
            throw Problem.badRequest("the form's multipart body is malformed", field: "body")
        }
        do {
            try parser.execute(body)
        } catch {
            throw Problem.badRequest("the form's multipart body is malformed", field: "body")
        }
        // The parser reads a stream and stops quietly where a cut-off body ends: a body without
        // its closing delimiter is refused rather than read as a form with parts missing.
        guard body.readableBytesView.lastRange(of: Array("--\(boundary)--".utf8)) != nil else {
            throw Problem.badRequest("the form's multipart body ends before its closing boundary", field: "body")
        }
        guard !tooMany else { throw Problem.badRequest("a form has at most \(Self.maximumParts) parts", field: "body") }
        for part in parts {
            guard let disposition = part.headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1 else { continue }
            let parameters = ContentDisposition.parameters(disposition)
            guard let name = parameters["name"] else { continue }
            if let fileName = parameters["filename"] {
                if files[name] == nil { files[name] = File(fileName: fileName, bytes: Data(buffer: part.body)) }
            } else {
                guard part.body.readableBytes <= Self.maximumFieldBytes else {
                    throw Problem.badRequest("a form field is at most \(Self.maximumFieldBytes) bytes", field: String(name.prefix(60)))
                }
                if fields[name] == nil { fields[name] = String(buffer: part.body) }
            }
        }
    }
}

/// The parameters of a header such as `form-data; name="file"; filename="명단.xlsx"` or
/// `multipart/form-data; boundary=…`: quoted or bare values, `\"` escapes, and RFC 5987's
/// `filename*=UTF-8''…` (preferred over `filename`).
enum ContentDisposition {
    static func parameters(_ header: String) -> [String: String] {
        var parameters: [String: String] = [:]
        var extended: [String: String] = [:]
        for piece in split(header).dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let key = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
            }
            if key.hasSuffix("*") {
                // charset'language'percent-encoded
                let parts = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3, parts[0].lowercased() == "utf-8", let decoded = String(parts[2]).removingPercentEncoding {
                    extended[String(key.dropLast())] = decoded
                }
            } else if parameters[key] == nil {
                parameters[key] = value
            }
        }
        return parameters.merging(extended) { _, preferred in preferred }
    }

    /// Splits on semicolons outside quotes.
    private static func split(_ header: String) -> [String] {
        var pieces: [String] = [], current = "", quoted = false, escaped = false
        for character in header {
            if escaped { current.append(character); escaped = false; continue }
            switch character {
            case "\\" where quoted: current.append(character); escaped = true
            case "\"": current.append(character); quoted.toggle()
            case ";" where !quoted: pieces.append(current); current = ""
            default: current.append(character)
            }
        }
        pieces.append(current)
        return pieces
    }
}
