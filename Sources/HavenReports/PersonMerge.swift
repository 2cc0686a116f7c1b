public import Foundation
public import HavenCore
public import HavenStore

/// What merging person records means wherever it is done (the review page or `PUT` on the API):
/// a record points to a main record that is itself not merged, and records that pointed to the
/// merged one follow it to that main record, so that no chain of "same as" forms.
public enum PersonMerge {
    /// Refuses a `sameAs` that names the record itself or a record that is merged in turn
    /// (naming the record to use instead).
    public static func check(_ person: Person, repository: any Repository, actor: ActingIdentity) async throws {
        guard let target = person.sameAs else { return }
        guard target != person.id else {
            throw StoreError.invalid(ValidationError(problems: [FieldProblem(field: "sameAs", message: "a record cannot be the same person as itself")]))
        }
        let named: Person
        do {
            named = try await repository.get(Person.self, id: target, by: actor).record
        } catch StoreError.notFound {
            throw StoreError.invalid(ValidationError(problems: [FieldProblem(field: "sameAs", message: "names no person record")]))
        }
        if let main = named.sameAs {
            throw StoreError.invalid(ValidationError(problems: [FieldProblem(field: "sameAs",
                                                message: "names a record merged into \(main.wire); name that record")]))
        }
    }

    /// Points every person record that was the same as `merged` to `main` instead, each in a new
    /// audited version.
    public static func repoint(from merged: UUID, to main: UUID, repository: any Repository, actor: ActingIdentity) async throws {
        for referrer in try await repository.referencing(merged, by: actor) {
            guard var person = referrer.record as? Person, person.sameAs == merged else { continue }
            person.sameAs = main
            _ = try await repository.update(person, expectedVersion: referrer.version, by: actor)
        }
    }
}
