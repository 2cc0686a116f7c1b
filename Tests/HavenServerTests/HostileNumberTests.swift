import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PropertyBased
import Testing

/// Numbers that cross the boundary: every numeric field of every JSON body, form and query
/// string, given values no `Int` holds (1e19, 1e300, 2^63), fractions, negatives, NaN and
/// infinities written as text. Each is refused with 400 or 422 naming the field, never a 5xx;
/// a trap would stop the test process itself, so a run that finishes is the proof that no such
/// request ends the server.
@Suite(.serialized)
struct HostileNumberTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    /// JSON number literals that no field of Haven takes as they are, or only by its range.
    static let literals = ["1e19", "-1e19", "1e300", "-1e300", "1.7976931348623157e308", "9223372036854775807", "9223372036854775808",
                           "-9223372036854775809", "4611686018427387904", "123456789012345678901234567890", "1.5", "-1", "1e-400", "-0"]

    /// A numeric field of a JSON body: where it is, and a valid body with `###` where the number goes.
    struct Field: CustomStringConvertible, Sendable {
        let method: HTTPRequest.Method
        let path: String
        let name: String
        let body: String
        var description: String { "\(method.rawValue) \(path) \(name)" }
    }

    static func fields(event: UUID, person: UUID) -> [Field] {
        let event = event.uuidString.lowercased(), person = person.uuidString.lowercased()
        let name = #""names":[{"value":"가상","script":"hangul","system":"south_korean"}]"#
        return [
            Field(method: .post, path: "/api/search", name: "limit", body: #"{"limit": ###}"#),
            Field(method: .post, path: "/api/search", name: "offset", body: #"{"offset": ###}"#),
            Field(method: .put, path: "/api/persons/\(person)", name: "version", body: "{\"version\": ###, \(name)}"),
            Field(method: .post, path: "/api/persons", name: "ageRange.minimum", body: "{\(name), \"ageRange\": {\"minimum\": ###, \"maximum\": 40}}"),
            Field(method: .post, path: "/api/persons", name: "ageRange.maximum", body: "{\(name), \"ageRange\": {\"minimum\": 30, \"maximum\": ###}}"),
            Field(method: .post, path: "/api/victim-groups", name: "size", body: "{\"eventID\": \"\(event)\", \"size\": ###}"),
            Field(method: .post, path: "/api/victim-groups", name: "women", body: "{\"eventID\": \"\(event)\", \"size\": 15, \"women\": ###, \"men\": ###}"),
            Field(method: .post, path: "/api/victim-groups", name: "children", body: "{\"eventID\": \"\(event)\", \"size\": 15, \"children\": ###}"),
            Field(method: .post, path: "/api/rescue-requests", name: "fee.amount", body: #"{"fee": {"amount": ###, "currency": "KRW"}}"#),
            Field(method: .post, path: "/api/rescue-requests", name: "groupSize", body: #"{"groupSize": ###}"#),
            Field(method: .post, path: "/api/places", name: "latitude", body: #"{"code": "X-TEST", "nameHangul": "가상", "nameRomanised": "Gasang", "placeKind": "city", "country": "CN", "latitude": ###}"#),
            Field(method: .post, path: "/api/incidents", name: "groups[0].size",
                  body: #"{"event": {"title": "가상"}, "actType": "arrest", "groups": [{"size": ###}]}"#),
            Field(method: .post, path: "/api/incidents", name: "groups[0].women",
                  body: #"{"event": {"title": "가상"}, "actType": "arrest", "groups": [{"size": 15, "women": ###, "men": ###}]}"#),
            Field(method: .post, path: "/api/tokens", name: "expiresInDays", body: #"{"label": "가상", "expiresInDays": ###}"#),
        ]
    }

    /// Sends `literal` into a field and checks the answer: a success only when the number is
    /// one the field takes, otherwise 400 or 422 naming the field.
    func send(_ literal: String, into field: Field, _ client: SignedInClient) async throws {
        let body = field.body.replacingOccurrences(of: "###", with: literal)
        let response = try await client.execute(uri: field.path, method: field.method, headers: Self.json, body: ByteBuffer(string: body))
        let text = String(buffer: response.body)
        #expect(response.status.code < 500, "\(field) = \(literal) answered \(response.status): \(text)")
        // Foundation's parser refuses a number no Double holds (1e-400, 2e308) as a whole
        // document: that body cannot be read at all, and says so.
        if !Self.isDouble(literal) && response.status == .badRequest && text.contains("not valid JSON") { return }
        if response.status.code >= 400 {
            #expect([400, 422].contains(response.status.code), "\(field) = \(literal) answered \(response.status)")
            let last = String(field.name.split(separator: ".").last ?? "")
            #expect(text.contains(last) || text.contains(field.name), "\(field) = \(literal): the refusal does not name the field: \(text)")
        }
    }

    /// Whether a literal is a finite Double that is not a nonzero number rounded to 0.
    static func isDouble(_ literal: String) -> Bool {
        guard let value = Double(literal), value.isFinite else { return false }
        return value != 0 || !literal.split(separator: "e")[0].contains(where: { "123456789".contains($0) })
    }

    func setUp(_ server: TestServer) async throws -> (SignedInClient, UUID, UUID) {
        let event = try await server.store.create(Event(compartment: "alpha", title: "가상"), by: .localOperator).record
        let person = try await server.store.create(Person(compartment: "alpha", names: [PersonName("가상", script: .hangul, system: .southKorean)]),
                                                   by: .localOperator).record
        let client = try await server.signIn(role: .analyst, compartments: ["alpha"])
        return (client, event.id, person.id)
    }

    @Test func everyNumericJSONFieldRefusesExtremeLiteralsByName() async throws {
        try await TestServer.with { server in
            let (client, event, person) = try await setUp(server)
            for field in Self.fields(event: event, person: person) {
                for literal in Self.literals { try await send(literal, into: field, client) }
            }
            // The review's own requests.
            let search = try await client.execute(uri: "/api/search", method: .post, headers: Self.json, body: ByteBuffer(string: #"{"limit": 1e19}"#))
            #expect(search.status == .unprocessableContent && String(buffer: search.body).contains("limit"))
            let group = try await client.execute(uri: "/api/victim-groups", method: .post, headers: Self.json, body: ByteBuffer(string: """
                {"eventID": "\(event.uuidString)", "size": 10, "women": 4611686018427387904, "men": 4611686018427387904}
                """))
            #expect(group.status == .unprocessableContent && String(buffer: group.body).contains("women"))
            let fee = try await client.execute(uri: "/api/rescue-requests", method: .post, headers: Self.json,
                                               body: ByteBuffer(string: #"{"fee": {"amount": 1e300, "currency": "KRW"}}"#))
            #expect(fee.status == .unprocessableContent && String(buffer: fee.body).contains("fee.amount"))
        }
    }

    @Test func randomNumbersAcrossTheWholeRangeNeverReachAServerError() async throws {
        try await TestServer.with { server in
            let (client, event, person) = try await setUp(server)
            let fields = Self.fields(event: event, person: person)
            // Mantissa and decimal exponent drawn apart: every magnitude is as likely as any
            // other (a uniform draw over the whole range would almost always give ~1e307).
            await propertyCheck(count: 60, input: Gen.double(in: -10...10), Gen.int(in: -320...308), Gen.int(in: 0...(fields.count - 1))) { mantissa, exponent, index in
                try? await send("\(mantissa)e\(exponent)", into: fields[index], client)
            }
            await propertyCheck(count: 60, input: Gen.int(), Gen.int(in: 0...(fields.count - 1))) { value, index in
                try? await send(String(value), into: fields[index], client)
            }
        }
    }

    /// Numbers as text in query strings and forms, where `Double` reads "nan" and "inf".
    static let texts = ["1e19", "1e300", "9223372036854775808", "-9223372036854775809", "4611686018427387904", "NaN", "inf", "-inf",
                        "1.5", "-1", "0x10", "١٢", "", "+5", " 5"]

    @Test func queryStringNumbersAreRangeCheckedByName() async throws {
        try await TestServer.with { server in
            let (client, _, _) = try await setUp(server)
            for text in Self.texts {
                let encoded = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                for (path, field) in [("/api/search", "limit"), ("/api/search", "offset"), ("/api/persons", "limit"), ("/api/events", "offset")] {
                    let response = try await client.execute(uri: "\(path)?\(field)=\(encoded)", method: .get)
                    #expect(response.status.code < 500, "\(path)?\(field)=\(text) answered \(response.status)")
                    if response.status.code >= 400 { #expect(String(buffer: response.body).contains(field)) }
                }
            }
        }
    }

    @Test func formNumbersAreRangeCheckedByName() async throws {
        try await TestServer.with { server in
            let (client, _, _) = try await setUp(server)
            for text in Self.texts where !text.isEmpty {
                let incident = try await client.postForm("/records/event/new", [
                    "title": "가상", "actType": "arrest", "rows.groups": "1", "groups[0].women": text, "groups[0].men": text, "groups[0].children": text,
                ])
                #expect(incident.status.code < 500, "groups[0].women = \(text) answered \(incident.status)")
                let rescue = try await client.postForm("/records/rescue_request/new", ["fee.amount": text, "fee.currency": "KRW", "groupSize": text])
                #expect(rescue.status.code < 500, "fee.amount = \(text) answered \(rescue.status)")
            }
            // 2^62 three times overflowed the sum of a group's parts.
            let parts = try await client.postForm("/records/event/new", [
                "title": "가상", "actType": "arrest", "rows.groups": "1", "groups[0].women": "4611686018427387904", "groups[0].men": "4611686018427387904",
                "groups[0].children": "4611686018427387904",
            ])
            #expect(parts.status == .unprocessableContent)
        }
    }

    /// A value stored before its field was range-checked must still render: pages and
    /// indicators format it without converting it to `Int`.
    @Test func anExtremeStoredAmountRendersWithoutATrap() throws {
        for amount in [1e300, -1e300, Double.infinity, Double.nan, 9.3e18, 1_500_000, 12.5] {
            let request = RescueRequest(fee: Money(amount: amount, currency: "KRW"), groupSize: 3)
            let values = RescueRequestForm.values(of: request)
            #expect(values["fee.amount"]?.isEmpty == false)
            #expect(!request.problems(in: ValidationContext()).isEmpty || (0...Limits.feeAmount).contains(amount))
            for language in Language.allCases {
                let html = RecordPage.make(AnyStored(record: request, version: 1, updatedAt: Date()), versions: [], seesProtected: true,
                                           language: language).render(language, account: PageUser(username: "가상", csrf: "c"))
                #expect(html.contains("KRW"))
            }
        }
        #expect(RescueRequestForm.values(of: RescueRequest(fee: Money(amount: 1_500_000, currency: "KRW")))["fee.amount"] == "1500000")
        #expect(WholeNumber.amountText(1e300).count > 300, "a huge amount prints in full")
    }
}
