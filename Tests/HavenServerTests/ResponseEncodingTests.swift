import Foundation
import HavenCore
import HavenFixtures
@testable import HavenServer
import HavenStore
import Testing

/// The API's responses are written by `SortedJSONEncoder`; what a client receives is byte for
/// byte what Foundation's `JSONEncoder` with Haven's settings would have written.
@Suite
struct ResponseEncodingTests {
    /// The demo's records and a generated history, with an attachment (whose bytes are base64)
    /// and a place with coordinates, at several versions and instants.
    static func stored() -> [AnyStored] {
        var records: [any Record] = DemoDataset.records() + DemoHistory.records(incidents: 400, today: Date(timeIntervalSince1970: 1_790_000_000), seed: 23)
        let subject = records.first { $0 is Person }!.id
        records.append(Attachment(subjectID: subject, fileName: "증언 녹취/1.txt", mediaType: "text/plain", content: Data((0..<200).map { UInt8($0) }),
                                  sha256: String(repeating: "ab", count: 32),
                                  custody: [CustodyEntry(at: "2025-03-01T09:30:00Z", actor: "기록관 \"A\"", action: "received", note: "line\nbreak\ttab")]))
        records.append(Place(code: "TEST-1", nameHangul: "시험", nameRomanised: "Test place / Siheom", placeKind: .city, country: "CN",
                             parentCode: "CN-JL", latitude: 42.903_21, longitude: -129.5))
        return records.enumerated().map { index, record in
            AnyStored(record: record, version: index % 7 + 1, updatedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(index) * 3_601.25))
        }
    }

    @Test func everyRecordKindIsWrittenByteForByteAsJSONEncoderWritesIt() throws {
        let stored = Self.stored()
        #expect(Set(stored.map(\.kind)) == Set(RecordKind.allCases))
        for redact in [false, true] {
            // Pages of fifty, as a search answers, and each record alone, as a read by id.
            for start in stride(from: 0, to: stored.count, by: 50) {
                let page = PageEnvelope(items: stored[start..<min(start + 50, stored.count)].map { AnyRecordEnvelope(stored: $0, redact: redact) },
                                        total: stored.count, offset: start, limit: 50)
                #expect(try SortedJSONEncoder().encode(page) == Array(try HavenJSON.encoder().encode(page)), "page at \(start), redacted: \(redact)")
            }
        }
        // Each record alone, as a read by id answers (a deleted one says so).
        func both<R: Record>(_ record: R, _ item: AnyStored, redact: Bool) throws -> (written: [UInt8], expected: [UInt8]) {
            let envelope = RecordEnvelope(Stored(record: record, version: item.version, updatedAt: item.updatedAt, deleted: item.version == 3), redact: redact)
            return (try SortedJSONEncoder().encode(envelope), Array(try HavenJSON.encoder().encode(envelope)))
        }
        for item in stored {
            for redact in [false, true] {
                let (written, expected) = try both(item.record, item, redact: redact)
                #expect(written == expected, "\(item.kind.code), redacted: \(redact)")
            }
        }
    }
}
