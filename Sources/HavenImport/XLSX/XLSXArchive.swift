import Foundation
import ZIPFoundation

/// An XLSX workbook's ZIP archive, opened in memory (never written to disk), whose parts are
/// inflated one at a time under the limits: every path is checked before anything is inflated,
/// each part's declared size and compression ratio too, and a part is stopped the moment it
/// inflates beyond what it declared or the workbook beyond its total.
final class XLSXArchive {
    private let archive: Archive
    private let entries: [String: Entry]
    private let limits: SpreadsheetLimits
    private var inflated = 0

    init(_ data: Data, limits: SpreadsheetLimits) throws(SpreadsheetError) {
        self.limits = limits
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw .archive(reason: "it is not a ZIP archive")
        }
        var entries: [String: Entry] = [:]
        var declared: UInt64 = 0
        for entry in archive {
            guard entries.count < limits.archiveEntries else { throw .archive(reason: "it holds more than \(limits.archiveEntries) parts") }
            let path = entry.path
            guard Self.isSafe(path), entry.type != .symlink else { throw .unsafePath(path) }
            if path.hasPrefix("xl/externalLinks/") { throw .externalLinks(part: path) }
            guard entry.type == .file else { continue }
            declared += entry.uncompressedSize
            guard declared <= UInt64(limits.inflatedBytes) else {
                throw .inflatesTooFar(part: path, reason: "its parts declare more than \(limits.inflatedBytes) bytes together")
            }
            let ratio = entry.uncompressedSize / max(entry.compressedSize, 1)
            guard ratio <= UInt64(limits.compressionRatio) else {
                throw .inflatesTooFar(part: path, reason: "\(ratio) bytes for every compressed byte")
            }
            entries[path] = entry
        }
        self.archive = archive
        self.entries = entries
    }

    /// A path that stays inside the archive: relative, no `..` or empty component, no backslash,
    /// no drive letter, no control character.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if let first = parts.first, first.count == 2, first.hasSuffix(":") { return false }
        return !parts.dropLast().contains { $0.isEmpty || $0 == ".." || $0 == "." } && parts.last != ".." && parts.last != "."
    }

    /// Whether the archive holds a part.
    func has(_ path: String) -> Bool { entries[path] != nil }

    /// A part inflated, or nil when the archive does not hold it.
    func part(_ path: String) throws(SpreadsheetError) -> Data? {
        guard let entry = entries[path] else { return nil }
        let declared = Int(entry.uncompressedSize)
        let budget = limits.inflatedBytes - inflated
        var data = Data()
        data.reserveCapacity(min(declared, 64 << 20))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                guard data.count <= declared, data.count <= budget else { throw Overflow() }
            }
        } catch is Overflow {
            throw .inflatesTooFar(part: path, reason: "it inflates beyond the \(declared) bytes it declares")
        } catch {
            throw .archive(reason: "the part \(path) is damaged")
        }
        inflated += data.count
        return data
    }

    private struct Overflow: Error {}
}
