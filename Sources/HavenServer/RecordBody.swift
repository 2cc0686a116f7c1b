import Foundation
import HavenCore
import Hummingbird

/// Reads record bodies strictly: valid JSON, an object, no unknown fields, the id taken from
/// the path, defaults filled for id and compartment.
enum RecordBody {
    /// Collects and parses the body as a JSON object.
    static func object(_ request: Request, context: HavenRequestContext) async throws -> [String: JSONValue] {
        if let type = request.headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw Problem(status: .unsupportedMediaType, title: "Send JSON", titleKo: "JSON으로 보내 주십시오",
                          detail: "the body must be application/json")
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let value: JSONValue
        do {
            value = try HavenJSON.decoder().decode(JSONValue.self, from: Data(buffer: buffer))
        } catch {
            throw Problem.badRequest("the body is not valid JSON")
        }
        guard case .object(let object) = value else { throw Problem.badRequest("the body must be a JSON object") }
        return object
    }

    /// Decodes a value of type `T` from a parsed body, naming the field of every failure as a
    /// problem (never a 5xx). Foundation's decoder refuses a number that does not fit an `Int`
    /// field (1e19, 2^63, 1.5) as "not valid JSON" with no field at all; such a failure is
    /// traced to its fields by decoding again with each number alone kept and the others 0.
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        do {
            return try HavenJSON.decoder().decode(T.self, from: try HavenJSON.encoder().encode(value))
        } catch let error as DecodingError {
            guard case .dataCorrupted(let context) = error, context.codingPath.isEmpty else { throw Problem.decoding(error) }
            let paths = numberPaths(in: value)
            /// Whether the value fails as a whole document once every number but `kept` is 0.
            func failsUnplaced(keeping kept: [Step]?) -> Bool {
                let zeroed = paths.filter { $0 != kept }.reduce(value) { replacing($1, in: $0, with: .number(0)) }
                do {
                    _ = try HavenJSON.decoder().decode(T.self, from: try HavenJSON.encoder().encode(zeroed))
                    return false
                } catch let DecodingError.dataCorrupted(context) {
                    return context.codingPath.isEmpty
                } catch {
                    return false
                }
            }
            guard !failsUnplaced(keeping: nil) else { throw Problem.decoding(error) }
            let culprits = paths.filter { failsUnplaced(keeping: $0) }
            guard !culprits.isEmpty else { throw Problem.decoding(error) }
            throw Problem.invalid(culprits.map { FieldProblem(field: text($0), message: "must be a whole number within the field's range") })
        }
    }

    /// A step into a JSON value: an object's key or an array's index.
    enum Step: Equatable { case key(String), index(Int) }

    /// The path of every number in a value, in document order.
    static func numberPaths(in value: JSONValue, at path: [Step] = []) -> [[Step]] {
        switch value {
        case .number: [path]
        case .array(let items): items.enumerated().flatMap { numberPaths(in: $1, at: path + [.index($0)]) }
        case .object(let fields): fields.keys.sorted().flatMap { numberPaths(in: fields[$0]!, at: path + [.key($0)]) }
        default: []
        }
    }

    static func replacing(_ path: [Step], in value: JSONValue, with new: JSONValue) -> JSONValue {
        guard let step = path.first else { return new }
        switch (step, value) {
        case (.key(let key), .object(var fields)):
            fields[key] = fields[key].map { replacing(Array(path.dropFirst()), in: $0, with: new) }
            return .object(fields)
        case (.index(let index), .array(var items)) where items.indices.contains(index):
            items[index] = replacing(Array(path.dropFirst()), in: items[index], with: new)
            return .array(items)
        default:
            return value
        }
    }

    /// `groups[0].size`, as problems name fields.
    static func text(_ path: [Step]) -> String {
        var text = ""
        for step in path {
            switch step {
            case .index(let index): text += "[\(index)]"
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            }
        }
        return text.isEmpty ? "(body)" : text
    }

    /// A body with what the routes fill in where it leaves a value out or null: the compartment
    /// and the kind's ``Record/inputDefaults`` (a create also gives a new id).
    static func filled<R: Record>(_ type: R.Type, _ object: [String: JSONValue], compartment: String) -> [String: JSONValue] {
        var object = object
        if object["compartment"] == nil || object["compartment"] == .null { object["compartment"] = .string(compartment) }
        for (key, value) in R.inputDefaults where object[key] == nil || object[key] == .null { object[key] = value }
        return object
    }

    /// Decodes a record of type `R` from an object, refusing fields `R` does not have.
    static func record<R: Record>(_ type: R.Type, from object: [String: JSONValue]) throws -> R {
        let record = try decode(R.self, from: .object(object))
        // Keys the type does not know would be silently dropped; a typo must not lose data.
        guard case .object(let known) = try HavenJSON.decoder().decode(JSONValue.self, from: try HavenJSON.encoder().encode(record)) else { return record }
        let unknown = object.filter { key, value in known[key] == nil && value != .null }.keys.sorted()
        if !unknown.isEmpty {
            throw Problem.invalid(unknown.map { FieldProblem(field: $0, message: "is not a field of \(R.kind.code)") })
        }
        return record
    }
}
