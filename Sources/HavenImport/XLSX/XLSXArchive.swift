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

    /// Whether every offset and size the archive's directories give stays inside the file, so
    /// that ZIPFoundation (0.9.20), which follows them without checking, can open it safely.
    /// Found by `haven-fuzz spreadsheet`: opened in memory without an end-of-central-directory
    /// record, an archive kept the whole upload in memory for good (its in-memory file is never
    /// closed), and ZIPFoundation looked for the record byte by byte back to the file's start;
    /// with directories pointing past the end, its in-memory file stopped the process.
    ///
    /// The end record is looked for as ZIPFoundation looks for it (the last signature at least
    /// 22 bytes from the end, its comment within the file), but only where the ZIP format puts
    /// it, in the last 65,557 bytes. Then the central directory must lie before it, each entry
    /// inside the directory, and each entry's local header and data before the directory. ZIP64
    /// is refused: a workbook within the upload limit never needs it.
    static func directoriesWithinFile(_ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
            func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
            func signature(_ at: Int, _ third: UInt8, _ fourth: UInt8) -> Bool {
                at >= 0 && at + 4 <= bytes.count && bytes[at] == 0x50 && bytes[at + 1] == 0x4B && bytes[at + 2] == third && bytes[at + 3] == fourth
            }
            let recordSize = 22
            guard bytes.count >= recordSize else { return false }
            let lowest = max(0, bytes.count - recordSize - Int(UInt16.max))
            var end = bytes.count - recordSize
            while end >= lowest, !signature(end, 0x05, 0x06) { end -= 1 }
            guard end >= lowest, end + recordSize + u16(end + 20) <= bytes.count, !signature(end - 20, 0x06, 0x07) else { return false }
            let entries = u16(end + 10), directorySize = u32(end + 12), directoryStart = u32(end + 16)
            guard entries != 0xFFFF, directorySize != 0xFFFF_FFFF, directoryStart != 0xFFFF_FFFF,
                  directoryStart + directorySize <= end else { return false }
            let directoryEnd = directoryStart + directorySize
            var at = directoryStart
            for _ in 0..<entries {
                guard at + 46 <= directoryEnd, signature(at, 0x01, 0x02) else { return false }
                let compressed = u32(at + 20), uncompressed = u32(at + 24), local = u32(at + 42)
                guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF,
                      local + 30 <= directoryStart, signature(local, 0x03, 0x04),
                      local + 30 + u16(local + 26) + u16(local + 28) + compressed <= directoryStart else { return false }
                at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32)
            }
            return at <= directoryEnd
        }
    }

    init(_ data: Data, limits: SpreadsheetLimits) throws(SpreadsheetError) {
        self.limits = limits
        let archive: Archive
        guard Self.directoriesWithinFile(data) else { throw .archive(reason: "it is not a ZIP archive") }
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
