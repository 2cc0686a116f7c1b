import ArgumentParser
import Foundation
import HavenCore
import HavenReports
import HavenServer
import HavenStore

extension Report {
    /// `haven report brokers`: every broker and facilitating organisation with counts and flags,
    /// or one's track record.
    struct Brokers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "brokers",
            abstract: "Brokers' and facilitating organisations' track records and risk flags (for review, never a verdict).",
            discussion: """
            Without --id: one line per broker or organisation, flagged first, tab-separated: record, name,
            rescue requests, arrests linked, flags. With --id: its flags, each with its reasons and records.

            Examples:
              haven report brokers --data /srv/haven
              haven report brokers --data /srv/haven --id 0b7e2f64-3a51-4c1e-9d0a-5f1e2b3c4d5e
            """
        )

        @OptionGroup var options: Report.Options
        @Option(help: "One person's or organisation's record id.") var id: String?

        func validate() throws {
            if let id, UUID(uuidString: id) == nil { throw ValidationError("--id must be a record id (UUID)") }
        }

        func run() async throws {
            let (thresholds, _) = try options.limits()
            let text = try await options.vault.withUnlocked(as: .localOperator) { store, _ in
                try await Self.text(store: store, actor: options.identity, thresholds: thresholds.risk, id: id.flatMap(UUID.init(uuidString:)))
            }
            print(text, terminator: "")
        }

        static func text(store: SQLStore, actor: ActingIdentity, thresholds: RiskThresholds, id: UUID?) async throws -> String {
            let brokers = try await Reports.brokers(repository: store, actor: actor, thresholds: thresholds)
            guard let id else {
                return brokers.map { broker in
                    [Report.ref(broker.subject), broker.name ?? "(withheld)", String(broker.record.requestsHandled), String(broker.record.arrestIncidents.count),
                     broker.record.flags.map(\.kind.code).joined(separator: ",")].joined(separator: "\t") + "\n"
                }.joined()
            }
            guard let broker = brokers.first(where: { $0.subject.id == id }) else {
                throw CLIError("no broker or facilitating organisation with that id within reach / 해당하는 브로커나 조직이 없습니다")
            }
            var lines = ["\(Report.ref(broker.subject))\t\(broker.name ?? "(withheld)")",
                         "A flag is an indicator for review, never a verdict. / 경고 표시는 검토를 위한 지표이며 판정이 아닙니다."]
            for flag in broker.record.flags {
                lines.append("- \(Report.both(flag.kind.label)): \(flag.explanation.en) / \(flag.explanation.ko)")
                lines.append("  records: " + flag.records.map(Report.ref).joined(separator: " "))
            }
            if broker.record.flags.isEmpty { lines.append("No flag. / 위험 표시 없음.") }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// `haven report indicators`: a rescue request's trap indicators.
    struct Indicators: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "indicators",
            abstract: "A rescue request's trap indicators, each with its reasons and records (for review, never a verdict).",
            discussion: """
            Example:
              haven report indicators --data /srv/haven --request 0b7e2f64-3a51-4c1e-9d0a-5f1e2b3c4d5e
            """
        )

        @OptionGroup var options: Report.Options
        @Option(help: "The rescue request's id.") var request: String

        func validate() throws {
            if UUID(uuidString: request) == nil { throw ValidationError("--request must be a record id (UUID)") }
        }

        func run() async throws {
            let (thresholds, _) = try options.limits()
            let text = try await options.vault.withUnlocked(as: .localOperator) { store, _ in
                try await Self.text(store: store, actor: options.identity, thresholds: thresholds.trap, request: UUID(uuidString: request)!)
            }
            print(text, terminator: "")
        }

        static func text(store: SQLStore, actor: ActingIdentity, thresholds: TrapThresholds, request id: UUID) async throws -> String {
            let found: (request: RescueRequest, indicators: [TrapIndicator])
            do { found = try await Reports.trapIndicators(request: id, repository: store, actor: actor, thresholds: thresholds, today: Date()) } catch StoreError.notFound {
                throw CLIError("no rescue request with that id within reach / 해당하는 구출 요청이 없습니다")
            }
            var lines = ["rescue_request:\(id.wire)",
                         "Indicators are for review, never a verdict. / 징후는 검토를 위한 것이며 판정이 아닙니다."]
            for indicator in found.indicators {
                lines.append("- \(Report.both(indicator.kind.label)): \(indicator.explanation.en) / \(indicator.explanation.ko)")
                lines.append("  records: " + indicator.records.map(Report.ref).joined(separator: " "))
            }
            if found.indicators.isEmpty { lines.append("No indicator. / 징후 없음.") }
            for item in VerificationItem.allCases {
                lines.append("[\(found.request.checked(item) ? "x" : " ")] \(Report.both(item.label))")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
