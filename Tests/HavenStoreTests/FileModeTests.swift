import Foundation
import HavenCore
@testable import HavenStore
import Testing

/// The database and the files SQLite makes beside it are their owner's alone (0600), whatever
/// the process's umask: the review found the database created world-readable (0644).
struct FileModeTests {
    func mode(_ path: String) throws -> Int {
        try #require((try FileManager.default.attributesOfItem(atPath: path))[.posixPermissions] as? Int)
    }

    @Test func theDatabaseAndItsWriteAheadLogAreReadableByTheirOwnerOnly() async throws {
        let fixture = try await StoreFixture(.sqlite)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        _ = try await store.create(Person(names: [PersonName("가상", script: .hangul, system: .southKorean)]), by: .localOperator)
        let path = fixture.directory.appendingPathComponent("haven.sqlite").path
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            let found = try mode(file)
            #expect(found == 0o600, "\(file) is \(String(found, radix: 8))")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "WAL mode makes a -wal file, which is checked too")
        try await store.close()
    }

    @Test func aDatabaseMadeLooseBeforeIsTightenedWhenOpened() async throws {
        let fixture = try await StoreFixture(.sqlite)
        defer { fixture.cleanUp() }
        let store = try await fixture.initialised()
        try await store.close()
        let path = fixture.directory.appendingPathComponent("haven.sqlite").path
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let reopened = try await fixture.reopened()
        #expect(try mode(path) == 0o600)
        try await reopened.close()
    }
}
