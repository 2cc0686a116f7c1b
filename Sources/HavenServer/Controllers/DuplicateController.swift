import Foundation
import HavenCore
import HavenReports
import HavenStore
import Hummingbird

/// Duplicate person records: suggestions, side-by-side review, merge, un-merge and "different
/// people". A merge never deletes: the merged record gets a new version pointing to the main
/// record (`sameAs`), keeps its own sources and history, and un-merging clears the pointer. Every
/// change is an ordinary audited update, with who made it.
struct DuplicateController: Controller {
    let environment: AppEnvironment

    // Judging a pair needs the names (``reviewer(_:)`` also asks for protected fields).
    var routes: [Route] {
        let write = Requirement.permission(.writeRecords)
        return [
            Route(.get, "/duplicates", write, list),
            Route(.get, "/duplicates/review", write, review),
            Route(.post, "/duplicates/merge", write, merge),
            Route(.post, "/duplicates/unmerge", write, unmerge),
            Route(.post, "/duplicates/distinct", write, distinct),
            Route(.get, "/api/duplicates", write,
                  api: .init("Person records that may be one person (record ids, match probability, each comparison's level and weight); "
                             + "merge by setting a person's sameAs", response: .of(DuplicatesView.self)), api),
        ]
    }

    /// The reviewer must see names (a pair cannot be judged without them) and may change records.
    func reviewer(_ context: HavenRequestContext) throws -> (PageUser, ActingIdentity) {
        let reviewer = try context.signedIn()
        guard reviewer.account.allows(.writeRecords), reviewer.account.allows(.readProtected) else { throw AuthMiddleware.roleForbids }
        return (try reviewer.pageUser(), reviewer.identity)
    }

    @Sendable func list(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try reviewer(context)
        let (suggestions, total) = try await DuplicateFinder.suggestions(repository: repository, actor: actor)
        return PageController.page(DuplicatesPage(suggestions: suggestions, total: total).render(PageController.language(request), account: account))
    }

    /// The suggestions for scripts: record ids, probability and each comparison's level and
    /// weight — no names. A script merges by setting a person's `sameAs` (PUT) and un-merges by
    /// clearing it.
    @Sendable func api(_ request: Request, context: HavenRequestContext) async throws -> DuplicatesView {
        let (_, actor) = try reviewer(context)
        let (suggestions, total) = try await DuplicateFinder.suggestions(repository: repository, actor: actor)
        return DuplicatesView(total: total, suggestions: suggestions.map { pair in
            DuplicatesView.Suggestion(first: pair.first.id.wire, second: pair.second.id.wire, probability: pair.probability,
                                      comparisons: pair.parts.map {
                                          DuplicatesView.Comparison(comparison: $0.comparison.rawValue, level: $0.level, meaning: $0.meaning, weight: $0.weight)
                                      })
        })
    }

    @Sendable func review(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (account, actor) = try reviewer(context)
        let ids = ["a", "b"].compactMap { QueryString.fields(request.uri)[Substring($0)].flatMap { UUID(uuidString: String($0)) } }
        guard ids.count == 2, ids[0] != ids[1] else { throw Problem.badRequest("give two different person records as a and b", field: "a") }
        let first = try await repository.get(Person.self, id: ids[0], by: actor).record
        let second = try await repository.get(Person.self, id: ids[1], by: actor).record
        guard let pair = try await DuplicateFinder.explain(first, second, among: repository, actor: actor) else {
            throw Problem.notFound("no such pair of person records")
        }
        let language = PageController.language(request)
        var page = DuplicateReviewPage(pair: pair)
        page.compartments = try await environment.compartmentNames()
        for person in [first, second] {
            page.appearances.append(try await RecordPage.backLinks(to: person.id, repository: repository, actor: actor, language: language,
                                                                   today: environment.today, compartments: page.compartments))
        }
        return PageController.page(page.render(language, account: account))
    }

    /// Merges `record` into `into`: `record` now points to the main record of `into`. Records that
    /// pointed to `record` point to that main record too, so that no chain forms.
    @Sendable func merge(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (_, actor) = try reviewer(context)
        let fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        let recordID = try Self.id(fields["record"], "record"), intoID = try Self.id(fields["into"], "into")
        let stored = try await repository.get(Person.self, id: recordID, by: actor)
        var record = stored.record
        let into = try await repository.get(Person.self, id: intoID, by: actor).record
        let main = into.sameAs ?? into.id
        guard main != record.id else { throw Problem.badRequest("a record cannot be merged into itself", field: "into") }
        record.sameAs = main
        record.distinctFrom?.removeAll { $0 == main }
        try await Self.save(record, version: stored.version, repository: repository, actor: actor)
        do {
            try await PersonMerge.repoint(from: record.id, to: main, repository: repository, actor: actor)
        } catch StoreError.versionConflict {
            throw Self.conflict
        }
        return PageController.redirect(to: "/records/person/\(record.id.wire)?saved=1")
    }

    /// Undoes a merge: the record stands on its own again (a new version; the merge stays in its history).
    @Sendable func unmerge(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (_, actor) = try reviewer(context)
        let fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        let stored = try await repository.get(Person.self, id: try Self.id(fields["record"], "record"), by: actor)
        var record = stored.record
        guard let main = record.sameAs else { throw Problem.badRequest("this record is not merged", field: "record") }
        record.sameAs = nil
        // Once judged not to be the same, the pair is not suggested again.
        record.distinctFrom = (record.distinctFrom ?? []) + [main]
        try await Self.save(record, version: stored.version, repository: repository, actor: actor)
        return PageController.redirect(to: "/records/person/\(record.id.wire)?saved=1")
    }

    /// Records that the two are different people, so that the pair is not suggested again.
    @Sendable func distinct(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (_, actor) = try reviewer(context)
        let fields = FormFields.parse(try await request.body.collect(upTo: FormFields.maximumSize))
        let aID = try Self.id(fields["a"], "a"), bID = try Self.id(fields["b"], "b")
        guard aID != bID else { throw Problem.badRequest("give two different person records", field: "b") }
        let stored = try await repository.get(Person.self, id: aID, by: actor)
        var a = stored.record
        _ = try await repository.get(Person.self, id: bID, by: actor)
        if !(a.distinctFrom ?? []).contains(bID) {
            a.distinctFrom = (a.distinctFrom ?? []) + [bID]
            try await Self.save(a, version: stored.version, repository: repository, actor: actor)
        }
        return PageController.redirect(to: "/duplicates")
    }

    /// A new version of a person as it was read: someone else's change meanwhile is not overwritten.
    static func save(_ person: Person, version: Int, repository: any Repository, actor: ActingIdentity) async throws {
        do {
            _ = try await repository.update(person, expectedVersion: version, by: actor)
        } catch StoreError.versionConflict {
            throw conflict
        }
    }

    static let conflict = Problem(status: .conflict, title: "Someone changed this record meanwhile", titleKo: "그동안 다른 사람이 이 기록을 바꾸었습니다",
                                  detail: "nothing was overwritten; review the pair again")

    static func id(_ text: String?, _ field: String) throws -> UUID {
        guard let text, let id = UUID(uuidString: text) else { throw Problem.badRequest("\(field) must be a record id", field: field) }
        return id
    }
}
