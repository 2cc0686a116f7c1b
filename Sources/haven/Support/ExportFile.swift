import Foundation
import HavenCore
import HavenCrypto
import HavenStore

/// A sealed export: the export document sealed under a key derived from the vault's master key.
struct SealedExport: Codable {
    var format = "haven-sealed-export-v1"
    var vaultID: UUID
    var scrypt: ScryptParameters?
    var keyCheck: Data
    var salt: Data
    var ciphertext: Data
}

enum ExportCoding {
    static func document(_ records: [any Record], at date: Date) throws -> ExportDocument {
        try ExportDocument(records, at: date)
    }

    /// Decodes the records of a document, naming the first record that does not decode.
    static func records(of document: ExportDocument) throws -> [any Record] {
        try document.records.enumerated().map { index, exported in
            do {
                return try decode(RecordTypes.type(for: exported.kind), exported.record)
            } catch let error as DecodingError {
                throw CLIError("record \(index + 1) (\(exported.kind.code)) is not valid: \(describe(error))")
            }
        }
    }

    private static func decode<R: Record>(_ type: R.Type, _ value: JSONValue) throws -> any Record {
        try HavenJSON.decoder().decode(R.self, from: try HavenJSON.encoder().encode(value))
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context): "\((context.codingPath + [key]).map(\.stringValue).joined(separator: ".")) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type"
        case .dataCorrupted(let context): "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: "it does not decode"
        }
    }

    /// Writes bytes to a new file readable by the owner only, refusing to overwrite.
    static func write(_ data: Data, to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw CLIError("\(path) already exists; choose another name") }
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CLIError("cannot write \(path)")
        }
    }
}
