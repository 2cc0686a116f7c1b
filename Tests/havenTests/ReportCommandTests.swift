import ArgumentParser
import Foundation
@testable import haven
import HavenCore
import HavenReports
import HavenServer
import HavenStats
import HavenStore
import Testing

/// `haven report`: the same reports as the pages, from the vault, parsed from argument arrays.
@Suite(.serialized)
struct ReportCommandTests {
    let cli = CommandLineTests()

    @Test func reportsReadTheVaultAndMarkUnansweredInterventions() async throws {
        let scratch = try CommandLineTests.Scratch()
        let vault = ["--data", scratch.path("a"), "--key-file", scratch.path("a.key")]
        try await cli.haven(["init"] + vault)
        let broker = Person(compartment: "alpha", names: [PersonName("가상 브로커 한", script: .hangul, system: .unknown)])
        let (request, late) = try await cli.withStore(scratch, vault: "a", key: "a.key") { store in
            let event = Event(compartment: "alpha", title: "가상 함정", startDate: try FuzzyDate(parsing: "2025-01-15"), placeCode: "KP-10-HYESAN")
            let act = Act(compartment: "alpha", eventID: event.id, actType: .stateEntrapment, date: event.startDate, placeCode: "KP-10-HYESAN")
            let involvement = Involvement(compartment: "alpha", actID: act.id, personID: broker.id, role: .coercedFacilitator)
            let request = RescueRequest(compartment: "alpha", contactInitiatedBy: .broker, brokerID: broker.id, placeCode: "KP-10-HYESAN",
                                        timeline: [RescueStatusChange(status: .received, date: try FuzzyDate(parsing: "2025-03-01"))])
            let late = Intervention(compartment: "alpha", partyName: "가상국 외교부", channel: .diplomaticNote, dateSent: try FuzzyDate(parsing: "2025-01-01"),
                                    request: "가상 요청", deadline: try FuzzyDate(parsing: "2025-01-31"), status: .sent)
            _ = try await store.importRecords([broker, event, act, involvement, request, late], by: .localOperator)
            return (request, late)
        }
        // Imported already past its deadline, it is kept as unanswered from the start; the
        // sweep then has nothing left to mark.
        try await cli.haven(["report", "mark-unanswered"] + vault)
        let marked = try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.get(Intervention.self, id: late.id, by: .localOperator) }
        #expect(marked.record.response == .noResponse && marked.record.status == .overdue && marked.version == 1)

        let parsedBrokers = try Report.Brokers.parse(vault + ["--id", broker.id.uuidString])
        #expect(parsedBrokers.id == broker.id.uuidString)
        let brokers = try await cli.withStore(scratch, vault: "a", key: "a.key") { store in
            try await Report.Brokers.text(store: store, actor: .localOperator, thresholds: RiskThresholds(), id: nil)
        }
        #expect(brokers.hasPrefix("person:\(broker.id.uuidString.lowercased())\t가상 브로커 한\t1\t0\tentrapment\n"))
        let indicators = try await cli.withStore(scratch, vault: "a", key: "a.key") { store in
            try await Report.Indicators.text(store: store, actor: .localOperator, thresholds: TrapThresholds(), request: request.id)
        }
        #expect(indicators.contains("- The broker made the first contact / 브로커가 먼저 연락함")
                && indicators.contains("Someone in the chain is linked to an earlier entrapment")
                && indicators.contains("[ ] The requester's identity is confirmed"))
        // Narrowed to another compartment, nothing is within reach.
        let beta = ActingIdentity(id: ActingIdentity.localOperator.id, displayName: "Local operator", compartments: ["beta"])
        await #expect(throws: CLIError.self) {
            _ = try await cli.withStore(scratch, vault: "a", key: "a.key") { store in
                try await Report.Indicators.text(store: store, actor: beta, thresholds: TrapThresholds(), request: request.id)
            }
        }
        let parties = try await cli.withStore(scratch, vault: "a", key: "a.key") { try await Report.Parties.text(store: $0, actor: .localOperator) }
        #expect(parties == "가상국 외교부\t1\t0\t1\t1\t-\n")

        // Trends to a file; a month that does not parse is refused by name.
        try await cli.haven(["report", "trends"] + vault + ["--type", "state_entrapment", "--from", "2025-01", "--to", "2025-03", "--output", scratch.path("t.csv")])
        let csv = try String(contentsOfFile: scratch.path("t.csv"), encoding: .utf8)
        #expect(csv.contains("2025-01,KP-10,state_entrapment,1\n"))
        try await cli.haven(["report", "trends"] + vault + ["--type", "state_entrapment", "--from", "2025-01", "--to", "2025-03", "--shared", "--output", scratch.path("s.csv")])
        #expect(try String(contentsOfFile: scratch.path("s.csv"), encoding: .utf8).contains("2025-01,KP-10,state_entrapment,·\n"))
        // Refused as it is parsed, before the vault is opened, naming the option.
        let badMonth = #expect(throws: (any Error).self) { _ = try Report.Trends.parse(vault + ["--from", "2025-13"]) }
        #expect(badMonth.map { Report.Trends.message(for: $0).contains("--from") } == true)
        await #expect(throws: CLIError.self) { try await cli.haven(["report", "trends"] + vault + ["--region", "XX-NOWHERE"]) }
        #expect(throws: (any Error).self) { _ = try Report.Indicators.parse(vault + ["--request", "not-an-id"]) }

        // Official arrivals: a faulty file imports nothing and names its row; a good one replaces the figures.
        try Data("year,women,men\n2023,150,40\n2024,abc,1\n".utf8).write(to: URL(fileURLWithPath: scratch.path("bad.csv")))
        await #expect(throws: CLIError.self) { try await cli.haven(["report", "import-arrivals"] + vault + ["--source", "가상 보고", scratch.path("bad.csv")]) }
        #expect(try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.arrivals() }.figures.isEmpty)
        try Data("year,women,men\n2023,150,40\n".utf8).write(to: URL(fileURLWithPath: scratch.path("good.csv")))
        try await cli.haven(["report", "import-arrivals"] + vault + ["--source", "가상 보고", scratch.path("good.csv")])
        let arrivals = try await cli.withStore(scratch, vault: "a", key: "a.key") { try await $0.arrivals() }
        #expect(arrivals.figures == [ArrivalFigure(year: 2023, women: 150, men: 40)] && arrivals.source == "가상 보고")

        let statistics = try await cli.withStore(scratch, vault: "a", key: "a.key") { store in
            try await Reports.statisticsCSV(firstYear: 2023, lastYear: 2025, suppressBelow: 1, store: store, actor: .localOperator)
        }
        #expect(statistics.hasPrefix("table,act_type,column,people\n") && statistics.contains("official_arrivals,,2023,190\n"))
        await #expect(throws: (any Error).self) { try await cli.haven(["report", "statistics"] + vault + ["--from", "1800"]) }

        // A dossier needs --plaintext, is written owner-only and never over a file.
        #expect(throws: (any Error).self) { _ = try Report.Dossier.parse(vault + ["--party", "가상국 외교부", "--output", scratch.path("d.html")]) }
        #expect(throws: (any Error).self) { _ = try Report.Dossier.parse(vault + ["--event", UUID().uuidString, "--person", UUID().uuidString, "--output", "x", "--plaintext"]) }
        try await cli.haven(["report", "dossier"] + vault + ["--party", "가상국 외교부", "--from", "2025", "--language", "en", "--output", scratch.path("d.html"), "--plaintext"])
        let dossier = try String(contentsOfFile: scratch.path("d.html"), encoding: .utf8)
        #expect(dossier.contains("Dossier: 가상국 외교부") && dossier.contains("No response") && dossier.contains("<style>"))
        let permissions = try FileManager.default.attributesOfItem(atPath: scratch.path("d.html"))[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        await #expect(throws: CLIError.self) {
            try await cli.haven(["report", "dossier"] + vault + ["--party", "가상국 외교부", "--output", scratch.path("d.html"), "--plaintext"])
        }
    }
}

/// `haven report estimate`: per-stratum estimates as CSV, and the capture histories written for R
/// without any source's name.
struct ReportEstimateCommandTests {
    let cli = CommandLineTests()

    @Test func estimatesPerStratumAndHistoriesForR() async throws {
        let scratch = try CommandLineTests.Scratch()
        let vault = ["--data", scratch.path("e"), "--key-file", scratch.path("e.key")]
        try await cli.haven(["init"] + vault)
        let sources = [Source(name: "가상 활동가 을", sourceKind: .ngo), Source(name: "가상 일보", sourceKind: .media), Source(name: "가상 연구자 병", sourceKind: .researcher)]
        try await cli.withStore(scratch, vault: "e", key: "e.key") { store in
            var records: [any Record] = sources
            for i in 0..<120 {
                let person = Person(names: [PersonName("가상 사람 \(i)", script: .hangul, system: .southKorean)])
                let event = Event(title: "가상 체포 \(i)", startDate: try FuzzyDate(parsing: i < 60 ? "2024-03" : "2025-03"), placeCode: "CN-JL-YANJI")
                records += [person, event, Act(eventID: event.id, actType: .arrest, victimID: person.id, date: event.startDate, placeCode: "CN-JL-YANJI")]
                for (bit, source) in sources.enumerated() where (i % 7 + 1) & (1 << bit) != 0 {
                    records.append(Information(sourceID: source.id, subjectID: event.id))
                }
            }
            _ = try await store.importRecords(records, by: .localOperator)
        }
        let histories = scratch.path("histories.csv")
        try await cli.haven(["report", "estimate"] + vault + ["--act-type", "arrest", "--by", "year", "--method", "loglinear", "--histories", histories])
        let text = try String(contentsOfFile: histories, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.first == "year" && header.last == "Freq" && header.count == 5)
        #expect(sources.allSatisfy { !text.contains($0.name) }, "no source's name leaves the vault in the file")
        #expect(lines.dropFirst().map { Int($0.split(separator: ",").last!)! }.reduce(0, +) == 120)
        let mode = try FileManager.default.attributesOfItem(atPath: histories)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let command = try Report.Estimate.parse(vault + ["--act-type", "arrest", "--by", "year", "--method", "dga", "--minimum", "61"])
        let csv = try await cli.withStore(scratch, vault: "e", key: "e.key") { store in
            let table = try await EstimateReader.histories(EstimateQuery(actType: .arrest, by: [.year], minimumObserved: 61), repository: store, actor: .localOperator)
            return try command.rows(table, strata: [.year])
        }
        let rows = csv.split(separator: "\n").map(String.init)
        #expect(rows.first == "year,lists,observed,method,estimate,lower,upper,level,note")
        #expect(rows.count == 3 && rows[1].hasPrefix("2024,,60,dga,,,,,\"60 people, fewer than 61"), "a small stratum is refused with its reason")

        #expect(throws: (any Error).self) { try Report.Estimate.parse(vault + ["--act-type", "arrest", "--by", "month"]) }
        #expect(throws: (any Error).self) { try Report.Estimate.parse(vault + ["--act-type", "arrest", "--source", "not-an-id"]) }
        #expect(throws: (any Error).self) { try Report.Estimate.parse(vault + ["--act-type", "arrest", "--method", "guess"]) }
    }
}
