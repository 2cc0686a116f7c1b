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
        /// The line of the file the row starts on.
        public var line: Int
        /// Its fields, as many as the header's.
        public var fields: [String]
    }

    /// The first row's fields, trimmed.
    public var header: [String]
    /// Every other row, blank lines skipped.
    public var rows: [Row]

    /// Reads `bytes`; every row must have as many fields as the header. Blank lines are skipped.
    public init(bytes: [UInt8]) throws(CSVError) {
        let rows = try bytes.withUnsafeBufferPointer { buffer throws(CSVError) in try Self.rowsInPieces(buffer) }
        guard let first = rows.first else { throw CSVError(line: 1, reason: "is empty: a header row is needed") }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        self.rows = Array(rows.dropFirst())
        for row in self.rows where row.fields.count != header.count {
            throw CSVError(line: row.line, reason: "has \(row.fields.count) fields where the header has \(header.count)")
        }
    }

    /// Every row of a file, a large one read in pieces on every core. A piece starts after a line
    /// break outside quotes (one with an even number of quotes before it) and knows its first
    /// line from the line breaks before it; the problem reported is the first in the file.
    private static func rowsInPieces(_ bytes: UnsafeBufferPointer<UInt8>) throws(CSVError) -> [Row] {
        let body = UnsafeBufferPointer(rebasing: bytes[(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)...])
        let count = body.count, quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
        guard count >= 1 << 16 else { return try rows(body, firstLine: 1) }
        let shared = Parallel.ReadOnly(buffer: body)
        // Quotes in each of a few equal stretches, counted on every core.
        let stretches = Parallel.cores * 2, stretch = (count + stretches - 1) / stretches
        let quotes = Parallel.filled(stretches) { s in
            shared.buffer[min(s * stretch, count)..<min((s + 1) * stretch, count)].reduce(0) { $0 + ($1 == quote ? 1 : 0) }
        }
        // Each stretch's piece starts at the first line break outside quotes in it.
        var starts = [0]
        var quotesBefore = 0
        for s in 1..<stretches {
            quotesBefore += quotes[s - 1]
            var index = s * stretch, seen = quotesBefore
            while index < count, !(body[index] == newline && seen % 2 == 0) {
                if body[index] == quote { seen += 1 }
                index += 1
            }
            if index + 1 < count, index + 1 > starts.last! { starts.append(index + 1) }
        }
        starts.append(count)
        let pieces = starts.count - 1, bounds = starts
        let lines = Parallel.filled(pieces) { p in
            shared.buffer[bounds[p]..<bounds[p + 1]].reduce(0) { $0 + ($1 == newline ? 1 : 0) }
        }
        let firstLines = lines.reduce(into: [1]) { $0.append($0.last! + $1) }
        let parsed = Parallel.filled(pieces) { p in
            Result { () throws(CSVError) in
                try Self.rows(UnsafeBufferPointer(rebasing: shared.buffer[bounds[p]..<bounds[p + 1]]), firstLine: firstLines[p])
            }
        }
        var rows: [Row] = []
        rows.reserveCapacity(firstLines[pieces])
        for piece in parsed { rows += try piece.get() }
        return rows
    }

    /// Every row, field by field: an unquoted field is decoded straight from the bytes between
    /// its commas; only a quoted one is copied (its doubled quotes made single).
    private static func rows(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int) throws(CSVError) -> [Row] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        func decode(_ field: UnsafeBufferPointer<UInt8>, line: Int) throws(CSVError) -> String {
            // ASCII, most fields, is valid as it stands; `String(decoding:)` of it is a copy.
            if field.allSatisfy({ $0 < 0x80 }) { return String(decoding: field, as: UTF8.self) }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw CSVError(line: line, reason: "is not valid UTF-8 text")
            }
            return text
        }
        var rows: [Row] = []
        var fields: [String] = []
        var quoted: [UInt8] = []
        var line = firstLine, rowLine = firstLine
        var index = 0
        // One field per turn; `index` is at the field's first byte.
        while true {
            var wasQuoted = false
            if index < bytes.count, bytes[index] == quote {
                wasQuoted = true
                quoted.removeAll(keepingCapacity: true)
                index += 1
                while true {
                    guard index < bytes.count else { throw CSVError(line: rowLine, reason: "opens a quoted field that is never closed") }
                    let byte = bytes[index]
                    index += 1
                    if byte == quote {
                        guard index < bytes.count, bytes[index] == quote else { break }
                        index += 1
                    } else if byte == newline {
                        line += 1
                    }
                    quoted.append(byte)
                }
                fields.append(try quoted.withUnsafeBufferPointer { field throws(CSVError) in try decode(field, line: line) })
            } else {
                let start = index
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == comma || byte == newline || (byte == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == newline) { break }
                    if byte == quote {
                        throw CSVError(line: line, reason: "has a quote inside a field that does not start with one (quote the whole field and double the quote)")
                    }
                    index += 1
                }
                fields.append(try decode(UnsafeBufferPointer(rebasing: bytes[start..<index]), line: line))
            }
            // What ends the field: a comma, the end of the line, or the end of the file.
            if index < bytes.count, bytes[index] == comma {
                index += 1
                continue
            }
            if index < bytes.count, bytes[index] == carriageReturn, index + 1 < bytes.count, bytes[index + 1] == newline { index += 1 }
            if index < bytes.count, bytes[index] != newline {
                throw CSVError(line: line, reason: "has text after a closing quote (a quote inside a quoted field must be doubled)")
            }
            // A line with nothing on it is skipped.
            if !(fields.count == 1 && fields[0].isEmpty && !wasQuoted) { rows.append(Row(line: rowLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
            guard index < bytes.count else { return rows }
            index += 1
            line += 1
            rowLine = line
            if index == bytes.count { return rows }
        }
    }
}

/// A CSV that cannot be read, with the line where the problem is. The message never repeats the
/// line's content: it may be a person's name.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line the problem is on.
    public var line: Int
    /// What is wrong there.
    public var reason: String

    /// A problem on a line.
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line) \(reason)" }
}

/// Writing one CSV field: quoted when it holds a comma, a quote or a line break, and kept from
/// being read as a formula. A spreadsheet program runs a cell that starts with `=`, `+`, `-` or
/// `@` (or a tab or carriage return before one) as a formula, so a value such as
/// `=HYPERLINK(…)` typed into a record would run on the analyst's machine when the CSV is opened;
/// such a value is written with a leading apostrophe, which the programs show as text (OWASP's
/// advice for CSV injection).
public enum CSVField {
    /// The characters that make a spreadsheet program read a cell as a formula.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    public static func escape(_ value: String) -> String {
        let text = value.first.map { formulaStarts.contains($0) } == true ? "'" + value : value
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
