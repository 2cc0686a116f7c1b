import Foundation
import HavenCore
import HavenLinkage

/// The in-memory index built at unlock: every current record, decrypted, with a bigram index
/// over its names and texts so that any substring of two or more characters — Hangul
/// included, e.g. 김정 — is found without a scan, and a name index by sound so that a name
/// typed in any spelling finds it in any other (Kim Jong-suk, Kim Chŏng-suk and 김정숙; Ri and
/// 이). Nothing in it is ever written to disk.
///
/// Owned by the store actor; not thread-safe on its own.
final class SearchIndex {
    /// One indexed record. A class, so that scanning many candidates copies references only.
    final class Entry {
        let stored: AnyStored
        let kind: RecordKind
        let compartment: String
        let facets: RecordFacets
        /// Normalised searchable text, fields joined by newlines.
        let text: [Unicode.Scalar]
        /// The sound keys of the record's names (``NameKeys``).
        let nameKeys: [String]
        let ordinal: Int32
        /// The first and last day the record's dates can mean (`YYYY-MM-DD`), worked out once:
        /// every date filter of every report compares them.
        let earliest: String?
        let latest: String?

        init(stored: AnyStored, kind: RecordKind, compartment: String, facets: RecordFacets, text: [Unicode.Scalar],
             nameKeys: [String], ordinal: Int32) {
            self.stored = stored
            self.kind = kind
            self.compartment = compartment
            self.facets = facets
            self.text = text
            self.nameKeys = nameKeys
            self.ordinal = ordinal
            earliest = facets.from?.earliest
            latest = (facets.to ?? facets.from)?.latest
        }
    }

    /// Entries by ordinal (insertion order); nil where a record was removed or replaced.
    /// Posting lists hold ordinals in ascending order, so newest-first is a reverse walk.
    private var entries: [Entry?] = []
    private var ordinalByID: [UUID: Int32] = [:]
    private var postings: [UInt64: [Int32]] = [:]
    /// Ordinals by the sound key of a name they hold, ascending.
    private var namePostings: [String: [Int32]] = [:]
    /// Ordinals by kind, and by the record they belong to (an act's incident …), ascending: a
    /// report of one kind, or a page's parts of one record, walks those alone, not every record.
    private var kindPostings: [RecordKind: [Int32]] = [:]
    private var parentPostings: [UUID: [Int32]] = [:]
    /// Sound keys by name as written: namesakes are many, and a name is read once.
    private var keysOfName: [String: [String]] = [:]
    private var nextOrdinal: Int32 = 0
    private var deadPostings = 0
    /// For each record, the records that point to it through coded fields.
    private var referencers: [UUID: Set<UUID>] = [:]

    var count: Int { ordinalByID.count }

    /// Codes of the custom places in the index, for validating place references without a scan.
    private(set) var customPlaceCodes: Set<String> = []

    /// The indexed record with this id, if it is current.
    func stored(id: UUID) -> AnyStored? {
        ordinalByID[id].flatMap { entries[Int($0)]?.stored }
    }

    /// Lowercased NFC scalars: the form both texts and queries are compared in.
    static func normalise(_ text: String) -> [Unicode.Scalar] {
        Array(text.precomposedStringWithCanonicalMapping.lowercased().unicodeScalars)
    }

    private static func bigram(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 21 | UInt64(b.value)
    }

    /// A record made ready for the index: its searchable text and its names' keys, the part of
    /// indexing that needs nothing of the index, so that unlocking does it on every core.
    struct Prepared: Sendable {
        let stored: AnyStored
        let text: [Unicode.Scalar]
        let nameKeys: [String]

        init(_ stored: AnyStored, keys: (String) -> [String] = NameKeys.of) {
            self.stored = stored
            text = SearchIndex.normalise(stored.record.searchText.joined(separator: "\n"))
            var nameKeys: [String] = []
            for term in stored.record.blindTerms where term.field == "name" {
                for key in keys(term.value) where !nameKeys.contains(key) { nameKeys.append(key) }
            }
            self.nameKeys = nameKeys
        }

        /// An entry already indexed, ready again (when the index is compacted).
        init(_ entry: Entry) {
            stored = entry.stored
            text = entry.text
            nameKeys = entry.nameKeys
        }
    }

    /// Adds or replaces a record.
    func upsert(_ stored: AnyStored) {
        upsert(Prepared(stored, keys: keys(ofName:)))
    }

    /// Adds or replaces a record made ready for the index.
    func upsert(_ prepared: Prepared) {
        let stored = prepared.stored
        remove(stored.record.id)
        let record = stored.record
        let text = prepared.text
        let nameKeys = prepared.nameKeys
        let ordinal = nextOrdinal
        nextOrdinal += 1
        entries.append(Entry(
            stored: stored, kind: type(of: record).kind, compartment: record.compartment,
            facets: record.facets, text: text, nameKeys: nameKeys, ordinal: ordinal
        ))
        for key in nameKeys { namePostings[key, default: []].append(ordinal) }
        kindPostings[type(of: record).kind, default: []].append(ordinal)
        if let parent = record.facets.parentID { parentPostings[parent, default: []].append(ordinal) }
        ordinalByID[record.id] = ordinal
        if let place = record as? Place { customPlaceCodes.insert(place.code) }
        for target in record.references { referencers[target, default: []].insert(record.id) }
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
        guard let ordinal = ordinalByID.removeValue(forKey: id), let entry = entries[Int(ordinal)] else { return }
        entries[Int(ordinal)] = nil
        if let place = entry.stored.record as? Place { customPlaceCodes.remove(place.code) }
        for target in entry.stored.record.references {
            referencers[target]?.remove(id)
            if referencers[target]?.isEmpty == true { referencers[target] = nil }
        }
        deadPostings += max(entry.text.count - 1, 0) + entry.nameKeys.count + 2
        if deadPostings > 1_000_000 && deadPostings > postings.count * 4 { compact() }
    }

    /// How many times the index was compacted (for tests of what compaction keeps).
    private(set) var compactions = 0

    private func compact() {
        compactions += 1
        let live = entries.compactMap { $0 }
        entries = []
        nextOrdinal = 0
        ordinalByID = [:]
        postings = [:]
        namePostings = [:]
        kindPostings = [:]
        parentPostings = [:]
        customPlaceCodes = []
        referencers = [:]
        deadPostings = 0
        for entry in live { upsert(Prepared(entry)) }
    }

    /// The current records that point to `id`, within the compartments given (nil: all), newest first.
    func referencing(_ id: UUID, compartments: Set<String>?) -> [AnyStored] {
        (referencers[id] ?? []).compactMap { ordinalByID[$0] }.sorted(by: >).compactMap { entries[Int($0)] }
            .filter { compartments?.contains($0.compartment) ?? true }.map(\.stored)
    }

    /// The records matching a query, newest first, and the total count.
    func query(_ query: RecordQuery, within places: Set<String>?) -> (items: [AnyStored], total: Int) {
        let needle = Self.normalise(query.text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        // A name typed in one spelling finds records that write it in another.
        let wantedKeys = needle.isEmpty ? [] : Set(keys(ofName: query.text ?? ""))
        var total = 0
        var page: [AnyStored] = []
        func consider(_ ordinal: Int32) {
            guard let entry = entries[Int(ordinal)], matchesFilters(entry, query, places) else { return }
            if !needle.isEmpty && !entry.text.containsSubsequence(needle) && !entry.nameKeys.contains(where: wantedKeys.contains) { return }
            if total >= query.offset && page.count < query.limit { page.append(entry.stored) }
            total += 1
        }
        if needle.count >= 2 {
            var lists: [[Int32]] = []
            var candidates: [Int32] = []
            for i in 0..<(needle.count - 1) {
                guard let list = postings[Self.bigram(needle[i], needle[i + 1])] else { lists = []; break }
                lists.append(list)
            }
            if !lists.isEmpty {
                lists.sort { $0.count < $1.count }
                candidates = lists[0]
                for list in lists.dropFirst() where !candidates.isEmpty { candidates = Self.intersect(candidates, list) }
            }
            for key in wantedKeys { candidates = Self.union(candidates, namePostings[key] ?? []) }
            for ordinal in candidates.reversed() { consider(ordinal) }
        } else if let ids = query.ids {
            // Known records are looked up, not found by walking every entry.
            for ordinal in ids.compactMap({ ordinalByID[$0] }).sorted(by: >) { consider(ordinal) }
        } else if let parent = query.parentID {
            for ordinal in (parentPostings[parent] ?? []).reversed() { consider(ordinal) }
        } else if !query.kinds.isEmpty {
            let lists = Set(query.kinds).map { kindPostings[$0] ?? [] }
            let candidates = lists.count == 1 ? lists[0] : lists.reduce([]) { Self.union($0, $1) }
            for ordinal in candidates.reversed() { consider(ordinal) }
        } else {
            for ordinal in stride(from: Int32(entries.count) - 1, through: 0, by: -1) { consider(ordinal) }
        }
        return (page, total)
    }

    /// The sound keys of a name as written: one per reading (family and given name in either
    /// order for a romanised name), so that every spelling of one Korean name meets. Text that
    /// reads as no name (a single word, or letters that are not a name) has none.
    private func keys(ofName text: String) -> [String] {
        if let known = keysOfName[text] { return known }
        let keys = NameKeys.of(text)
        // The cache only saves work; it is dropped rather than allowed to grow without end.
        if keysOfName.count > 1_000_000 { keysOfName = [:] }
        keysOfName[text] = keys
        return keys
    }

    /// The union of two ascending lists, ascending and without repeats.
    static func union(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [Int32] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) { out.append(a[i]); i += 1 } else if i == a.count || b[j] < a[i] { out.append(b[j]); j += 1 } else {
                out.append(a[i]); i += 1; j += 1
            }
        }
        return out
    }

    /// The intersection of two ascending lists, ascending; walks the longer one by galloping
    /// so that a rare bigram against a common one costs little.
    static func intersect(_ small: [Int32], _ large: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(small.count)
        var low = 0
        for value in small {
            // Gallop to a range that holds `value`, then binary-search it.
            var step = 1
            var high = low
            while high < large.count && large[high] < value {
                low = high + 1
                high += step
                step *= 2
            }
            var upper = min(high, large.count - 1)
            while low <= upper {
                let middle = (low + upper) / 2
                if large[middle] < value { low = middle + 1 } else { upper = middle - 1 }
            }
            if low < large.count && large[low] == value { out.append(value) }
            if low >= large.count { break }
        }
        return out
    }

    private func matchesFilters(_ entry: Entry, _ q: RecordQuery, _ places: Set<String>?) -> Bool {
        if !q.kinds.isEmpty && !q.kinds.contains(entry.kind) { return false }
        if let compartments = q.compartments, !compartments.contains(entry.compartment) { return false }
        if let ids = q.ids, !ids.contains(entry.stored.record.id) { return false }
        if let status = q.status, entry.facets.status != status { return false }
        if let places, !places.contains(entry.facets.placeCode ?? "") { return false }
        if let parent = q.parentID, entry.facets.parentID != parent { return false }
        if let type = q.typeCode, entry.facets.typeCode != type { return false }
        if q.from != nil || q.to != nil {
            guard let earliest = entry.earliest, let latest = entry.latest else { return false }
            if let from = q.from, latest < from { return false }
            if let to = q.to, earliest > to { return false }
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
