import Foundation
import HavenCore

/// The in-memory index built at unlock: every current record, decrypted, with a bigram index
/// over its names and texts so that any substring of two or more characters — Hangul
/// included, e.g. 김정 — is found without a scan. Nothing in it is ever written to disk.
///
/// Owned by the store actor; not thread-safe on its own.
final class SearchIndex {
    struct Entry {
        var stored: AnyStored
        var kind: RecordKind
        var compartment: String
        var facets: RecordFacets
        /// Normalised searchable text, fields joined by newlines.
        var text: [Unicode.Scalar]
        var ordinal: Int32
    }

    private var entries: [Int32: Entry] = [:]
    private var ordinalByID: [UUID: Int32] = [:]
    private var postings: [UInt64: [Int32]] = [:]
    private var nextOrdinal: Int32 = 0
    private var deadPostings = 0

    var count: Int { ordinalByID.count }

    /// Codes of the custom places in the index, for validating place references without a scan.
    private(set) var customPlaceCodes: Set<String> = []

    /// The indexed record with this id, if it is current.
    func stored(id: UUID) -> AnyStored? {
        ordinalByID[id].flatMap { entries[$0]?.stored }
    }

    /// Lowercased NFC scalars: the form both texts and queries are compared in.
    static func normalise(_ text: String) -> [Unicode.Scalar] {
        Array(text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars)
    }

    private static func bigram(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 21 | UInt64(b.value)
    }

    /// Adds or replaces a record.
    func upsert(_ stored: AnyStored) {
        remove(stored.record.id)
        let record = stored.record
        let text = Self.normalise(record.searchText.joined(separator: "\n"))
        let ordinal = nextOrdinal
        nextOrdinal += 1
        entries[ordinal] = Entry(
            stored: stored, kind: type(of: record).kind, compartment: record.compartment,
            facets: record.facets, text: text, ordinal: ordinal
        )
        ordinalByID[record.id] = ordinal
        if let place = record as? Place { customPlaceCodes.insert(place.code) }
        var seen = Set<UInt64>()
        if text.count >= 2 {
            for i in 0..<(text.count - 1) where text[i] != "\n" && text[i + 1] != "\n" {
                let key = Self.bigram(text[i], text[i + 1])
                if seen.insert(key).inserted { postings[key, default: []].append(ordinal) }
            }
        }
    }

    /// Removes a record. Its postings are left behind and skipped; they are compacted once
    /// they outnumber the live ones.
    func remove(_ id: UUID) {
        guard let ordinal = ordinalByID.removeValue(forKey: id), let entry = entries.removeValue(forKey: ordinal) else { return }
        if let place = entry.stored.record as? Place { customPlaceCodes.remove(place.code) }
        deadPostings += max(entry.text.count - 1, 0)
        if deadPostings > 1_000_000 && deadPostings > postings.count * 4 { compact() }
    }

    private func compact() {
        let live = entries.values.sorted { $0.ordinal < $1.ordinal }
        entries = [:]
        ordinalByID = [:]
        postings = [:]
        customPlaceCodes = []
        deadPostings = 0
        for entry in live { upsert(entry.stored) }
    }

    /// The records matching a query, newest first, and the total count.
    func query(_ query: RecordQuery, within places: Set<String>?) -> (items: [AnyStored], total: Int) {
        let needle = Self.normalise(query.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        let candidates: [Int32]
        if needle.count >= 2 {
            var lists: [[Int32]] = []
            for i in 0..<(needle.count - 1) {
                guard let list = postings[Self.bigram(needle[i], needle[i + 1])] else { return ([], 0) }
                lists.append(list)
            }
            lists.sort { $0.count < $1.count }
            var set = Set(lists[0])
            for list in lists.dropFirst() where set.count > 0 { set.formIntersection(list) }
            candidates = Array(set)
        } else {
            candidates = Array(entries.keys)
        }
        var matches: [Entry] = []
        for ordinal in candidates {
            guard let entry = entries[ordinal], matchesFilters(entry, query, places) else { continue }
            if !needle.isEmpty && !entry.text.containsSubsequence(needle) { continue }
            matches.append(entry)
        }
        matches.sort { $0.ordinal > $1.ordinal }
        let page = matches.dropFirst(query.offset).prefix(query.limit).map(\.stored)
        return (Array(page), matches.count)
    }

    private func matchesFilters(_ entry: Entry, _ q: RecordQuery, _ places: Set<String>?) -> Bool {
        if !q.kinds.isEmpty && !q.kinds.contains(entry.kind) { return false }
        if let compartments = q.compartments, !compartments.contains(entry.compartment) { return false }
        if let status = q.status, entry.facets.status != status { return false }
        if let places, !places.contains(entry.facets.placeCode ?? "") { return false }
        if let parent = q.parentID, entry.facets.parentID != parent { return false }
        if let type = q.typeCode, entry.facets.typeCode != type { return false }
        if q.from != nil || q.to != nil {
            guard let start = entry.facets.from else { return false }
            let end = entry.facets.to ?? start
            if let from = q.from, end.latest < from { return false }
            if let to = q.to, start.earliest > to { return false }
        }
        return true
    }
}

extension Array where Element == Unicode.Scalar {
    /// Whether `needle` occurs contiguously in the array.
    func containsSubsequence(_ needle: [Unicode.Scalar]) -> Bool {
        guard needle.count <= count else { return false }
        if needle.isEmpty { return true }
        let first = needle[0]
        var i = 0
        while i <= count - needle.count {
            if self[i] == first {
                var j = 1
                while j < needle.count && self[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
