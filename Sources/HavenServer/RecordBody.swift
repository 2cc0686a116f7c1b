import Foundation
import HavenCore
import Hummingbird

/// Reads record bodies strictly: valid JSON, an object, no unknown fields, the id taken from
/// the path, defaults filled for id and compartment.
enum RecordBody {
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dataDecodingStrategy = .base64
        return decoder
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dataEncodingStrategy = .base64
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Collects and parses the body as a JSON object.
    static func object(_ request: Request, context: HavenRequestContext) async throws -> [String: JSONValue] {
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw Problem(status: .unsupportedMediaType, title: "Send JSON", titleKo: "JSON으로 보내 주십시오",
                          detail: "the body must be application/json")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let value: JSONValue
        do {
            value = try decoder().decode(JSONValue.self, from: Data(buffer: buffer))
        } catch {
            throw Problem.badRequest("the body is not valid JSON")
        }
        guard case .object(let object) = value else { throw Problem.badRequest("the body must be a JSON object") }
        return object
    }

    /// Decodes a record of type `R` from an object, refusing fields `R` does not have.
    static func record<R: Record>(_ type: R.Type, from object: [String: JSONValue]) throws -> R {
        let data = try encoder().encode(JSONValue.object(object))
        let record: R
        do {
            record = try decoder().decode(R.self, from: data)
        } catch let error as DecodingError {
            throw Problem.decoding(error)
        }
        // Keys the type does not know would be silently dropped; a typo must not lose data.
        guard case .object(let known) = try decoder().decode(JSONValue.self, from: try encoder().encode(record)) else { return record }
        let unknown = object.filter { key, value in known[key] == nil && value != .null }.keys.sorted()
        if !unknown.isEmpty {
            throw Problem.invalid(unknown.map { FieldProblem(field: $0, message: "is not a field of \(R.kind.code)") })
        }
        return record
    }
}
