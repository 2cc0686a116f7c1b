import Foundation
import HavenCore
import HavenStore
import Hummingbird

/// Decrypted exports under the two-person rule, at `/api/exports`: an analyst asks, a second
/// analyst or an administrator approves when the export is larger than the threshold, and the
/// requester downloads it once. Asking, deciding and downloading are each in the audit log.
struct ExportController: Controller {
    let environment: AppEnvironment

    var routes: [Route] {
        [
            Route(.post, "/api/exports", .permission(.requestExport),
                  api: .init("Ask for a decrypted export by kinds and compartments; above the threshold it waits for a second person",
                             body: .of(RequestBody.self), status: .created, response: .of(ExportRequest.self)), request),
            // Deciding needs the list of what waits; it holds counts, kinds and ids only.
            Route(.get, "/api/exports", .permission(.approveExport),
                  api: .init("Every export request within reach and where it stands (approvers)", response: .of(ItemList<ExportRequest>.self)), list),
            Route(.post, "/api/exports/{id}/approve", .permission(.approveExport),
                  api: .init("Approve someone else's export request", response: .of(ExportRequest.self))) { try await decide($0, $1, approve: true) },
            Route(.post, "/api/exports/{id}/reject", .permission(.approveExport),
                  api: .init("Reject someone else's export request", response: .of(ExportRequest.self))) { try await decide($0, $1, approve: false) },
            Route(.get, "/api/exports/{id}/download", .permission(.requestExport),
                  api: .init("Download an approved export once, decrypted (the requester only)", response: .of(ExportDocument.self)), download),
        ]
    }

    struct RequestBody: StrictBody {
        let kinds: [String]?
        let compartments: [String]?
        enum CodingKeys: String, CodingKey, CaseIterable { case kinds, compartments }
    }

    @Sendable func request(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let body = try await SessionController.decode(RequestBody.self, request, context)
        let kinds = try body.kinds.map { codes in
            Set(try codes.map { code in
                guard let kind = RecordKind(rawValue: code) else {
                    throw Problem.invalid([FieldProblem(field: "kinds", message: "unknown kind '\(code.prefix(40))'; allowed: \(RecordKind.codes.joined(separator: ", "))")])
                }
                return kind
            })
        }
        let filter = ExportFilter(kinds: kinds, compartments: body.compartments.map(Set.init))
        let made = try await environment.exports.requestExport(filter, approvalThreshold: environment.configuration.exportApprovalThreshold, by: try context.actor())
        var response = try jsonResponse(made, status: .created)
        response.headers[.location] = "/api/exports/\(made.id.wire)"
        return response
    }

    @Sendable func list(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let actor = try context.actor()
        return try jsonResponse(ItemList(try await environment.exports.exportRequests(visibleTo: actor, anyReach: Self.decidesAnyReach(context))), status: .ok)
    }

    func decide(_ request: Request, _ context: HavenRequestContext, approve: Bool) async throws -> Response {
        let decided = try await environment.exports.decideExport(try RecordController<Person>.id(context), approve: approve,
                                                   anyReach: Self.decidesAnyReach(context), by: try context.actor())
        return try jsonResponse(decided, status: .ok)
    }

    /// An administrator decides on exports without reading records, so sees every request; an
    /// analyst sees and decides only requests asked within their own compartments.
    static func decidesAnyReach(_ context: HavenRequestContext) -> Bool {
        context.account?.role == .administrator
    }

    @Sendable func download(_ request: Request, context: HavenRequestContext) async throws -> Response {
        let (made, records) = try await environment.exports.runExport(try RecordController<Person>.id(context), by: try context.actor())
        let data = try HavenJSON.encoder().encode(try ExportDocument(records, at: made.completedAt ?? environment.now))
        var response = Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(bytes: data)))
        response.headers[.contentDisposition] = "attachment; filename=\"haven-export-\(made.id.wire).json\""
        return response
    }
}
