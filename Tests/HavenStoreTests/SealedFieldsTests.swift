import Foundation
import HavenCore
@testable import HavenStore
import Testing

/// The fast reader of a row's sealed part agrees with a JSON decoder on what Haven writes, and
/// hands everything else back to it.
struct SealedFieldsTests {
    @Test func readsWhatHavensEncoderWritesAsAJSONDecoderDoes() throws {
        let maps: [[String: String]] = [
            [:],
            ["name": "q83v+/AB=="],
            ["name": "AAAA", "notes": "b/c+d==", "birthDate": String(repeating: "x/+", count: 400)],
        ]
        for map in maps {
            let text = String(decoding: try HavenJSON.encoder().encode(map), as: UTF8.self)
            #expect(SealedFields.parse(text) == map)
            #expect(try JSONDecoder().decode([String: String].self, from: Data(text.utf8)) == map)
        }
    }

    @Test func leavesEscapesWhitespaceAndDuplicatesToTheJSONDecoder() {
        for text in [#"{"name":"a\/b"}"#, #"{ "name":"a"}"#, #"{"name":"a","name":"b"}"#, #"{"name":"a\u0041"}"#] {
            #expect(SealedFields.parse(text) == nil, "\(text)")
        }
    }

    @Test func refusesWhatIsNotAnObjectOfStrings() {
        for text in ["", "{", "}", "[]", #"{"name":1}"#, #"{"name":"a""#, #"{"name":"a",}"#, #"{"name""a"}"#, #"{"name":"a"}x"#, "{\"a\":\"\u{1}\"}"] {
            #expect(SealedFields.parse(text) == nil, "\(text)")
        }
    }
}
