import Foundation
import HavenCore
import HavenImport
import HavenReports

/// Spreadsheets uploaded on the import page, held in memory — never on disk — while their
/// mapping is chosen and checked, until they are imported, discarded or left for an hour.
///
/// Each account prepares one file at a time (a new upload replaces its previous one), and the
/// server holds at most ``capacity`` files in all, because a large workbook's cells take
/// hundreds of megabytes; a full workspace answers "try again later" rather than growing. Only
/// the account that uploaded a file sees it.
actor ImportWorkspace {
    /// The most files held at once.
    let capacity: Int
    /// How long a file is kept after it was last used.
    let lifetime: TimeInterval
    private var uploads: [UUID: ImportUpload] = [:]

    init(capacity: Int = 4, lifetime: TimeInterval = 3600) {
        self.capacity = capacity
        self.lifetime = lifetime
    }

    enum Refusal: Error, Equatable {
        /// The workspace is full of other accounts' files.
        case full
    }

    /// Keeps an upload, replacing the account's previous one and dropping files left too long.
    func add(_ upload: ImportUpload, now: Date) throws(Refusal) {
        expire(now: now)
        uploads = uploads.filter { $0.value.accountID != upload.accountID }
        guard uploads.count < capacity else { throw .full }
        uploads[upload.id] = upload
    }

    /// The account's upload with that id, or nil (another account's is nil too).
    func upload(_ id: UUID, accountID: UUID, now: Date) -> ImportUpload? {
        expire(now: now)
        guard var upload = uploads[id], upload.accountID == accountID else { return nil }
        upload.lastUsed = now
        uploads[id] = upload
        return upload
    }

    /// Stores a changed upload of the same account.
    func replace(_ upload: ImportUpload) {
        guard uploads[upload.id]?.accountID == upload.accountID else { return }
        uploads[upload.id] = upload
    }

    /// Forgets an upload (imported or discarded).
    func remove(_ id: UUID, accountID: UUID) {
        if uploads[id]?.accountID == accountID { uploads[id] = nil }
    }

    /// How many files are held.
    var count: Int { uploads.count }

    private func expire(now: Date) {
        uploads = uploads.filter { now.timeIntervalSince($0.value.lastUsed) < lifetime }
    }
}

/// One uploaded spreadsheet on its way in: its sheets, the mapping being worked on, the last
/// dry run and the decisions on probable duplicates.
struct ImportUpload: Sendable {
    let id: UUID
    let accountID: UUID
    /// The file's name as the browser gave it (sealed in the batch; never logged).
    let fileName: String
    let fileSHA256: String
    let sheets: [Sheet]
    /// A CSV's encoding; nil for a workbook.
    let encoding: TextEncodingName?
    var mapping: ImportMapping
    /// The compartment its records go to.
    var compartment: String
    /// The last dry run of ``mapping``, and the persons it would add that are probably kept or
    /// in the sheet twice.
    var plan: ImportPlan?
    var matches: [DuplicateFinder.ImportMatch] = []
    /// The kept persons those matches name, to show side by side.
    var keptMatched: [UUID: Person] = [:]
    /// Rows the reader chose to leave out (to fix in the file and import later).
    var skipRows: Set<Int> = []
    /// Whether the rows last typed to leave out could not be read (the previous ones stand).
    var skipRowsProblem = false
    /// What the reader decided for each probable duplicate, by ``DuplicateKey``.
    var decisions: [String: DuplicateDecision] = [:]
    /// A mapping problem that stopped the dry run (no such sheet, an empty sheet), in both languages.
    var mappingProblem: LocalizedLabel?
    var lastUsed: Date
}

/// What to do with a row whose person is probably one already kept or another row's.
enum DuplicateDecision: String, Sendable, CaseIterable {
    /// Import it as a new person (to merge later on the duplicates page, if need be).
    case new
    /// Import it merged into the person it matches (as a merge on the duplicates page: its own
    /// record is kept, pointing to the main one, and can be un-merged).
    case same
    /// Leave the whole row out.
    case skip
}
