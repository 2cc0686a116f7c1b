import Foundation
import HavenCore

/// The form routes whose posts are kept as drafts when the session has ended, and the check a
/// kept path must pass before it is used again.
enum DraftPaths {
    /// Route patterns (as `context.endpointPath` gives them) of forms that create or edit records.
    static func keeps(_ pattern: String) -> Bool {
        pattern == "/records/{kind}/new" || pattern == "/records/{kind}/{id}/edit"
    }

    /// A kept path taken apart: the kind of record and, for an edit, its id. Nil unless it is
    /// exactly a form's path (`/records/event/new`, `/records/intervention/<uuid>/edit`).
    static func parse(_ path: String) -> (kind: RecordKind, id: UUID?)? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "records", let kind = RecordKind(rawValue: parts[1]) else { return nil }
        if parts.count == 3, parts[2] == "new" { return (kind, nil) }
        if parts.count == 4, parts[3] == "edit", let id = UUID(uuidString: parts[2]) { return (kind, id) }
        return nil
    }
}
