import Foundation
import HavenCore
@testable import HavenStore
import HavenTestSupport
import Testing

/// Import mappings saved by name: replaced by name, removed, sealed on disk, audited without
/// their names, and carried through a key rotation (which retires the old key).
@Suite(.tags(.postgres))
struct ImportMappingTests {
    static let mapping = #"{"kind":"person","columns":{"이름":"name"},"values":{"sex":{"여성-canary-7731":"female"}}}"#

    @Test(arguments: Engine.available)
    func aMappingIsSavedReplacedByNameAndRemoved(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        let first = try await store.saveImportMapping(name: "  NGO A 명단-name-canary-4410 ", mapping: Self.mapping, by: .localOperator)
        #expect(first.name == "NGO A 명단-name-canary-4410", "the name is trimmed")
        let other = try await store.saveImportMapping(name: "Kobo 2024", mapping: "{}", by: .localOperator)
        let replaced = try await store.saveImportMapping(name: "NGO A 명단-name-canary-4410", mapping: "{\"kind\":\"incident\"}", by: .localOperator)
        #expect(replaced.id == first.id, "saving under a name again replaces that mapping")
        let listed = try await store.importMappings()
        #expect(listed.map(\.name) == ["Kobo 2024", "NGO A 명단-name-canary-4410"])
        #expect(listed.first { $0.id == first.id }?.mapping == "{\"kind\":\"incident\"}")
        let log = try await store.auditLog().map(\.entry)
        #expect(log.filter { $0.action == "import.mapping-save" }.map(\.detail) == ["new", "new", "replaced"])
        #expect(!log.contains { $0.detail.contains("canary") })
        try await store.deleteImportMapping(other.id, by: .localOperator)
        #expect(try await store.importMappings().map(\.id) == [first.id])
        await #expect(throws: StoreError.noSuchImportMapping) { try await store.deleteImportMapping(other.id, by: .localOperator) }
        if engine == .sqlite {
            _ = try await store.saveImportMapping(name: "values", mapping: Self.mapping, by: .localOperator)
            try await store.close()
            let bytes = try fixture.diskBytes()
            #expect(!bytes.contains(Data("name-canary-4410".utf8)) && !bytes.contains(Data("canary-7731".utf8)), "names and mappings are sealed")
        } else {
            try await store.close()
        }
    }

    @Test(arguments: Engine.available)
    func aNameMustBeGivenAndAMappingStaysSmall(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        for name in ["", "   ", String(repeating: "가", count: SQLStore.mappingNameLimit + 1)] {
            await #expect(throws: StoreError.self) { try await store.saveImportMapping(name: name, mapping: "{}", by: .localOperator) }
        }
        let large = "\"" + String(repeating: "a", count: SQLStore.mappingSizeLimit) + "\""
        await #expect(throws: StoreError.self) { try await store.saveImportMapping(name: "large", mapping: large, by: .localOperator) }
        #expect(try await store.importMappings().isEmpty)
        try await store.close()
    }

    @Test(arguments: Engine.available)
    func aSavedMappingOpensAfterTheKeysAreRotated(engine: Engine) async throws {
        let fixture = try await StoreFixture(engine)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        try await store.saveImportMapping(name: "NGO A", mapping: Self.mapping, by: .localOperator)
        let rotation = try await store.rotateDataKeys(by: .localOperator)
        #expect(rotation.finished)
        #expect(try await store.importMappings().map(\.mapping) == [Self.mapping])
        try await store.close()
        let reopened = try await fixture.reopened()
        #expect(try await reopened.importMappings().map(\.mapping) == [Self.mapping])
        try await reopened.close()
    }
}
