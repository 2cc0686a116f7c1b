public import Foundation
public import HavenCore
import Synchronization

/// What a report reads while it counts: every record a query matches within the reader's
/// reach, without an access-log entry per record. A report that shows figures, not records,
/// is audited once, when it ends (see ``Repository/counting(report:parameters:by:_:)``): a
/// statistics run over half a million records is one entry saying what was counted, not a
/// thousand entries naming records nobody was shown. A report that also shows records (a
/// broker's name, a dossier's incidents) still reads those through the audited calls.
public struct ReportReading: Sendable {
    let store: SQLStore
    let actor: ActingIdentity
    let tally: Tally

    /// How many records a report read, across its queries, and which it showed.
    final class Tally: Sendable {
        private let state = Mutex((read: 0, shown: [String](), seen: Set<UUID>()))
        func add(_ n: Int) { state.withLock { $0.read += n } }
        func show(_ refs: some Sequence<RecordRef>) {
            state.withLock { state in
                for ref in refs where state.seen.insert(ref.id).inserted { state.shown.append("\(ref.kind.code):\(ref.id.wire)") }
            }
        }
        var read: Int { state.withLock { $0.read } }
        var shown: [String] { state.withLock { $0.shown } }
    }

    /// Every record the query matches within the reader's reach, however many (its offset and
    /// limit are ignored), as scoped as any search: compartments, redacted readers' dates.
    public func records(_ query: RecordQuery) async throws -> [any Record] {
        try await stored(query).map(\.record)
    }

    /// Every record the query matches, with its version and time, newest first (as a search).
    public func stored(_ query: RecordQuery) async throws -> [AnyStored] {
        let found = try await store.unloggedEverything(query, by: actor)
        tally.add(found.count)
        return found
    }

    /// Every record of one kind the query matches (the query's kinds are replaced).
    public func records<R: Record>(_ type: R.Type, _ query: RecordQuery = RecordQuery()) async throws -> [R] {
        var query = query
        query.kinds = [R.kind]
        return try await records(query).compactMap { $0 as? R }
    }

    /// How many records the query matches within the reader's reach.
    public func count(_ query: RecordQuery) async throws -> Int {
        try await store.unloggedCount(query, by: actor)
    }

    /// The current records that point to this one (``Repository/referencing(_:by:)``).
    public func referencing(_ id: UUID) async throws -> [AnyStored] {
        let found = try await store.unloggedReferencing(id, by: actor)
        tally.add(found.count)
        return found
    }

    /// Says that the report shows these records to its reader (by name, or as a row or link of
    /// their own): its access-log entries name them, so that "who saw this record" finds it.
    public func shows(_ refs: some Sequence<RecordRef>) {
        tally.show(refs)
    }

    /// Whether the reader sees protected fields (names, narratives, exact dates).
    public var seesProtected: Bool { actor.seesProtected }

    /// How the report names these records in links and headings (``RecordLabel``); the records
    /// are shown, so the access log names them. Records missing or out of reach have none.
    public func labels(_ refs: some Sequence<RecordRef>) async throws -> [UUID: RecordLabel] {
        var labels: [UUID: RecordLabel] = [:]
        var shown: [RecordRef] = []
        for ref in refs where labels[ref.id] == nil {
            guard let record = try await store.unloggedRecord(ref.id, by: actor) else { continue }
            labels[ref.id] = RecordLabel.of(record, seesProtected: actor.seesProtected)
            shown.append(RecordRef(type(of: record).kind, ref.id))
        }
        shows(shown)
        return labels
    }

    /// The current record with this id, or nil when it is missing, of another kind or out of reach.
    public func record<R: Record>(_ type: R.Type, _ id: UUID?) async throws -> R? {
        guard let id, let record = try await store.unloggedRecord(id, by: actor) as? R else { return nil }
        tally.add(1)
        return record
    }
}

extension SQLStore {
    public nonisolated func counting<T: Sendable>(report: String, parameters: String, by actor: ActingIdentity,
                                                  _ body: (ReportReading) async throws -> T) async throws -> T {
        // A report reads without appending until it ends: it looks for other processes' writes first.
        try await followOtherWriters()
        let reading = ReportReading(store: self, actor: actor, tally: ReportReading.Tally())
        // The entries are written whether the report finishes or fails: what was read was read.
        func record(_ outcome: String) async throws {
            let shown = reading.tally.shown
            let detail = ["report=\(report)", parameters, "read=\(reading.tally.read)", "shown=\(shown.count)", outcome,
                          actor.seesProtected ? "" : "redacted"].filter { !$0.isEmpty }.joined(separator: " ")
            try await recordReport(detail: detail, shown: shown, by: actor)
        }
        let result: T
        do {
            result = try await body(reading)
        } catch {
            try? await record("failed")
            throw error
        }
        try await record("")
        return result
    }

    /// One entry for the report, then the records it showed a page's worth to an entry (as a
    /// list names what it returned), all in one transaction.
    func recordReport(detail: String, shown: [String], by actor: ActingIdentity) async throws {
        try await auditedRead(by: actor) {
            _ = try requireUnlocked()
            let size = RecordQuery.reportPageSize
            let pages = stride(from: 0, to: shown.count, by: size).map { start in
                let chunk = shown[start..<min(start + size, shown.count)]
                return AuditEvent(action: .list, detail: "shown-by=report returned=\(chunk.count) total=\(shown.count) offset=\(start) ids=\(chunk.joined(separator: ","))"
                                  + (actor.seesProtected ? "" : " redacted"))
            }
            return ((), [AuditEvent(action: .report, detail: detail)] + pages)
        }
    }

    func unloggedReferencing(_ id: UUID, by actor: ActingIdentity) async throws -> [AnyStored] {
        try await exclusive {
            _ = try requireUnlocked()
            return index.referencing(id, compartments: actor.compartments)
        }
    }

    func unloggedEverything(_ query: RecordQuery, by actor: ActingIdentity) async throws -> [AnyStored] {
        let (query, places) = try Self.scopedWhole(query, for: actor, countOnly: false)
        return try await exclusive {
            _ = try requireUnlocked()
            return index.query(query, within: places).items
        }
    }

    func unloggedCount(_ query: RecordQuery, by actor: ActingIdentity) async throws -> Int {
        let (query, places) = try Self.scopedWhole(query, for: actor, countOnly: true)
        return try await exclusive {
            _ = try requireUnlocked()
            return index.query(query, within: places).total
        }
    }

    func unloggedRecord(_ id: UUID, by actor: ActingIdentity) async throws -> (any Record)? {
        try await exclusive {
            _ = try requireUnlocked()
            guard let stored = index.stored(id: id), actor.reaches(stored.record.compartment) else { return nil }
            return stored.record
        }
    }
}
