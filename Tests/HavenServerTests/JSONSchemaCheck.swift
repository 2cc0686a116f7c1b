import Foundation
import HavenCore

/// Checks a JSON value against a schema of the OpenAPI document: the subset Haven's document uses
/// (type, properties, required, items, additionalProperties, enum, pattern, anyOf, `$ref` into the
/// components, uuid and date-time formats). Stricter than JSON Schema in one way, on purpose: a
/// key that a described object's schema does not name is a mismatch, so that the document is
/// complete. Returns every mismatch with its path, so that a failure says where the document and
/// the answer part.
struct JSONSchemaCheck {
    let components: [String: JSONValue]

    func problems(_ value: JSONValue, against schemaValue: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let schema) = schemaValue else { return ["\(path): the schema is not an object"] }
        if case .string(let ref)? = schema["$ref"] {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = components[name] else { return ["\(path): unknown $ref \(ref)"] }
            return problems(value, against: target, at: path)
        }
        if case .array(let options)? = schema["anyOf"] {
            let each = options.map { problems(value, against: $0, at: path) }
            return each.contains(where: \.isEmpty) ? [] : ["\(path): matches none of anyOf: \(each.flatMap { $0 }.prefix(4))"]
        }
        if case .array(let values)? = schema["enum"], !values.contains(value) { return ["\(path): \(value) not in the enum"] }
        guard case .string(let type)? = schema["type"] else { return [] }
        switch (type, value) {
        case ("null", .null), ("number", .number), ("boolean", .bool):
            return []
        case ("integer", .number(let number)):
            return number.rounded() == number ? [] : ["\(path): \(number) is not whole"]
        case ("string", .string(let text)):
            if case .string(let pattern)? = schema["pattern"], text.range(of: pattern, options: .regularExpression) == nil {
                return ["\(path): \(text) does not match \(pattern)"]
            }
            if schema["format"] == .string("uuid"), UUID(uuidString: text) == nil { return ["\(path): \(text) is not a uuid"] }
            if schema["format"] == .string("date-time"), ISO8601DateFormatter().date(from: text) == nil {
                return ["\(path): \(text) is not a date-time"]
            }
            return []
        case ("array", .array(let items)):
            guard let element = schema["items"] else { return [] }
            return items.enumerated().flatMap { problems($1, against: element, at: "\(path)[\($0)]") }
        case ("object", .object(let object)):
            var found: [String] = []
            if case .array(let required)? = schema["required"] {
                for case .string(let name) in required where object[name] == nil { found.append("\(path).\(name): required, missing") }
            }
            var properties: [String: JSONValue] = [:]
            if case .object(let declared)? = schema["properties"] { properties = declared }
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if let property = properties[key] {
                    found += problems(item, against: property, at: "\(path).\(key)")
                } else if let values = schema["additionalProperties"] {
                    found += problems(item, against: values, at: "\(path).\(key)")
                } else if !properties.isEmpty {
                    found.append("\(path).\(key): not in the schema")
                }
            }
            return found
        default:
            return ["\(path): expected \(type), got \(value)"]
        }
    }
}
