public import Foundation
public import HavenCore
import HavenCrypto
import SQLKit

extension SQLStore {
    /// The validation context the store applies: shipped gazetteer places plus custom places,
    /// and SHA-256 for attachments.
    func validationContext() -> ValidationContext {
        let customPlaces = index.customPlaceCodes
        return ValidationContext(
            isKnownPlace: { Gazetteer.shared.place(code: $0) != nil || customPlaces.contains($0) },
            sha256Hex: { SHA256Hex.of($0) },
            today: Day.string(clock())
        )
    }

    func requireUnlocked() throws -> RecordCodec {
        guard let codec, keys != nil else { throw StoreError.locked }
        return codec
    }

    public func create<R: Record>(_ record: R, by actor: ActingIdentity) async throws -> Stored<R> {
        try await exclusive {
            _ = try requireUnlocked()
            var record = record
            let context = validationContext()
            record.prepareForIntake(context)
            do throws(ValidationError) { try record.validate(in: context) } catch { throw StoreError.invalid(error) }
            try Self.requireReach(record.compartment, by: actor)
            try requireReferencesInReach(record, by: actor)
            if try await Self.currentRow(id: record.id, on: db) != nil { throw StoreError.alreadyExists(record.id) }
            return try await write([AnyRecordWrite(record: record, version: 1, action: .create)], by: actor)
                .first.map { Stored(record: record, version: 1, updatedAt: $0) }!
        }
    }

    public func update<R: Record>(_ record: R, expectedVersion: Int?, by actor: ActingIdentity) async throws -> Stored<R> {
        try await exclusive {
            _ = try requireUnlocked()
            var record = record
            let context = validationContext()
            record.prepareForIntake(context)
            do throws(ValidationError) { try record.validate(in: context) } catch { throw StoreError.invalid(error) }
            guard let current = try await Self.currentRow(id: record.id, on: db), current.kind == R.kind, !current.deleted,
                  actor.reaches(current.compartment) else {
                throw StoreError.notFound(R.kind, record.id)
            }
            try Self.requireReach(record.compartment, by: actor)
            try requireReferencesInReach(record, by: actor)
            if let expectedVersion, expectedVersion != current.version {
                throw StoreError.versionConflict(expected: expectedVersion, actual: current.version)
            }
            let version = current.version + 1
            let dates = try await write([AnyRecordWrite(record: record, version: version, action: .update)], by: actor)
            return Stored(record: record, version: version, updatedAt: dates[0])
        }
    }

    public func delete<R: Record>(_ type: R.Type, id: UUID, by actor: ActingIdentity) async throws {
        try await exclusive {
            let codec = try requireUnlocked()
            guard let current = try await Self.currentRow(id: id, on: db), current.kind == R.kind, !current.deleted,
                  actor.reaches(current.compartment) else {
                throw StoreError.notFound(R.kind, id)
            }
            // The deletion is a new version that keeps the record's content sealed, so that
            // history and accountability survive; the record leaves every list and search.
            let record = try codec.open(type, current)
            _ = try await write([AnyRecordWrite(record: record, version: current.version + 1, action: .delete, deleted: true)], by: actor)
        }
    }

    public func get<R: Record>(_ type: R.Type, id: UUID, by actor: ActingIdentity) async throws -> Stored<R> {
        // From the in-memory index, which holds every current record decrypted: the group commit
        // of the read's entry finds out whether another process wrote since the index was last
        // brought up to date, and then the read looks again (``auditedRead(by:_:)``).
        try await auditedRead(by: actor) {
            let codec = try requireUnlocked()
            let found: Stored<R>
            if R.kind == .attachment {
                // The index keeps attachments without their bytes, which stay sealed on disk.
                guard let row = try await Self.currentRow(id: id, on: db), row.kind == R.kind, !row.deleted,
                      actor.reaches(row.compartment) else {
                    throw StoreError.notFound(R.kind, id)
                }
                found = Stored(record: try codec.open(type, row), version: row.version, updatedAt: row.updatedAt)
            } else {
                guard let stored = index.stored(id: id), let record = stored.record as? R, actor.reaches(record.compartment) else {
                    throw StoreError.notFound(R.kind, id)
                }
                found = Stored(record: record, version: stored.version, updatedAt: stored.updatedAt)
            }
            return (found, [AuditEvent(action: .read, kind: R.kind.code, recordID: id.wire, version: found.version,
                                       detail: actor.seesProtected ? "" : "redacted")])
        }
    }

    public func history<R: Record>(_ type: R.Type, id: UUID, by actor: ActingIdentity) async throws -> [Stored<R>] {
        try await auditedRead(by: actor) {
            let codec = try requireUnlocked()
            let rows = try await Self.selectRows(from: "record_versions", on: db) {
                $0.where("id", .equal, SQLBind(id.wire)).where("kind", .equal, SQLBind(R.kind.code)).orderBy("version")
            }
            // A record moved out of reach hides its whole history; one moved into reach shows
            // only the versions kept in compartments the reader reaches (a beta reader does not
            // read what the record said while it was in alpha).
            guard let last = rows.last, actor.reaches(last.compartment) else { throw StoreError.notFound(R.kind, id) }
            let visible = rows.filter { actor.reaches($0.compartment) }
            let authors = try await versionAuthors(id)
            let versions = try visible.map {
                Stored(record: try codec.open(type, $0), version: $0.version, updatedAt: $0.updatedAt, deleted: $0.deleted, author: authors[$0.version])
            }
            return (versions, [AuditEvent(action: .readHistory, kind: R.kind.code, recordID: id.wire, version: visible.count,
                                          detail: actor.seesProtected ? "" : "redacted")])
        }
    }

    /// Who wrote each version of a record, from the access log's write entries for it (the
    /// log is the authority on who did what; the records table keeps no author).
    private func versionAuthors(_ id: UUID) async throws -> [Int: String] {
        struct Row: Decodable { let version: Int, actor: String }
        let writes = [AuditAction.create, .update, .delete, .import].map(\.rawValue)
        let rows = try await db.select().columns("version", "actor").from("audit_log")
            .where("record_id", .equal, SQLBind(id.wire)).where("action", .in, writes)
            .all(decoding: Row.self)
        return Dictionary(rows.map { ($0.version, $0.actor) }, uniquingKeysWith: { _, last in last })
    }

    public func list<R: Record>(_ type: R.Type, query: RecordQuery, by actor: ActingIdentity) async throws -> Page<Stored<R>> {
        var query = query
        query.kinds = [R.kind]
        let page = try await search(query, by: actor)
        return Page(items: page.items.compactMap { item in
            (item.record as? R).map { Stored(record: $0, version: item.version, updatedAt: item.updatedAt) }
        }, total: page.total, offset: page.offset, limit: page.limit)
    }

    public func search(_ query: RecordQuery, by actor: ActingIdentity) async throws -> Page<AnyStored> {
        let (query, places) = try Self.scoped(query, for: actor)
        return try await auditedRead(by: actor) {
            _ = try requireUnlocked()
            let (items, total) = index.query(query, within: places)
            var events: [AuditEvent] = []
            if !items.isEmpty {
                let ids = items.map { "\($0.kind.code):\($0.record.id.wire)" }.joined(separator: ",")
                events.append(AuditEvent(action: query.text == nil ? .list : .search,
                                         detail: "returned=\(items.count) total=\(total) ids=\(ids)" + (actor.seesProtected ? "" : " redacted")))
            }
            return (Page(items: items, total: total, offset: query.offset, limit: query.limit), events)
        }
    }

    public func everything(_ query: RecordQuery, by actor: ActingIdentity) async throws -> [AnyStored] {
        let (query, places) = try Self.scopedWhole(query, for: actor, countOnly: false)
        return try await auditedRead(by: actor) {
            _ = try requireUnlocked()
            // One walk of the index, not one per page.
            let items = index.query(query, within: places).items
            // The access log names every record returned, a page's worth to an entry, all in
            // one transaction.
            let size = RecordQuery.reportPageSize
            let details = stride(from: 0, to: items.count, by: size).map { start -> String in
                let chunk = items[start..<min(start + size, items.count)]
                let ids = chunk.map { "\($0.kind.code):\($0.record.id.wire)" }.joined(separator: ",")
                return "returned=\(chunk.count) total=\(items.count) offset=\(start) ids=\(ids)" + (actor.seesProtected ? "" : " redacted")
            }
            let action: AuditAction = query.text == nil ? .list : .search
            return (items, details.map { AuditEvent(action: action, detail: $0) })
        }
    }

    /// The query as `actor` may run it (``scoped(_:for:)``) over every match from the first: with
    /// no limit, or with none returned where only the total is wanted.
    static func scopedWhole(_ query: RecordQuery, for actor: ActingIdentity, countOnly: Bool) throws -> (query: RecordQuery, places: Set<String>?) {
        var (query, places) = try scoped(query, for: actor)
        query.offset = 0
        query.limit = countOnly ? 0 : Int.max
        return (query, places)
    }

    /// The query as `actor` may run it, the one place every search, count and report reading
    /// goes through: text refused to a reader who sees protected fields redacted (what a text
    /// search finds would reveal them), compartments narrowed to the actor's, date filters
    /// widened to whole years for a redacted reader (day bounds let a dozen bisecting queries
    /// recover an exact date), and the place widened to the places within it.
    static func scoped(_ query: RecordQuery, for actor: ActingIdentity) throws -> (query: RecordQuery, places: Set<String>?) {
        if query.text != nil && !actor.seesProtected {
            throw StoreError.forbidden("text search matches protected fields, which your account sees redacted; filter by type, place, date or status")
        }
        var query = query
        if let reach = actor.compartments {
            query.compartments = query.compartments.map { $0.intersection(reach) } ?? reach
        }
        if !actor.seesProtected { query.widenDatesToWholeYears() }
        let places = query.placeCode.map { code in Set([code] + Gazetteer.shared.places(within: code).map(\.code)) }
        return (query, places)
    }

    public func referencing(_ id: UUID, by actor: ActingIdentity) async throws -> [AnyStored] {
        try await auditedRead(by: actor) {
            _ = try requireUnlocked()
            let items = index.referencing(id, compartments: actor.compartments)
            guard !items.isEmpty else { return (items, []) }
            let ids = items.map { "\($0.kind.code):\($0.record.id.wire)" }.joined(separator: ",")
            return (items, [AuditEvent(action: .list, detail: "referencing=\(id.wire) returned=\(items.count) ids=\(ids)"
                                       + (actor.seesProtected ? "" : " redacted"))])
        }
    }

    public func count(_ query: RecordQuery, by actor: ActingIdentity) async throws -> Int {
        let (query, places) = try Self.scopedWhole(query, for: actor, countOnly: true)
        return try await auditedRead(by: actor) {
            _ = try requireUnlocked()
            let total = index.query(query, within: places).total
            // A count names no record, but what was counted, and by whom, is still on the record.
            let kinds = query.kinds.map(\.code).sorted().joined(separator: ",")
            return (total, [AuditEvent(action: .count, detail: "total=\(total) kinds=\(kinds)\(query.text == nil ? "" : " text=yes")")])
        }
    }

    public func lookup(kind: RecordKind, field: String, value: String, by actor: ActingIdentity) async throws -> [UUID] {
        guard actor.seesProtected else { throw StoreError.forbidden("an exact lookup matches a protected value") }
        return try await auditedRead(by: actor) {
            _ = try requireUnlocked()
            guard let indexer = keys?.blindIndexer else { throw StoreError.locked }
            let normalised = BlindTerm(field: field, value: value).value
            let token = indexer.token(kind: kind.code, field: field, value: normalised)
            struct Row: Decodable { let record_id: String }
            let rows = try await db.select().column("record_id").from("blind_index").where("token", .equal, SQLBind(token))
                .all(decoding: Row.self)
            // A token can collide: confirm every candidate against the decrypted record.
            let ids = Set(rows.compactMap { UUID(uuidString: $0.record_id) }).filter { id in
                guard let stored = index.stored(id: id), stored.kind == kind, actor.reaches(stored.record.compartment) else { return false }
                return stored.record.blindTerms.contains(BlindTerm(field: field, value: value))
            }
            return (ids.sorted { $0.uuidString < $1.uuidString },
                    [AuditEvent(action: .lookup, kind: kind.code, detail: "field=\(field) matches=\(ids.count)")])
        }
    }

    public func importRecords(_ records: [any Record], by actor: ActingIdentity) async throws -> Int {
        try await writeBatch(records, action: .`import`, by: actor)
    }

    public func createAll(_ records: [any Record], by actor: ActingIdentity) async throws -> Int {
        try await writeBatch(records, action: .create, by: actor)
    }

    public func createAll(_ records: [any Record], updating updates: [RecordUpdate], by actor: ActingIdentity) async throws -> Int {
        try await exclusive { try await validatedWrite(records, action: .create, updating: updates, by: actor) }
    }

    /// Validates every record, then writes them all in one transaction, each audited under `action`.
    private func writeBatch(_ records: [any Record], action: AuditAction, by actor: ActingIdentity) async throws -> Int {
        try await exclusive { try await validatedWrite(records, action: action, by: actor) }
    }

    /// ``writeBatch(_:action:by:)``'s work, inside the caller's `exclusive`; `updating` adds new
    /// versions of records already kept (numbered after `records` in a refusal), `also` audit
    /// events and `alsoWrite` rows to the same transaction (an import batch's own rows).
    func validatedWrite(_ records: [any Record], action: AuditAction, updating updates: [RecordUpdate] = [], by actor: ActingIdentity,
                        also: [AuditEvent] = [], alsoWrite: (@Sendable (any SQLDatabase) async throws -> Void)? = nil) async throws -> Int {
        do {
            _ = try requireUnlocked()
            let context = validationContext()
            var writes: [AnyRecordWrite] = []
            var seen = Set<UUID>()
            for (i, original) in records.enumerated() {
                var record = original
                record.prepareForIntake(context)
                do throws(ValidationError) { try record.validate(in: context) } catch { throw StoreError.invalidInBatch(index: i, error) }
                guard actor.reaches(record.compartment) else {
                    throw StoreError.invalidInBatch(index: i, ValidationError(problems: [Self.outOfReach]))
                }
                guard seen.insert(record.id).inserted else {
                    throw StoreError.invalidInBatch(index: i, ValidationError(problems: [FieldProblem(field: "id", message: "appears twice in the batch")]))
                }
                writes.append(AnyRecordWrite(record: record, version: 1, action: action))
            }
            let batch = Set(records.map(\.id))
            let existing = try await Self.existingIDs(Array(batch), on: db)
            if let clash = writes.firstIndex(where: { existing.contains($0.record.id) }) {
                throw StoreError.invalidInBatch(index: clash, ValidationError(problems: [FieldProblem(field: "id", message: "a record with this id already exists")]))
            }
            for (j, update) in updates.enumerated() {
                var record = update.record
                let i = records.count + j
                record.prepareForIntake(context)
                do throws(ValidationError) { try record.validate(in: context) } catch { throw StoreError.invalidInBatch(index: i, error) }
                guard seen.insert(record.id).inserted else {
                    throw StoreError.invalidInBatch(index: i, ValidationError(problems: [FieldProblem(field: "id", message: "appears twice in the batch")]))
                }
                let kind = type(of: record).kind
                guard let current = try await Self.currentRow(id: record.id, on: db), current.kind == kind, !current.deleted,
                      actor.reaches(current.compartment) else {
                    throw StoreError.notFound(kind, record.id)
                }
                guard actor.reaches(record.compartment) else {
                    throw StoreError.invalidInBatch(index: i, ValidationError(problems: [Self.outOfReach]))
                }
                guard current.version == update.expectedVersion else {
                    throw StoreError.versionConflict(expected: update.expectedVersion, actual: current.version)
                }
                writes.append(AnyRecordWrite(record: record, version: current.version + 1, action: .update))
            }
            for (i, write) in writes.enumerated() {
                do { try requireReferencesInReach(write.record, alsoAllowed: batch, by: actor) } catch StoreError.invalid(let error) {
                    throw StoreError.invalidInBatch(index: i, error)
                }
            }
            _ = try await write(writes, by: actor, also: also, alsoWrite: alsoWrite)
            return records.count
        }
    }

    public func exportRecords(plaintext: Bool, by actor: ActingIdentity) async throws -> [any Record] {
        try await exclusive {
            let codec = try requireUnlocked()
            let rows = try await Self.selectRows(from: "records", on: db) { $0.where("deleted", .equal, SQLBind(0)).orderBy("updated_at") }
            let records = try rows.filter { actor.reaches($0.compartment) }
                .map { row -> any Record in try Self.open(RecordTypes.type(for: row.kind), row, codec: codec) }
            try await audit(plaintext ? .exportPlaintext : .exportSealed, detail: "records=\(records.count)", by: actor)
            return records
        }
    }

    static let outOfReach = FieldProblem(field: "compartment", message: "is not one of the compartments granted to you")
    static let referenceOutOfReach = FieldProblem(field: "references", message: "refers to a record that does not exist or is outside your compartments")

    /// Refuses a record that newly refers to a record the actor cannot reach: an act on another
    /// compartment's event, an intervention about another compartment's person. A record that
    /// does not exist is refused alike, so that the answer does not tell the two apart.
    /// References the record already held (its stored version's) and records of the same batch
    /// are allowed; an identity without limits is not checked.
    func requireReferencesInReach(_ record: any Record, alsoAllowed: Set<UUID> = [], by actor: ActingIdentity) throws {
        guard actor.compartments != nil else { return }
        let held = Set(index.stored(id: record.id)?.record.references ?? [])
        for target in record.references where !held.contains(target) && !alsoAllowed.contains(target) {
            guard let stored = index.stored(id: target), actor.reaches(stored.record.compartment) else {
                throw StoreError.invalid(ValidationError(problems: [Self.referenceOutOfReach]))
            }
        }
    }

    /// Refuses writing into a compartment the actor does not reach.
    static func requireReach(_ compartment: String, by actor: ActingIdentity) throws {
        guard actor.reaches(compartment) else { throw StoreError.invalid(ValidationError(problems: [outOfReach])) }
    }

    static func open<R: Record>(_ type: R.Type, _ row: SealedRow, codec: RecordCodec) throws -> any Record {
        try codec.open(type, row)
    }
}

/// One record to write, of any type.
struct AnyRecordWrite: Sendable {
    var record: any Record
    var version: Int
    var action: AuditAction
    var deleted = false
}

extension SQLStore {
    /// Seals and writes records with their history rows, blind-index tokens and audit entries,
    /// all in one transaction, then updates the in-memory index. Returns each write's time.
    func write(_ writes: [AnyRecordWrite], by actor: ActingIdentity, also: [AuditEvent] = [],
               alsoWrite: (@Sendable (any SQLDatabase) async throws -> Void)? = nil) async throws -> [Date] {
        try await ensureDataKeys(for: Set(writes.map(\.record.compartment)), on: db)
        guard let codec, let indexer = keys?.blindIndexer else { throw StoreError.locked }
        let now = clock()
        var rows: [SealedRow] = []
        var tokens: [(String, String)] = []
        for write in writes {
            let row = try Self.seal(write.record, version: write.version, deleted: write.deleted, at: now, codec: codec)
            rows.append(row)
            if !write.deleted {
                for term in write.record.blindTerms {
                    tokens.append((indexer.token(kind: row.kind.code, field: term.field, value: term.value), row.id.wire))
                }
            }
        }
        let (entries, next) = try signedEntries(
            zip(writes, rows).map { AuditEvent(action: $0.action, kind: $1.kind.code, recordID: $1.id.wire, version: $1.version, contentHash: $1.contentHash) } + also,
            actor: actor
        )
        let replacing = writes.contains { $0.version > 1 }
        try await transaction(on: db) { [rows, tokens] db in
            // The audit head first: on PostgreSQL its row lock orders writers from every process
            // before they touch a record, so a writer that lost the race rolls back on
            // ``AuditLogMoved`` and tries again against the winner's version, rather than failing
            // on the version the winner has just inserted.
            try await Self.append(entries, on: db)
            if replacing {
                for row in rows where row.version > 1 {
                    try await db.delete(from: "records").where("id", .equal, SQLBind(row.id.wire)).run()
                    try await db.delete(from: "blind_index").where("record_id", .equal, SQLBind(row.id.wire)).run()
                }
            }
            for table in ["records", "record_versions"] {
                try await Self.insertRows(rows, into: table, actor: actor.id, on: db)
            }
            for chunk in stride(from: 0, to: tokens.count, by: 500).map({ tokens[$0..<min($0 + 500, tokens.count)] }) {
                let insert = db.insert(into: "blind_index").columns("token", "record_id")
                for (token, id) in chunk { insert.values(SQLBind(token), SQLBind(id)) }
                try await insert.run()
            }
            try await alsoWrite?(db)
        }
        frontier = next
        for (write, row) in zip(writes, rows) {
            if write.deleted {
                index.remove(row.id)
            } else {
                index.upsert(try Self.indexed(write.record, row: row))
            }
        }
        return rows.map(\.updatedAt)
    }

    private static func seal<R: Record>(_ record: R, version: Int, deleted: Bool, at date: Date, codec: RecordCodec) throws -> SealedRow {
        try codec.seal(record, version: version, deleted: deleted, at: date)
    }

    private static func indexed<R: Record>(_ record: R, row: SealedRow) throws -> AnyStored {
        var copy: any Record = record
        if var attachment = record as? Attachment {
            attachment.content = Data()
            copy = attachment
        }
        return AnyStored(record: copy, version: row.version, updatedAt: row.updatedAt)
    }

    static func insertRows(_ rows: [SealedRow], into table: String, actor: String, on db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: rows.count, by: 200).map({ rows[$0..<min($0 + 200, rows.count)] }) {
            let insert = db.insert(into: table).columns(
                "id", "version", "kind", "compartment", "key_version", "status", "place_code", "date_from", "date_to",
                "parent_id", "type_code", "deleted", "updated_at", "actor", "coded", "sealed")
            for r in chunk {
                insert.values(
                    SQLBind(r.id.wire), SQLBind(r.version), SQLBind(r.kind.code), SQLBind(r.compartment), SQLBind(r.keyVersion),
                    SQLBind(r.facets.status), SQLBind(r.facets.placeCode), SQLBind(r.facets.dateFrom), SQLBind(r.facets.dateTo),
                    SQLBind(r.facets.parentID), SQLBind(r.facets.typeCode), SQLBind(r.deleted ? 1 : 0),
                    SQLBind(Timestamp.string(r.updatedAt)), SQLBind(actor), SQLBind(r.coded), SQLBind(r.sealed))
            }
            try await insert.run()
        }
    }

    static func currentRow(id: UUID, on db: any SQLDatabase) async throws -> SealedRow? {
        try await selectRows(from: "records", on: db) { $0.where("id", .equal, SQLBind(id.wire)) }.first
    }

    static func existingIDs(_ ids: [UUID], on db: any SQLDatabase) async throws -> Set<UUID> {
        struct Row: Decodable { let id: String }
        var found = Set<UUID>()
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ ids[$0..<min($0 + 500, ids.count)] }) {
            let rows = try await db.select().column("id").from("records")
                .where("id", .in, chunk.map(\.wire)).all(decoding: Row.self)
            found.formUnion(rows.compactMap { UUID(uuidString: $0.id) })
        }
        return found
    }

    static func selectRows(from table: String, on db: any SQLDatabase,
                           _ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [SealedRow] {
        let builder = db.select().columns(
            "id", "version", "kind", "compartment", "key_version", "status", "place_code", "date_from", "date_to",
            "parent_id", "type_code", "deleted", "updated_at", "coded", "sealed").from(table)
        // Column by column rather than through a `Decodable` row: unlocking reads every row,
        // and the keyed decoder cost more than the database's own reading.
        return try await filter(builder).all().map { row in
            func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
            func optional(_ column: String) throws -> String? { try row.decodeNil(column: column) ? nil : try text(column) }
            guard let id = UUID(uuidString: try text("id")), let kind = RecordKind(rawValue: try text("kind")),
                  let updatedAt = Timestamp.date(try text("updated_at")) else {
                throw StoreError.corrupt("a stored row has an unreadable id, kind or time")
            }
            return SealedRow(
                id: id, kind: kind, compartment: try text("compartment"), version: try row.decode(column: "version", as: Int.self),
                keyVersion: try row.decode(column: "key_version", as: Int.self),
                coded: try text("coded"), sealed: try text("sealed"),
                facets: RowFacets(status: try optional("status"), placeCode: try optional("place_code"),
                                  dateFrom: try optional("date_from"), dateTo: try optional("date_to"),
                                  parentID: try optional("parent_id"), typeCode: try optional("type_code")),
                deleted: try row.decode(column: "deleted", as: Int.self) != 0, updatedAt: updatedAt
            )
        }
    }
}
