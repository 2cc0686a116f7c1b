import Foundation

/// One step in an evidence file's chain of custody.
public struct CustodyEntry: Sendable, Hashable, Codable {
    /// When, as an ISO 8601 date or date-time.
    public var at: String
    /// Who held or handled the file.
    public var actor: String
    /// What happened: received, copied, transferred, verified …
    public var action: String
    /// Detail.
    public var note: String?

    /// Creates a custody entry.
    public init(at: String, actor: String, action: String, note: String? = nil) {
        self.at = at
        self.actor = actor
        self.action = action
        self.note = note
    }
}

/// An evidence file: a photo, a scan, a recording. Its bytes are sealed like every protected value.
public struct Attachment: Record {
    public static let kind = RecordKind.attachment
    public static let protectedFields: Set<String> = ["fileName", "content", "sha256", "custody"]
    public static let inputDefaults: [String: JSONValue] = ["sha256": .string(""), "custody": .array([])]

    public var id: UUID
    public var compartment: String
    /// The record the file is evidence for.
    public var subjectID: UUID
    /// The original file name.
    public var fileName: String
    /// The media type, e.g. `image/jpeg`.
    public var mediaType: String
    /// The file's bytes.
    public var content: Data
    /// The SHA-256 of the bytes, hex, taken at intake.
    public var sha256: String
    /// Who held the file, from intake on.
    public var custody: [CustodyEntry]

    /// Creates an attachment. Leave `sha256` empty to have it taken at intake.
    public init(
        id: UUID = UUID(), compartment: String = Compartment.default, subjectID: UUID, fileName: String,
        mediaType: String, content: Data, sha256: String = "", custody: [CustodyEntry] = []
    ) {
        self.id = id
        self.compartment = compartment
        self.subjectID = subjectID
        self.fileName = fileName
        self.mediaType = mediaType
        self.content = content
        self.sha256 = sha256
        self.custody = custody
    }

    public func problems(in context: ValidationContext) -> [FieldProblem] {
        var check = ProblemCollector()
        check.text(fileName, "fileName", required: true)
        let typeParts = mediaType.split(separator: "/")
        if typeParts.count != 2 || mediaType.count > 100 { check.add("mediaType", "must be a media type such as image/jpeg") }
        if content.isEmpty { check.add("content", "must not be empty") }
        if content.count > Limits.attachmentBytes { check.add("content", "is larger than \(Limits.attachmentBytes) bytes") }
        if let digest = context.sha256Hex, sha256 != digest(content) {
            check.add("sha256", "does not match the content")
        }
        check.list(custody.count, "custody")
        for (i, entry) in custody.enumerated() {
            check.text(entry.actor, "custody[\(i)].actor", required: true)
            check.text(entry.action, "custody[\(i)].action", required: true)
            check.text(entry.at, "custody[\(i)].at", max: 40, required: true)
            check.text(entry.note, "custody[\(i)].note")
        }
        return check.problems
    }

    /// Takes the content's SHA-256 at intake when the client did not give one.
    public mutating func prepareForIntake(_ context: ValidationContext) {
        if sha256.isEmpty, let digest = context.sha256Hex { sha256 = digest(content) }
    }

    public var facets: RecordFacets { RecordFacets(parentID: subjectID, typeCode: mediaType) }
    public var searchText: [String] { [fileName] }
}

extension Attachment {
    public var references: [UUID] { [subjectID] }
}
