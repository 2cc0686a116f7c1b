import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Hummingbird
import HummingbirdTesting
import Testing

/// Compartments are shown by the name the organisation gave them, in the reader's language.
@Suite
struct CompartmentNamesTests {
    @Test func aLabelledCompartmentIsShownByItsLabelInEitherLanguage() async throws {
        try await TestServer.with { server in
            try await server.store.labelCompartment("alpha", LocalizedLabel(en: "North office", ko: "북부 사무소"), by: .localOperator)
            let person = try await server.store.create(Person(compartment: "alpha", names: [PersonName("가상 한", script: .hangul, system: .unknown)]),
                                                       by: .localOperator)
            let client = try await server.signIn(role: .documenter, compartments: ["alpha"])
            let korean = try await client.page("/records/person/\(person.record.id.wire)")
            #expect(korean.contains("<dd>북부 사무소</dd>") && !korean.contains("<dd>alpha</dd>"))
            let english = try await client.execute(uri: "/records/person/\(person.record.id.wire)", method: .get, headers: [.acceptLanguage: "en"])
            #expect(String(buffer: english.body).contains("<dd>North office</dd>"))
            #expect(try await server.store.auditLog().contains { $0.entry.action == "compartment.label" && $0.entry.recordID == "alpha" })

            try await server.store.labelCompartment("alpha", nil, by: .localOperator)
            #expect(try await client.page("/records/person/\(person.record.id.wire)").contains("<dd>alpha</dd>"), "without a label, the code")
            #expect(try await server.store.compartmentLabels().isEmpty)
        }
    }

    @Test func aLabelMustBeShortAndTheCodeAValidCompartment() async throws {
        try await TestServer.with { server in
            for (code, label) in [("alpha", LocalizedLabel(en: "North", ko: "")), ("alpha", LocalizedLabel(en: String(repeating: "x", count: 81), ko: "북부")),
                                  ("Not A Code", LocalizedLabel(en: "North", ko: "북부")), ("alpha", LocalizedLabel(en: " North", ko: "북부"))] {
                await #expect(throws: StoreError.self) { try await server.store.labelCompartment(code, label, by: .localOperator) }
            }
            let labels = try await server.store.compartmentLabels()
            #expect(labels.isEmpty)
            #expect(CompartmentNames().name(Compartment.default, .ko) == "기본 구획")
        }
    }
}
