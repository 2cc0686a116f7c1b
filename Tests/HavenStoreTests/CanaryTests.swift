import Foundation
import HavenCore
import HavenCrypto
import HavenStore
import HavenTestSupport
import Logging
import Testing

/// Protected values never reach the disk or the log in plaintext.
@Suite
struct CanaryTests {
    let me = ActingIdentity.localOperator
    static let hangulCanary = "카나리아검은새된다"
    static let latinCanary = "CANARY-zq7-Xylophone-Marmalade"

    @Test func canaryStringsNeverReachTheSQLiteFilesOrTheLog() async throws {
        let fixture = try await StoreFixture(.sqlite)
        defer { fixture.cleanUp() }
        let logs = LogCapture()
        let store = try await SQLStore.open(fixture.location, logger: Logger(label: "canary") { _ in logs })
        try await store.initialise(master: fixture.master, scrypt: nil, by: me)
        var person = Person(names: [PersonName(Self.hangulCanary, script: .hangul, system: .southKorean),
                                    PersonName(Self.latinCanary, script: .latin, system: .passport)],
                            phone: "+82 10 5555 0199", address: "\(Self.latinCanary) street", notes: Self.hangulCanary)
        _ = try await store.create(person, by: me)
        person.notes = "\(Self.latinCanary) updated \(Self.hangulCanary)"
        _ = try await store.update(person, expectedVersion: 1, by: me)
        let event = Event(title: Self.hangulCanary, description: Self.latinCanary)
        _ = try await store.create(event, by: me)
        try await store.delete(Event.self, id: event.id, by: me)
        _ = try await store.get(Person.self, id: person.id, by: me)
        _ = try await store.search(RecordQuery(text: Self.hangulCanary), by: me)
        _ = try await store.lookup(kind: .person, field: "name", value: Self.latinCanary, by: me)
        // Bytes while the store is open (WAL and shared memory present) and after it closes.
        let whileOpen = try fixture.diskBytes()
        try await store.close()
        let afterClose = try fixture.diskBytes()
        for bytes in [whileOpen, afterClose] {
            for canary in [Self.hangulCanary, Self.latinCanary, "5555 0199"] {
                #expect(!bytes.contains(canary), "canary found on disk")
                #expect(!bytes.contains(canary.decomposedStringWithCanonicalMapping), "decomposed canary found on disk")
            }
        }
        #expect(whileOpen.count > 0)
        let logged = logs.text
        for canary in [Self.hangulCanary, Self.latinCanary] { #expect(!logged.contains(canary)) }
    }
}
