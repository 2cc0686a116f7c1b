import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import Testing

/// Query strings read as browsers, curl's `--data-urlencode` and Python's `urlencode` write
/// them: `+` is a space, `%2B` a plus.
struct QueryStringTests {
    @Test func aPlusIsASpaceAndAnEncodedPlusIsAPlus() {
        let fields = QueryString.fields(URI("/api/search?q=%EA%B0%80%EC%83%81+%EC%9D%B8%EC%A0%91%EA%B5%AD&type=a%2Bb&x+y=1&empty="))
        #expect(fields.get("q") == "가상 인접국")
        #expect(fields.get("type") == "a+b")
        #expect(fields.get("x y") == "1")
        #expect(fields.get("empty") == "")
        #expect(QueryString.fields(URI("/a?bad=%E0%A4%A")).get("bad") == "%E0%A4%A", "malformed percent-encoding is kept for the field's own check")
    }

    @Test func aSearchSentAsFormsSendItFindsTheRecord() async throws {
        try await TestServer.with { server in
            _ = try await server.store.create(Event(compartment: "alpha", title: "가상 인접국 국경 체포"), by: .localOperator)
            let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
            let plus = try await client.execute(uri: "/api/search?q=%EA%B0%80%EC%83%81+%EC%9D%B8%EC%A0%91%EA%B5%AD", method: .get)
            let body = try #require(JSONSerialization.jsonObject(with: Data(buffer: plus.body)) as? [String: Any])
            #expect(body["total"] as? Int == 1, "q=가상+인접국 finds the record titled 가상 인접국 …")
            let page = try await client.page("/records?q=%EA%B0%80%EC%83%81+%EC%9D%B8%EC%A0%91%EA%B5%AD")
            #expect(page.contains("가상 인접국 국경 체포"))
        }
    }
}
