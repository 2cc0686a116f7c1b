public import Foundation
public import HavenCore

/// A record as the store holds it: the value plus its version and when it last changed.
public struct Stored<R: Record>: Sendable {
    /// The record.
    public var record: R
    /// Its version: 1 at creation, one more at every update.
    public var version: Int
    /// When this version was written.
    public var updatedAt: Date
    /// Whether this version is a deletion.
    public var deleted: Bool
    /// Who wrote this version, as the access log names them (`account:…`, `token:…`, `system:…`);
    /// given by ``Repository/history(_:id:by:)``, nil elsewhere.
    public var author: String?

    /// Creates a stored record.
    public init(record: R, version: Int, updatedAt: Date, deleted: Bool = false, author: String? = nil) {
        self.record = record
        self.version = version
        self.updatedAt = updatedAt
        self.deleted = deleted
        self.author = author
    }
}

/// A record of any kind, as search results hold them.
public struct AnyStored: Sendable {
    /// The record.
    public var record: any Record
    /// Its version.
    public var version: Int
    /// When this version was written.
    public var updatedAt: Date

    /// Wraps a record of any kind with its version.
    public init(record: any Record, version: Int, updatedAt: Date) {
        self.record = record
        self.version = version
        self.updatedAt = updatedAt
    }

    /// The record's kind.
    public var kind: RecordKind { type(of: record).kind }
}

/// Filters for listing and searching.
public struct RecordQuery: Sendable, Equatable {
    /// Text that must occur in a name, title or narrative (any substring, Hangul or Latin).
    public var text: String?
    /// Only these kinds; empty means all.
    public var kinds: Set<RecordKind> = []
    /// Only records with this status code.
    public var status: String?
    /// Only records at this place or within it (a province code finds its cities).
    public var placeCode: String?
    /// Only records whose dates overlap a period starting on this day (`YYYY-MM-DD`).
    public var from: String?
    /// … and ending on this day.
    public var to: String?
    /// Only records belonging to this one (an event's acts …).
    public var parentID: UUID?
    /// Only records of this type code (act type, organisation kind …).
    public var typeCode: String?
    /// Only these compartments; nil means every compartment.
    public var compartments: Set<String>?
    /// Only the records with these ids; nil means any. Reading many known records this way is one
    /// audited list naming them all, not one audited read each.
    public var ids: Set<UUID>?
    /// How many results to skip.
    public var offset: Int = 0
    /// How many results to return at most.
    public var limit: Int = 50

    /// Creates a query.
    public init(
        text: String? = nil, kinds: Set<RecordKind> = [], status: String? = nil, placeCode: String? = nil,
        from: String? = nil, to: String? = nil, parentID: UUID? = nil, typeCode: String? = nil,
        compartments: Set<String>? = nil, ids: Set<UUID>? = nil, offset: Int = 0, limit: Int = 50
    ) {
        self.text = text
        self.kinds = kinds
        self.status = status
        self.placeCode = placeCode
        self.from = from
        self.to = to
        self.parentID = parentID
        self.typeCode = typeCode
        self.compartments = compartments
        self.ids = ids
        self.offset = offset
        self.limit = limit
    }

    /// The date filters widened to whole years, for a reader who sees protected dates (an
    /// event's day and month) redacted: with day bounds, a dozen bisecting queries gave an
    /// event's exact date back.
    /// How many records one access-log entry of a report's reading names.
    public static let reportPageSize = 500

    public mutating func widenDatesToWholeYears() {
        from = from.map { String($0.prefix(4)) + "-01-01" }
        to = to.map { String($0.prefix(4)) + "-12-31" }
    }
}

/// One page of results.
public struct Page<Item: Sendable>: Sendable {
    /// The results on this page.
    public var items: [Item]
    /// How many results match in all.
    public var total: Int
    /// The offset of the first item.
    public var offset: Int
    /// The page size asked for.
    public var limit: Int
}

/// Why a store operation failed. Messages never contain protected values.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The vault has not been created yet.
    case notInitialised
    /// A vault already exists here.
    case alreadyInitialised
    /// The store is locked: nothing personal can be read or written until it is unlocked.
    case locked
    /// The passphrase or key file does not open this vault.
    case wrongKey
    /// No record of that kind with that id.
    case notFound(RecordKind, UUID)
    /// A record with that id already exists.
    case alreadyExists(UUID)
    /// No account with that id or name.
    case noSuchAccount
    /// No export request with that id (or not one of the caller's).
    case noSuchExportRequest
    /// No live API token with that id among the caller's.
    case noSuchAPIToken
    /// No import batch with that id that has not been undone.
    case noSuchImportBatch
    /// No saved import mapping with that id.
    case noSuchImportMapping
    /// Someone else changed the record since the version the caller read.
    case versionConflict(expected: Int, actual: Int)
    /// The record is invalid.
    case invalid(ValidationError)
    /// One record of a batch is invalid; nothing was written.
    case invalidInBatch(index: Int, ValidationError)
    /// The acting identity may not do this (the reason names what, never a protected value).
    case forbidden(String)
    /// Stored data failed to open or decode: tampering or corruption.
    case corrupt(String)
    /// The database refused or failed an operation.
    case database(String)
    /// The database cannot be reached or cannot write now (its server is down or restarting, the
    /// connection was lost, the disk is full or failing): nothing was written by this request,
    /// what was stored before is untouched; try again once it is back.
    case unavailable(String)
    /// Other processes kept writing to the vault while this one tried to: nothing was written;
    /// try again in a moment.
    case busy

    public var description: String {
        switch self {
        case .notInitialised: "no vault here yet: run `haven init` first"
        case .alreadyInitialised: "a vault already exists here"
        case .locked: "the vault is locked"
        case .wrongKey: "the passphrase or key file does not open this vault; nothing was changed"
        case .notFound(let kind, let id): "no \(kind.code) with id \(id.wire)"
        case .alreadyExists(let id): "a record with id \(id.wire) already exists"
        case .noSuchAccount: "no such account"
        case .noSuchExportRequest: "no such export request"
        case .noSuchAPIToken: "no such API token"
        case .noSuchImportBatch: "no such import batch, or it was undone already"
        case .noSuchImportMapping: "no such saved import mapping"
        case .versionConflict(let expected, let actual):
            "the record changed since version \(expected) (it is now at version \(actual)); reload and retry"
        case .invalid(let error): "invalid record: " + error.problems.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
        case .invalidInBatch(let index, let error):
            "record \(index + 1) is invalid: " + error.problems.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
        case .forbidden(let why): "not allowed: \(why)"
        case .corrupt(let what): "stored data failed its integrity check: \(what)"
        case .unavailable(let what): "the database is unavailable (\(what)); nothing was written, try again once it is back"
        case .database(let what): "database error: \(what)"
        case .busy: "other servers kept writing to the vault meanwhile; nothing was written, try again in a moment"
        }
    }
}

/// A new version of a record already kept, written only if the record is still at the version
/// the writer read.
public struct RecordUpdate: Sendable {
    public var record: any Record
    public var expectedVersion: Int

    public init(_ record: any Record, expectedVersion: Int) {
        self.record = record
        self.expectedVersion = expectedVersion
    }
}

/// The storage of Haven's records. It speaks domain types only; the server and the command line
/// never see a database driver.
public protocol Repository: Sendable {
    /// Creates a record. Fails with ``StoreError/alreadyExists(_:)`` if its id is taken.
    func create<R: Record>(_ record: R, by actor: ActingIdentity) async throws -> Stored<R>
    /// Replaces a record with a new version, keeping the old one in its history. With
    /// `expectedVersion`, fails if someone else wrote in between.
    func update<R: Record>(_ record: R, expectedVersion: Int?, by actor: ActingIdentity) async throws -> Stored<R>
    /// Deletes a record; its history stays (sealed) for accountability.
    func delete<R: Record>(_ type: R.Type, id: UUID, by actor: ActingIdentity) async throws
    /// Reads a record and records the read in the audit log.
    func get<R: Record>(_ type: R.Type, id: UUID, by actor: ActingIdentity) async throws -> Stored<R>
    /// Every version of a record the reader reaches, oldest first, each with who wrote it.
    func history<R: Record>(_ type: R.Type, id: UUID, by actor: ActingIdentity) async throws -> [Stored<R>]
    /// Records of one kind matching the query, newest first.
    func list<R: Record>(_ type: R.Type, query: RecordQuery, by actor: ActingIdentity) async throws -> Page<Stored<R>>
    /// Records of any kind matching the query, newest first.
    func search(_ query: RecordQuery, by actor: ActingIdentity) async throws -> Page<AnyStored>
    /// Every record the query matches within the actor's reach, however many (its offset and
    /// limit are ignored): what reports read, so that none stops at a count. Audited as a
    /// search of pages of ``RecordQuery/reportPageSize`` would be, one entry per page.
    func everything(_ query: RecordQuery, by actor: ActingIdentity) async throws -> [AnyStored]
    /// The current records that point to this one through coded fields (an incident's acts and
    /// interventions, a person's acts, involvements and rescue requests …), newest first, within
    /// the actor's compartments. Audited like a list.
    func referencing(_ id: UUID, by actor: ActingIdentity) async throws -> [AnyStored]
    /// Runs a report that shows figures, not records. Inside `body`, ``ReportReading`` reads
    /// every record a query matches within the actor's reach without an entry per record; the
    /// report is audited once when it ends, finished or failed, with its name, `parameters`
    /// (codes and dates only, never a protected value) and how many records it read. Records a
    /// report shows by name go through the audited calls as well.
    func counting<T: Sendable>(report: String, parameters: String, by actor: ActingIdentity,
                               _ body: (ReportReading) async throws -> T) async throws -> T
    /// How many records match the query, without returning any (for counts and charts).
    func count(_ query: RecordQuery, by actor: ActingIdentity) async throws -> Int
    /// The ids of records whose protected field equals `value` exactly (after normalisation).
    func lookup(kind: RecordKind, field: String, value: String, by actor: ActingIdentity) async throws -> [UUID]
    /// Writes many records in one transaction: all of them or none.
    func importRecords(_ records: [any Record], by actor: ActingIdentity) async throws -> Int
    /// Creates several records that belong together (an incident with its victims, actors and
    /// sources) in one transaction: all of them or none. Fails with
    /// ``StoreError/invalidInBatch(index:_:)`` naming the first invalid record.
    func createAll(_ records: [any Record], by actor: ActingIdentity) async throws -> Int
    /// ``createAll(_:by:)`` that also writes new versions of records already kept, each against
    /// the version the caller read, in the same transaction (an incident recorded from a rescue
    /// request, and the request pointing to it): all of it or none. Fails with
    /// ``StoreError/versionConflict(expected:actual:)`` when one of them changed meanwhile.
    func createAll(_ records: [any Record], updating updates: [RecordUpdate], by actor: ActingIdentity) async throws -> Int
    /// Every current record, decrypted, for export. The export itself is audited.
    func exportRecords(plaintext: Bool, by actor: ActingIdentity) async throws -> [any Record]
}
