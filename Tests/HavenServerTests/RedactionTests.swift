import Foundation
import HavenCore
import HavenFixtures
@testable import HavenServer
import HavenStore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A reviewer reads records with their protected fields withheld, cannot find them through
/// what those fields contain, and every such read is in the access log as redacted, with the
/// address it came from.
@Suite
struct RedactionTests {
    static let name = "한검토"

    func person() -> Person {
        Person(compartment: Compartment.default, names: [PersonName(Self.name, script: .hangul, system: .southKorean)])
    }

    /// Encodes a record as the API's envelopes do, redacted.
    struct Redacted<R: Record>: Encodable {
        let record: R
        enum CodingKeys: String, CodingKey { case record, redacted }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try Redaction.encode(record, redact: true, into: &container, recordKey: .record, redactedKey: .redacted)
        }
    }

    /// What redaction must give, the slow way: the whole record encoded, read back, and its
    /// protected fields removed, those with a value named as withheld.
    func removedAfterEncoding(_ record: some Record) throws -> JSONValue {
        guard case .object(var object) = try HavenJSON.decoder().decode(JSONValue.self, from: try HavenJSON.encoder().encode(record)) else {
            throw CocoaError(.coderInvalidValue)
        }
        var withheld: [JSONValue] = []
        for field in type(of: record).protectedFields.sorted() {
            if let value = object.removeValue(forKey: field), value != .null { withheld.append(.string(field)) }
        }
        return .object(["record": .object(object), "redacted": .array(withheld)])
    }

    @Test func leavingProtectedFieldsOutAsTheRecordIsEncodedGivesWhatRemovingThemAfterwardsGave() throws {
        func redacted(_ record: some Record) throws -> JSONValue {
            try HavenJSON.decoder().decode(JSONValue.self, from: try HavenJSON.encoder().encode(Redacted(record: record)))
        }
        let records = DemoDataset.records() + DemoHistory.records(incidents: 400, today: Date(timeIntervalSince1970: 1_790_000_000), seed: 11)
        var withheldSomething = Set<RecordKind>()
        for record in records {
            let expected = try removedAfterEncoding(record)
            let kind = type(of: record).kind
            #expect(try redacted(record) == expected, "\(kind.code)")
            if case .object(let envelope) = expected, envelope["redacted"] != JSONValue.array([]) { withheldSomething.insert(kind) }
        }
        // Every kind with protected fields was tried with some of them filled.
        let protectedKinds = Set(RecordKind.allCases.filter { !RecordTypes.type(for: $0).protectedFields.isEmpty && $0 != .attachment })
        #expect(withheldSomething == protectedKinds)
    }

    @Test func aReviewerSeesCodedFieldsAndTheNamesOfTheProtectedFieldsWithheld() async throws {
        try await TestServer.with { server in
            let person = person()
            _ = try await server.store.create(person, by: .localOperator)
            let reviewer = try await server.signIn(role: .reviewer, compartments: [Compartment.default])
            let id = person.id.uuidString.lowercased()

            for uri in ["/api/persons/\(id)", "/api/persons", "/api/search?kind=person", "/api/persons/\(id)/history"] {
                let response = try await reviewer.execute(uri: uri, method: .get)
                #expect(response.status == .ok, "\(uri)")
                let body = String(buffer: response.body)
                #expect(!body.contains(Self.name), "\(uri) shows a protected name to a reviewer")
                #expect(body.lowercased().contains(id), "\(uri) does not show the record at all")
                #expect(body.contains("\"redacted\":["), "\(uri) does not say which fields it withheld: \(body)")
            }
            let single = try jsonObject(try await reviewer.execute(uri: "/api/persons/\(id)", method: .get))
            let record = try #require(single["record"] as? [String: Any])
            #expect(record["names"] == nil)
            #expect((single["redacted"] as? [String])?.contains("names") == true)
            #expect(record["compartment"] as? String == Compartment.default)
        }
    }

    @Test func theSameRecordIsWholeForADocumenterAndForAReviewerGrantedProtectedFields() async throws {
        try await TestServer.with { server in
            let person = person()
            _ = try await server.store.create(person, by: .localOperator)
            let (_, secret) = try await server.makeAccount("granted", role: .reviewer, compartments: [Compartment.default],
                                                           protectedFieldsGranted: true)
            let granted = try await server.signIn("granted", secret: secret)
            let documenter = try await server.signIn(role: .documenter, compartments: [Compartment.default])
            for client in [granted, documenter] {
                let body = String(buffer: try await client.execute(uri: "/api/persons/\(person.id.uuidString)", method: .get).body)
                #expect(body.contains(Self.name))
                #expect(!body.contains("\"redacted\""))
            }
            // The posted search finds the same, with the text in the body rather than the URL.
            let posted = try await documenter.execute(uri: "/api/search", method: .post, headers: [.contentType: "application/json"],
                                                      body: ByteBuffer(string: #"{"q":"한검","kind":"person","limit":10}"#))
            #expect(posted.status == .ok && String(buffer: posted.body).lowercased().contains(person.id.uuidString.lowercased()))
            let badLimit = try await documenter.execute(uri: "/api/search", method: .post, headers: [.contentType: "application/json"],
                                                        body: ByteBuffer(string: #"{"q":"한검","limit":[1]}"#))
            #expect(badLimit.status == .unprocessableContent && String(buffer: badLimit.body).contains("limit"))
            // The grant opens text search and lookup too.
            let search = try await granted.execute(uri: "/api/search?q=%ED%95%9C%EA%B2%80", method: .get)
            #expect(search.status == .ok)
            #expect(String(buffer: search.body).lowercased().contains(person.id.uuidString.lowercased()))
        }
    }

    @Test func aReviewerCannotProbeProtectedValuesBySearchOrLookup() async throws {
        try await TestServer.with { server in
            _ = try await server.store.create(person(), by: .localOperator)
            let reviewer = try await server.signIn(role: .reviewer, compartments: [Compartment.default])
            // 한검 percent-encoded: a two-syllable probe for the name.
            let search = try await reviewer.execute(uri: "/api/search?q=%ED%95%9C%EA%B2%80", method: .get)
            #expect(search.status == .forbidden)
            #expect(String(buffer: search.body).contains("redacted"))
            let list = try await reviewer.execute(uri: "/api/persons?q=%ED%95%9C%EA%B2%80", method: .get)
            #expect(list.status == .forbidden)
            let lookup = try await reviewer.execute(
                uri: "/api/lookup", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"kind":"person","field":"name","value":"\#(Self.name)"}"#))
            #expect(lookup.status == .forbidden)
        }
    }

    @Test func redactedReadsAreLoggedAsRedactedWithTheirOrigin() async throws {
        try await TestServer.with { server in
            let person = person()
            _ = try await server.store.create(person, by: .localOperator)
            let reviewer = try await server.signIn(role: .reviewer, compartments: [Compartment.default])
            let documenter = try await server.signIn(role: .documenter, compartments: [Compartment.default])
            _ = try await reviewer.execute(uri: "/api/persons/\(person.id.uuidString)", method: .get)
            _ = try await documenter.execute(uri: "/api/persons/\(person.id.uuidString)", method: .get)
            let reads = try await server.store.auditLog().map(\.entry).filter {
                $0.action == "read" && $0.recordID == person.id.uuidString.lowercased()
            }
            #expect(reads.count == 2)
            #expect(reads[0].detail.contains("redacted"))
            #expect(!reads[1].detail.contains("redacted"))
            #expect(reads.allSatisfy { $0.detail.contains("from=") })
            #expect(reads[0].actor != reads[1].actor)
        }
    }

    /// The review bisected the from/to filters (about 12 queries) to an event's exact date, and
    /// read events' and fees' dates on an intervention's page and a broker's track record.
    @Test func aReviewerLearnsAProtectedDateToItsYearAndNoFiner() async throws {
        try await TestServer.with { server in
            let event = try await server.store.create(Event(compartment: Compartment.default, title: "가상 체포", startDate: try FuzzyDate(parsing: "2024-04-17")),
                                                      by: .localOperator).record
            let reviewer = try await server.signIn(role: .reviewer, compartments: [Compartment.default])
            let analyst = try await server.signIn(role: .analyst, compartments: [Compartment.default])
            func total(_ client: SignedInClient, _ from: String, _ to: String) async throws -> Int? {
                try jsonObject(try await client.execute(uri: "/api/events?from=\(from)&to=\(to)", method: .get))["total"] as? Int
            }
            // Every day-bounded window within the year answers as the whole year does.
            for (from, to) in [("2024-04-17", "2024-04-17"), ("2024-04-18", "2024-12-31"), ("2024-01-01", "2024-04-16"), ("2024-04", "2024-04"),
                               ("2024-05", "2024-06")] {
                #expect(try await total(reviewer, from, to) == 1, "\(from)…\(to)")
            }
            #expect(try await total(reviewer, "2025-01-01", "2025-12-31") == 0)
            #expect(try await total(analyst, "2024-04-18", "2024-12-31") == 0, "who sees the date filters by it exactly")
            #expect(try await total(analyst, "2024-04-17", "2024-04-17") == 1)

            // Pages show the year only.
            let intervention = try await server.store.create(Intervention(compartment: Compartment.default, subjectIDs: [event.id], partyName: "가상 부처",
                                                                          channel: .letter, request: "가상 요청", status: .draft), by: .localOperator).record
            let page = try await reviewer.page("/records/intervention/\(intervention.id.uuidString.lowercased())")
            #expect(page.contains("2024년") && !page.contains("4월 17일") && !page.contains("2024년 4월"))
            let broker = try await server.store.create(Person(compartment: Compartment.default, names: [PersonName("가상 브로커", script: .hangul, system: .southKorean)]),
                                                       by: .localOperator).record
            _ = try await server.store.create(RescueRequest(compartment: Compartment.default, brokerID: broker.id, fee: Money(amount: 9_000_000, currency: "KRW"),
                                                            timeline: [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2024-03-09"))]),
                                              by: .localOperator)
            let record = try await reviewer.page("/reports/brokers/person/\(broker.id.uuidString.lowercased())")
            #expect(record.contains("9000000 KRW") && record.contains(">2024년<") && !record.contains("3월 9일"))
            let api = String(buffer: try await reviewer.execute(uri: "/api/reports/brokers/person/\(broker.id.uuidString.lowercased())", method: .get).body)
            #expect(api.contains("\"date\":\"2024\"") && !api.contains("2024-03"))
            let full = try await analyst.page("/reports/brokers/person/\(broker.id.uuidString.lowercased())")
            #expect(full.contains("2024년 3월 9일"), "who sees the date sees it whole")
        }
    }
}
