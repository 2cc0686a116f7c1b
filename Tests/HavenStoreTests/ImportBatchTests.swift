import Foundation
import HavenCore
import HavenCrypto
@testable import HavenStore
import HavenTestSupport
import Testing

/// Spreadsheet imports as batches: written all or nothing with their own rows, their source
/// sealed, undone whole (history kept), and carried through a key rotation.
@Suite(.tags(.postgres))
struct ImportBatchTests {
    static let fileName = "김가상 면담 기록 batch-canary-5521.xlsx"

    static func source() -> ImportBatchSource {
        ImportBatchSource(fileName: fileName, fileSHA256: String(repeating: "ab", count: 32), sheet: "사건 목록", mapping: #"{"kind":"person"}"#)
    }

    static func persons(_ count: Int, compartment: String = Compartment.default) -> [any Record] {
        (0..<count).map { Person(compartment: compartment, names: [PersonName("가상\($0)", script: .hangul, system: .southKorean)]) }
    }

    @Test(arguments: Engine.available)
    func aBatchIsWrittenWholeWithItsSourceSealedAndUndoneWhole(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let records = Self.persons(30)
        let batch = try await store.importBatch(records, rows: 31, source: Self.source(), by: .localOperator)
        #expect(batch.records == 30 && batch.rows == 31)
        #expect(try await store.count(RecordQuery(kinds: [.person]), by: .localOperator) == 30)
        let listed = try await store.importBatches()
        #expect(listed.map(\.id) == [batch.id] && listed[0].source == Self.source() && listed[0].undoneAt == nil)
        let log = try await store.auditLog().map(\.entry)
        #expect(log.filter { $0.action == "import" }.count == 30)
        let entry = try #require(log.first { $0.action == "import.batch" })
        #expect(entry.recordID == batch.id.wire && entry.detail.contains("rows=31 records=30"))
        #expect(!log.contains { $0.detail.contains("canary") }, "the file's name stays out of the log")
        if engine == .sqlite {
            try await store.close()
            let bytes = try fixture.diskBytes()
            #expect(!bytes.contains(Data("batch-canary-5521".utf8)), "the file's name is sealed on disk")
        }
        let reopened = engine == .sqlite ? try await fixture.reopened() : store
        // One record of the batch deleted by hand first: the undo passes over it.
        try await reopened.delete(Person.self, id: records[0].id, by: .localOperator)
        #expect(try await reopened.undoImportBatch(batch.id, by: .localOperator) == 29)
        #expect(try await reopened.count(RecordQuery(kinds: [.person]), by: .localOperator) == 0)
        #expect(try await reopened.history(Person.self, id: records[1].id, by: .localOperator).count == 2, "the history is kept")
        #expect(try await reopened.importBatches().first?.undoneBy == ActingIdentity.localOperator.id)
        #expect(try await reopened.auditLog().map(\.entry).contains { $0.action == "import.undo" && $0.detail == "records=29" })
        await #expect(throws: StoreError.noSuchImportBatch) { try await reopened.undoImportBatch(batch.id, by: .localOperator) }
        await #expect(throws: StoreError.noSuchImportBatch) { try await reopened.undoImportBatch(UUID(), by: .localOperator) }
        try await reopened.close()
    }

    @Test(arguments: Engine.available)
    func aBatchWithOneBadRecordWritesNothing(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        var records = Self.persons(3_000)
        records[2_344] = Person(names: [])  // a person needs a name
        do {
            _ = try await store.importBatch(records, rows: 3_000, source: Self.source(), by: .localOperator)
            Issue.record("a batch with an invalid record was written")
        } catch StoreError.invalidInBatch(let index, _) {
            #expect(index == 2_344)
        }
        #expect(try await store.count(RecordQuery(kinds: [.person]), by: .localOperator) == 0)
        #expect(try await store.importBatches().isEmpty)
        #expect(!(try await store.auditLog().map(\.entry).contains { $0.action.hasPrefix("import") }))
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func anUndoOfRecordsOutsideTheActorsCompartmentsUndoesNothing(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let batch = try await store.importBatch(Self.persons(2, compartment: "seoul") + Self.persons(1, compartment: "busan"), rows: 3,
                                                source: Self.source(), by: .localOperator)
        let seoulOnly = ActingIdentity.account(UUID(), compartments: ["seoul"])
        await #expect(throws: StoreError.self) { try await store.undoImportBatch(batch.id, by: seoulOnly) }
        #expect(try await store.count(RecordQuery(kinds: [.person]), by: .localOperator) == 3)
        #expect(try await store.importBatches().first?.undoneAt == nil)
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func aBatchsSourceOpensAfterTheKeysAreRotated(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        _ = try await store.importBatch(Self.persons(2), rows: 2, source: Self.source(), by: .localOperator)
        _ = try await store.rotateDataKeys(by: .localOperator)
        #expect(try await store.importBatches().first?.source == Self.source())
        try await store.close()
        let reopened = try await fixture.reopened()
        #expect(try await reopened.importBatches().first?.source == Self.source())
        try await reopened.close()
    }
}
