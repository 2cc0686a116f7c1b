import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import SQLKit
import HavenTestSupport
import Testing

/// `haven keys rotate`: every sealed row moves to a new data-key version, a rotation cut short
/// continues where it stopped, and nothing is lost or left under the old keys.
@Suite(.tags(.postgres))
struct KeyRotationTests {
    struct KeyVersions: Decodable { let compartment: String; let version: Int }

    func dataKeyVersions(_ store: SQLStore) async throws -> [String: [Int]] {
        let rows = try await store.db.select().columns("compartment", "version").from("vault_keys")
            .where("purpose", .equal, SQLBind("data")).all(decoding: KeyVersions.self)
        return Dictionary(grouping: rows, by: \.compartment).mapValues { $0.map(\.version).sorted() }
    }

    func staleRows(_ store: SQLStore, below version: Int) async throws -> Int {
        struct Count: Decodable { let n: Int }
        var total = 0
        for table in ["records", "record_versions", "accounts"] {
            total += try await store.db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                .where("key_version", .lessThan, SQLBind(version)).first(decoding: Count.self)?.n ?? 0
        }
        return total
    }

    @Test(arguments: Engine.available)
    func aRotationCutShortResumesAndEndsWithEveryRowUnderTheNewKeys(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        var people: [Person] = []
        for (i, compartment) in ["seoul", "busan", "seoul", "busan", "seoul"].enumerated() {
            var person = Person(compartment: compartment, names: [PersonName("회전\(i)", script: .hangul, system: .southKorean)])
            person = try await store.create(person, by: .localOperator).record
            person.names.append(PersonName("Hoejeon \(i)", script: .latin, system: .revisedRomanization))
            people.append(try await store.update(person, expectedVersion: 1, by: .localOperator).record)
        }
        let account = Account(username: "rotation.check", role: .analyst, compartments: ["seoul"])
        let credentials = AccountCredentials(passwordHash: try PasswordHasher.hash("a long enough password", parameters: .forTesting()).encoded,
                                             mustChangePassword: false)
        _ = try await store.createAccount(account, credentials: credentials, by: .localOperator)
        let before = try await dataKeyVersions(store)
        #expect(before["seoul"] == [1] && before["busan"] == [1] && before["_accounts"] == [1])

        // Two batches of at most three rows (a batch stays within one table and compartment),
        // then the process "dies".
        let first = try await store.rotateDataKeys(batchSize: 3, maxBatches: 2, by: .localOperator)
        #expect(!first.resumed && !first.finished)
        #expect((2...6).contains(first.resealed))
        // 5 current rows + 10 versions (the current ones included) + 1 account = 16 sealed rows.
        #expect(first.resealed + first.remaining == 16)
        #expect(try await staleRows(store, below: 2) == first.remaining)
        try await store.close()

        // After a restart the mixed state still reads, and running again continues, not restarts.
        let reopened = try await fixture.reopened()
        for person in people { #expect(try await reopened.get(Person.self, id: person.id, by: .localOperator).record == person) }
        let second = try await reopened.rotateDataKeys(batchSize: 3, by: .localOperator)
        #expect(second.resumed && second.resealed == first.remaining && second.finished)
        #expect(second.versions["seoul"] == 2 && second.versions["_accounts"] == 2)
        #expect(try await staleRows(reopened, below: 2) == 0)
        #expect(try await dataKeyVersions(reopened) == ["seoul": [2], "busan": [2], "_accounts": [2]])
        try await reopened.close()

        // Everything opens under the new keys alone: records, their history, the account, search.
        let after = try await fixture.reopened()
        for person in people {
            #expect(try await after.get(Person.self, id: person.id, by: .localOperator).record == person)
            #expect(try await after.history(Person.self, id: person.id, by: .localOperator).count == 2)
        }
        #expect(try await after.account(username: "rotation.check")?.account.id == account.id)
        #expect(try await after.search(RecordQuery(text: "회전"), by: .localOperator).total == 5)
        let actions = try await after.auditLog().map(\.entry.action)
        #expect(actions.filter { $0 == "keys.rotate.begin" }.count == 1)
        #expect(actions.contains("keys.rotate.resume") && actions.contains("keys.rotate.done"))
        #expect((try await after.verifyAudit()).problem == nil)
        // A third run starts a new rotation.
        #expect(try await after.rotateDataKeys(by: .localOperator).versions["busan"] == 3)
        try await after.close()
    }
}
