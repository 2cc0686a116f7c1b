public import Foundation
public import HavenCore

/// The JSON export format: every exported record with its kind. The command line seals it by
/// default; the API hands it out decrypted only through an export request (see ``ExportRequest``).
public struct ExportDocument: Codable, Sendable {
    /// The format's name and version.
    public var format = "haven-export-v1"
    /// When the export was made, ISO 8601.
    public var exportedAt: String
    /// The records.
    public var records: [ExportedRecord]

    /// The document of these records.
    public init(_ records: [any Record], at date: Date) throws {
        let encoder = HavenJSON.encoder()
        let decoder = HavenJSON.decoder()
        exportedAt = Timestamp.string(date)
        self.records = try records.map { record in
            ExportedRecord(kind: type(of: record).kind, record: try decoder.decode(JSONValue.self, from: try encoder.encode(record)))
        }
    }
}

/// One exported record.
public struct ExportedRecord: Codable, Sendable {
    /// Its kind.
    public var kind: RecordKind
    /// The record as JSON.
    public var record: JSONValue
}
