import Foundation
import HavenCore
import HavenStore
import Hummingbird

/// The accountability reports of the JSON API: a rescue request's trap indicators and checklist.
/// Each report reads through the repository within the caller's compartments, audited like any
/// read, and says what it is: an indicator for review, never a verdict.
struct ReportController: Sendable {
    let repository: any Repository
    let thresholds: AccountabilityThresholds

    func addRoutes(to group: RouterGroup<HavenRequestContext>) {
        group.get("rescue-requests/:id/indicators", use: indicators)
    }

    @Sendable func indicators(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let actor = try context.actor()
        let rescue = try await repository.get(RescueRequest.self, id: try RecordController<RescueRequest>.id(context), by: actor).record
        let evidence = try await TrapEvidenceReader.evidence(for: rescue, repository: repository, actor: actor, thresholds: thresholds.trap)
        let found = TrapIndicators.assess(rescue, evidence: evidence, thresholds: thresholds.trap)
        let body: JSONValue = .object([
            "request": .string(rescue.id.uuidString.lowercased()),
            "note": .string("Indicators are for review, never a verdict; each names the records that raise it."),
            "indicators": .array(found.map { indicator in
                .object([
                    "kind": .string(indicator.kind.code),
                    "label": .object(["en": .string(indicator.kind.label.en), "ko": .string(indicator.kind.label.ko)]),
                    "explanation": .object(["en": .string(indicator.explanation.en), "ko": .string(indicator.explanation.ko)]),
                    "records": .array(indicator.records.map { .object(["kind": .string($0.kind.code), "id": .string($0.id.uuidString.lowercased())]) }),
                ])
            }),
            "checks": .array(VerificationItem.allCases.map { item in
                let done = rescue.checks?.first { $0.item == item && $0.done }
                return .object(["item": .string(item.code), "done": .bool(done != nil),
                                "date": done?.date.map { .string($0.description) } ?? .null])
            }),
        ])
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try RecordBody.encoder().encode(body))))
    }
}
