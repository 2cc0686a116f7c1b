import Foundation

/// A CSV file read whole, as RFC 4180 writes it: comma-separated, fields optionally in double
/// quotes (a quote inside doubled), CRLF or LF line ends, an optional UTF-8 byte-order mark.
/// Every row keeps the line it started on, so that a problem can be named by its line.
///
/// Haven reads CSV itself rather than through a package: the CSV packages in the mirror report a
/// malformed quote without its line and walk characters one at a time, where linkage reads a
/// million rows; this reader walks UTF-8 bytes and decodes each field once.
public struct CSVTable: Sendable {
    /// One row's fields and the (1-based) line of the file it starts on.
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]
    }

    public var header: [String]
    public var rows: [Row]

    /// Reads `bytes`; every row must have as many fields as the header. Blank lines are skipped.
    public init(bytes: [UInt8]) throws(CSVError) {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, rowLine = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var quoted = false, wasQuoted = false
        func decode(_ field: [UInt8], line: Int) throws(CSVError) -> String {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw CSVError(line: line, reason: "is not valid UTF-8 text")
            }
            return text
        }
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty, !wasQuoted else {
                    throw CSVError(line: line, reason: "has a quote inside a field that does not start with one (quote the whole field and double the quote)")
                }
                quoted = true
                wasQuoted = true
            case UInt8(ascii: ","):
                fields.append(try decode(field, line: line))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            case UInt8(ascii: "\r") where index < bytes.count && bytes[index] == UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "\n"):
                if !(fields.isEmpty && field.isEmpty && !wasQuoted) {
                    fields.append(try decode(field, line: line))
                    rows.append(Row(line: rowLine, fields: fields))
                }
                fields.removeAll(keepingCapacity: true)
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
                line += 1
                rowLine = line
            default:
                if wasQuoted {
                    throw CSVError(line: line, reason: "has text after a closing quote (a quote inside a quoted field must be doubled)")
                }
                field.append(byte)
            }
        }
        if quoted { throw CSVError(line: rowLine, reason: "opens a quoted field that is never closed") }
        if !(fields.isEmpty && field.isEmpty && !wasQuoted) {
            fields.append(try decode(field, line: line))
            rows.append(Row(line: rowLine, fields: fields))
        }
        guard let first = rows.first else { throw CSVError(line: 1, reason: "is empty: a header row is needed") }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        self.rows = Array(rows.dropFirst())
        for row in self.rows where row.fields.count != header.count {
            throw CSVError(line: row.line, reason: "has \(row.fields.count) fields where the header has \(header.count)")
        }
    }
}

/// A CSV that cannot be read, with the line where the problem is. The message never repeats the
/// line's content: it may be a person's name.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line) \(reason)" }
}

/// Writing one CSV field: quoted when it holds a comma, a quote or a line break.
public enum CSVField {
    public static func escape(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
