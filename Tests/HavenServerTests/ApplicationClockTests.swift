import Foundation
import HavenCore
@testable import HavenServer
import HavenStore
import Testing

/// Pages and answers read today from the application's one clock (the authenticator's, which
/// the test server moves by hand), never from the machine's: a deadline passes when the clock
/// passes it, and a new form proposes the clock's day.
@Suite
struct ApplicationClockTests {
    @Test func anInterventionBecomesOverdueWhenTheClockPassesItsDeadline() async throws {
        try await TestServer.with { server in
            // The test clock starts on 2027-01-15; the deadline is two weeks after.
            let intervention = Intervention(partyName: "가상 외교부", channel: .letter, dateSent: try FuzzyDate(parsing: "2027-01-10"),
                                            request: "가상 요청", deadline: try FuzzyDate(parsing: "2027-02-01"), status: .sent)
            _ = try await server.store.create(intervention, by: .localOperator)
            let (_, secret) = try await server.makeAccount("clock-analyst", role: .analyst, compartments: [Compartment.default])
            let path = "/records/intervention/\(intervention.id.wire)"
            #expect(!(try await server.signIn("clock-analyst", secret: secret).page(path)).contains(WebText.overdue.ko))
            // A month on, the session has ended too: sign in again.
            server.clock.advance(30 * 86_400)
            #expect(try await server.signIn("clock-analyst", secret: secret).page(path).contains(WebText.overdue.ko))
        }
    }

    @Test func aNewInterventionFormProposesTheClocksDay() async throws {
        try await TestServer.with { server in
            let (_, secret) = try await server.makeAccount("clock-writer", role: .documenter, compartments: [Compartment.default])
            let first = try await server.signIn("clock-writer", secret: secret).page("/records/intervention/new")
            #expect(first.contains("value=\"2027-01-15\""), "the test clock's day, not the machine's")
            server.clock.advance(86_400)
            #expect(try await server.signIn("clock-writer", secret: secret).page("/records/intervention/new").contains("value=\"2027-01-16\""))
        }
    }
}
