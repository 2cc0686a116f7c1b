import Foundation
import HavenCore
@testable import HavenStore
import Testing

/// The index drops the postings of replaced records once they outnumber the live ones; after
/// that every way of finding a record (text, name in another spelling, kind, parent) still
/// finds each current record once.
@Suite
struct SearchIndexCompactionTests {
    @Test func anIndexCompactedAfterManyUpdatesStillFindsEveryRecordOnce() {
        let index = SearchIndex()
        let event = Event(title: "압축 시험 사건")
        let act = Act(eventID: event.id, actType: .arrest)
        index.upsert(AnyStored(record: event, version: 1, updatedAt: Date()))
        index.upsert(AnyStored(record: act, version: 1, updatedAt: Date()))
        var person = Person(names: [PersonName("김정숙", script: .hangul, system: .unknown)])
        for version in 1...80 {
            person.notes = String(repeating: "가나다라 ", count: 4_000) + "판 \(version)"
            index.upsert(AnyStored(record: person, version: version, updatedAt: Date()))
        }
        #expect(index.compactions >= 1, "80 replaced notes of 20,000 letters leave more than a million dead postings")
        #expect(index.count == 3)
        func total(_ query: RecordQuery) -> Int { index.query(query, within: nil).total }
        #expect(total(RecordQuery(text: "가나다")) == 1)
        #expect(total(RecordQuery(text: "판 80")) == 1 && total(RecordQuery(text: "판 79")) == 0, "only the current version's text")
        #expect(total(RecordQuery(text: "Kim Jeong-suk")) == 1)
        #expect(total(RecordQuery(kinds: [.person])) == 1 && total(RecordQuery(kinds: [.event, .act])) == 2)
        #expect(index.query(RecordQuery(parentID: event.id), within: nil).items.map(\.record.id) == [act.id])
        #expect(index.stored(id: person.id)?.version == 80)
    }
}
