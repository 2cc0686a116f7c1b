import Foundation
import HavenCore
import HavenCrypto
import HavenImport
import HavenReports
import HavenStore
import Hummingbird

/// Spreadsheets brought in from the browser: upload a CSV or XLSX, map its columns and words,
/// see the dry run (what would be created, every problem by row and column, words no vocabulary
/// knows, persons probably kept already), decide each probable duplicate, and import all rows or
/// none as one batch; saved mappings; batches listed and undone.
///
/// The file lives only in memory (``ImportWorkspace``) while it is worked on. Mapping a sheet
/// means seeing its names, so the pages ask for writing and protected fields both; undoing a
/// batch is an analyst's decision.
struct ImportPageController: Controller {
    let environment: AppEnvironment
    let workspace: ImportWorkspace

    /// The largest form of the mapping page: a field per column, word and duplicate.
    static let reviewFormLimit = 4 * 1024 * 1024

    var routes: [Route] {
        let write = Requirement.permission(.writeRecords)
        return [
            Route(.get, "/imports", write, list),
            Route(.post, "/imports/upload", write, upload: environment.configuration.importFileBytes + 1024 * 1024, upload),
            Route(.get, "/imports/upload/{id}", write, review),
            Route(.post, "/imports/upload/{id}", write, upload: Self.reviewFormLimit, act),
            Route(.post, "/imports/mappings/{id}/delete", write, deleteMapping),
            Route(.post, "/imports/batches/{id}/undo", .permission(.analyse), undo),
        ]
    }

    /// The importer sees the sheet's names and the persons it probably repeats, and writes records.
    private func importer(_ context: HavenRequestContext) throws -> (SignedIn, PageUser) {
        let signedIn = try context.signedIn()
        guard signedIn.account.allows(.writeRecords), signedIn.account.allows(.readProtected) else { throw AuthMiddleware.roleForbids }
        return (signedIn, try signedIn.pageUser())
    }

    private func id(_ context: HavenRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw Problem.notFound("no such import") }
        return id
    }

    @Sendable func list(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (signedIn, user) = try importer(context)
        return PageController.page(try await listPage(signedIn, problem: nil).render(PageController.language(request), account: user))
    }

    private func listPage(_ signedIn: SignedIn, problem: LocalizedLabel?) async throws -> ImportsPage {
        let batches = try await environment.imports.importBatches()
        return ImportsPage(batches: batches, mappings: try await environment.imports.importMappings(), canUndo: signedIn.account.allows(.analyse),
                           limitBytes: environment.configuration.importFileBytes, problem: problem)
    }

    @Sendable func upload(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (signedIn, user) = try importer(context)
        let language = PageController.language(request)
        let refuse = { (problem: LocalizedLabel) async throws -> Response in
            PageController.page(try await listPage(signedIn, problem: problem).render(language, account: user), status: .unprocessableContent)
        }
        guard MultipartForm.isMultipart(request) else { return try await refuse(ImportText.chooseFile) }
        let body = try await request.body.collect(upTo: environment.configuration.importFileBytes + 1024 * 1024)
        let form = try MultipartForm(body, boundary: try MultipartForm.boundary(request))
        guard let file = form.files["file"], !file.bytes.isEmpty else { return try await refuse(ImportText.chooseFile) }
        let encoding: TextEncodingName?
        switch form.fields["encoding"] ?? "" {
        case "": encoding = nil
        case let name:
            guard let named = TextEncodingName(name: name) else { return try await refuse(ImportText.unknownEncoding) }
            encoding = named
        }
        var limits = SpreadsheetLimits()
        limits.fileBytes = environment.configuration.importFileBytes
        let read: SpreadsheetReader.Result
        do throws(SpreadsheetError) {
            read = try SpreadsheetReader.read(file.bytes, encoding: encoding, limits: limits)
        } catch {
            return try await refuse(error.message)
        }
        let saved = try await environment.imports.importMappings()
        var mapping: ImportMapping
        if let chosen = form.fields["mapping"].flatMap(UUID.init(uuidString:)) {
            guard let found = saved.first(where: { $0.id == chosen }),
                  let decoded = try? HavenJSON.decoder().decode(ImportMapping.self, from: Data(found.mapping.utf8)) else {
                return try await refuse(ImportText.noSuchMapping)
            }
            mapping = decoded
        } else {
            guard let kind = form.fields["kind"].flatMap(ImportKind.init(rawValue:)) else { return try await refuse(ImportText.chooseKind) }
            mapping = Self.suggested(kind: kind, sheets: read.sheets, saved: saved)
        }
        let compartments = signedIn.account.compartments.sorted()
        let compartment = mapping.compartment.flatMap { compartments.contains($0) ? $0 : nil }
            ?? (compartments.contains(Compartment.default) ? Compartment.default : compartments.first ?? Compartment.default)
        var upload = ImportUpload(id: UUID(), accountID: signedIn.account.id, fileName: file.fileName, fileSHA256: SHA256Hex.of(file.bytes),
                                  sheets: read.sheets, encoding: read.encoding, mapping: mapping, compartment: compartment, lastUsed: environment.now)
        ImportCheck.run(&upload, kept: try await keptPersons(signedIn.identity))
        do {
            try await workspace.add(upload, now: environment.now)
        } catch {
            return PageController.page(try await listPage(signedIn, problem: ImportText.workspaceFull).render(language, account: user), status: .serviceUnavailable)
        }
        return PageController.redirect(to: "/imports/upload/\(upload.id.wire)")
    }

    /// The header's suggestion, with columns no field's name matches taken from saved mappings
    /// of the same kind that named the same column.
    static func suggested(kind: ImportKind, sheets: [Sheet], saved: [SavedImportMapping]) -> ImportMapping {
        guard let sheet = sheets.first else { return ImportMapping(name: "suggested", kind: kind, columns: [:]) }
        let header = sheet.likelyHeaderRow ?? 1
        let names = sheet.columnNames(headerRow: header)
        var mapping = ImportMapping.suggested(kind: kind, columnNames: names)
        mapping.sheet = sheet.name
        mapping.headerRow = header
        let previous = saved.compactMap { try? HavenJSON.decoder().decode(ImportMapping.self, from: Data($0.mapping.utf8)) }.filter { $0.kind == kind }
        for name in names where mapping.columns[name] == nil {
            guard let field = previous.lazy.compactMap({ $0.columns[name] }).first, !mapping.columns.values.contains(field) else { continue }
            mapping.columns[name] = field
        }
        return mapping
    }

    /// The persons already kept within the importer's reach, read through the audited repository,
    /// for the dry run's duplicates.
    private func keptPersons(_ actor: ActingIdentity) async throws -> [Person] {
        try await repository.allRecords(RecordQuery(kinds: [.person]), by: actor).compactMap { $0 as? Person }
    }

    private func current(_ context: HavenRequestContext, _ signedIn: SignedIn) async throws -> ImportUpload {
        guard let upload = await workspace.upload(try id(context), accountID: signedIn.account.id, now: environment.now) else {
            throw Problem(status: .notFound, title: "This upload is no longer here", titleKo: "이 업로드는 더 이상 없습니다",
                          detail: "an uploaded file is kept for an hour after its last use, and until it is imported; upload it again")
        }
        return upload
    }

    @Sendable func review(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (signedIn, user) = try importer(context)
        let upload = try await current(context, signedIn)
        let language = PageController.language(request)
        let compartments = try await environment.compartmentNames().options(signedIn.account.compartments.sorted(), language)
        return PageController.page(ImportReviewPage(upload: upload, compartments: compartments).render(language, account: user))
    }

    /// The mapping page's one form: the mapping and decisions as chosen, then the button pressed —
    /// check again, import, save the mapping, or discard the file.
    @Sendable func act(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (signedIn, user) = try importer(context)
        let language = PageController.language(request)
        var upload = try await current(context, signedIn)
        let fields: [String: String]
        if MultipartForm.isMultipart(request) {
            fields = try MultipartForm(try await request.body.collect(upTo: Self.reviewFormLimit), boundary: try MultipartForm.boundary(request)).fields
        } else {
            fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        }
        let action = fields["action"] ?? "check"
        if action == "discard" {
            await workspace.remove(upload.id, accountID: signedIn.account.id)
            return PageController.redirect(to: "/imports")
        }
        ImportReviewForm.apply(fields, to: &upload, compartments: signedIn.account.compartments)
        ImportCheck.run(&upload, kept: try await keptPersons(signedIn.identity))
        await workspace.replace(upload)
        var page = ImportReviewPage(upload: upload, compartments: try await environment.compartmentNames().options(signedIn.account.compartments.sorted(), language))
        switch action {
        case "save":
            let name = (fields["mappingName"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...SQLStore.mappingNameLimit).contains(name.count) else {
                page.notice = .problem(ImportText.mappingNameNeeded)
                return PageController.page(page.render(language, account: user), status: .unprocessableContent)
            }
            var saved = upload.mapping
            saved.name = name
            saved.compartment = upload.compartment
            try await environment.imports.saveImportMapping(name: name, mapping: String(decoding: try HavenJSON.encoder().encode(saved), as: UTF8.self),
                                                            by: signedIn.identity)
            page.notice = .done(ImportText.mappingSaved)
            return PageController.page(page.render(language, account: user))
        case "commit":
            return try await commit(upload, signedIn: signedIn, page: page, language: language, user: user)
        default:
            return PageController.redirect(to: "/imports/upload/\(upload.id.wire)")
        }
    }

    private func commit(_ upload: ImportUpload, signedIn: SignedIn, page: ImportReviewPage, language: Language, user: PageUser) async throws -> Response {
        var page = page
        let kept = try await keptPersons(signedIn.identity)
        let keptMain = Dictionary(kept.map { ($0.id, $0.sameAs ?? $0.id) }, uniquingKeysWith: { first, _ in first })
        let (records, skipped) = ImportCheck.records(upload, keptMain: keptMain)
        guard let plan = upload.plan, ImportCheck.isReady(upload), !records.isEmpty else {
            page.notice = .problem(upload.plan.map { ImportCheck.isReady(upload) && $0.records.isEmpty ? ImportText.nothingToImport : ImportText.notReady }
                                   ?? ImportText.notReady)
            return PageController.page(page.render(language, account: user), status: .unprocessableContent)
        }
        let mappingJSON = String(decoding: try HavenJSON.encoder().encode(upload.mapping), as: UTF8.self)
        let source = ImportBatchSource(fileName: upload.fileName, fileSHA256: upload.fileSHA256, sheet: plan.sheet, mapping: mappingJSON)
        do {
            _ = try await environment.imports.importBatch(records, rows: plan.rows - skipped.count, source: source, by: signedIn.identity)
        } catch StoreError.invalidInBatch(let index, let invalid) {
            let row = plan.rowOf[records[index].id]
            page.notice = .problem(ImportText.invalidRecord(row: row, fields: invalid.problems.map(\.field)))
            return PageController.page(page.render(language, account: user), status: .unprocessableContent)
        }
        await workspace.remove(upload.id, accountID: signedIn.account.id)
        return PageController.redirect(to: "/imports")
    }

    @Sendable func deleteMapping(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (signedIn, _) = try importer(context)
        try await environment.imports.deleteImportMapping(try id(context), by: signedIn.identity)
        return PageController.redirect(to: "/imports")
    }

    /// Undoes a whole batch (records deleted, their sealed history kept), refused when one of
    /// its records lies outside the analyst's compartments.
    @Sendable func undo(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (signedIn, user) = try importer(context)
        do {
            _ = try await environment.imports.undoImportBatch(try id(context), by: signedIn.identity)
        } catch StoreError.forbidden {
            return PageController.page(try await listPage(signedIn, problem: ImportText.undoOutsideReach).render(PageController.language(request), account: user),
                                       status: .forbidden)
        }
        return PageController.redirect(to: "/imports")
    }
}
