/// The Swift type behind each record kind, for code that works across all of them (the API's
/// routes, import and export).
public enum RecordTypes {
    /// Every record type, one per ``RecordKind``.
    public static let all: [any Record.Type] = [
        Event.self, Act.self, VictimGroup.self, Person.self, Organisation.self, Involvement.self,
        Source.self, Information.self, Intervention.self, RescueRequest.self, Place.self, Attachment.self,
    ]

    /// The type for a kind.
    public static func type(for kind: RecordKind) -> any Record.Type {
        // `all` holds one type per kind; the test suite checks that it is complete.
        all.first { $0.kind == kind }!
    }
}
