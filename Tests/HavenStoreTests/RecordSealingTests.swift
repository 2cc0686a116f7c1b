import Foundation
import HavenCore
import HavenCrypto
import HavenFixtures
@testable import HavenStore
import Testing

/// A record is split into its coded fields and its sealed ones in one encoding; what is stored
/// is what encoding the whole record, parsing it back and encoding each part again gave, and it
/// opens to the same record.
@Suite
struct RecordSealingTests {
    let key = try! KeyWrapper(master: MasterKey.random()).newDataKey(compartment: Compartment.default, version: 1).0

    /// The parts the slow way: the record encoded whole, read back as a tree, and each part
    /// encoded again (how the store split records before).
    func partsTheSlowWay(_ record: some Record) throws -> (coded: String, plaintexts: [String: String]) {
        let data = try HavenJSON.encoder(instants: .stored).encode(record)
        guard case .object(var fields) = try HavenJSON.decoder(instants: .stored).decode(JSONValue.self, from: data) else {
            throw StoreError.corrupt("not an object")
        }
        fields["id"] = nil
        fields["compartment"] = nil
        var plaintexts: [String: String] = [:]
        for field in type(of: record).protectedFields {
            guard let value = fields.removeValue(forKey: field), value != .null else { continue }
            plaintexts[field] = String(decoding: try HavenJSON.encoder(instants: .stored).encode(value), as: UTF8.self)
        }
        return (String(decoding: try HavenJSON.encoder(instants: .stored).encode(JSONValue.object(fields)), as: UTF8.self), plaintexts)
    }

    func sealsAsBefore<R: Record>(_ record: R, codec: RecordCodec) throws {
        let row = try codec.seal(record, version: 2, at: Date(timeIntervalSince1970: 1_750_000_000))
        let expected = try partsTheSlowWay(record)
        #expect(row.coded == expected.coded, "\(R.kind.code)")
        let sealed = try HavenJSON.decoder().decode([String: String].self, from: Data(row.sealed.utf8))
        #expect(Set(sealed.keys) == Set(expected.plaintexts.keys), "\(R.kind.code)")
        for (field, base64) in sealed {
            let context = RecordCodec.context(kind: R.kind, id: record.id, version: 2, field: field, keyVersion: key.version)
            let plaintext = try key.open(try #require(Data(base64Encoded: base64)), for: context)
            #expect(String(decoding: plaintext, as: UTF8.self) == expected.plaintexts[field], "\(R.kind.code).\(field)")
        }
        let opened = try codec.open(R.self, row)
        #expect(try HavenJSON.encoder().encode(opened) == HavenJSON.encoder().encode(record), "\(R.kind.code)")
    }

    @Test func everyRecordKindIsSplitAsEncodingParsingAndEncodingAgainSplitIt() throws {
        let key = self.key
        let codec = RecordCodec { _, _ in key }
        var records: [any Record] = DemoDataset.records() + DemoHistory.records(incidents: 300, today: Date(timeIntervalSince1970: 1_790_000_000), seed: 31)
        let subject = records.first { $0 is Person }!.id
        records.append(Attachment(subjectID: subject, fileName: "진술서.pdf", mediaType: "application/pdf", content: Data((0..<300).map { UInt8($0 % 256) }),
                                  custody: [CustodyEntry(at: "2025-03-01", actor: "기록관", action: "received", note: "원본 \"사본\"\n")]))
        records.append(Place(code: "TEST-2", nameHangul: "시험", nameRomanised: "Siheom", placeKind: .city, country: "CN",
                             latitude: 42.903_21, longitude: 129.5))
        var kinds = Set<RecordKind>()
        for record in records {
            try sealsAsBefore(record, codec: codec)
            kinds.insert(type(of: record).kind)
        }
        #expect(kinds == Set(RecordKind.allCases))
    }
}
