import HavenCore

/// A JSON Schema, the subset the OpenAPI 3.1 document uses: what a request body, a response or
/// a parameter holds. Derived from the Swift types themselves (``SchemaDecoder``), so that the
/// document describes what the code decodes and encodes, not what someone remembered to write.
indirect enum Schema: Sendable, Equatable {
    /// A string, with an optional format (`uuid`, `date-time`, `byte`), pattern and closed list of values.
    case string(format: String? = nil, pattern: String? = nil, values: [String]? = nil)
    /// A whole number.
    case integer
    /// Any number.
    case number
    /// True or false.
    case boolean
    /// An array of one kind of element.
    case array(Schema)
    /// An object with named properties; `required` lists the ones always present.
    case object(properties: [String: Schema], required: Set<String>)
    /// An object whose keys are free and whose values share one schema.
    case map(Schema)
    /// The schema, or `null`.
    case nullable(Schema)
    /// Any JSON value (a free-form document such as `/openapi.json` itself).
    case any
    /// A schema of the document's components, by name (each record kind has one).
    case reference(String)
    /// Any of these (a search result holds a record of any kind).
    case anyOf([Schema])

    /// The same object with `names` no longer required: a redacted record leaves its protected
    /// fields out.
    func optional(_ names: Set<String>) -> Schema {
        guard case .object(let properties, let required) = self else { return self }
        return .object(properties: properties, required: required.subtracting(names))
    }

    /// The schema as the JSON the OpenAPI document holds.
    var json: JSONValue {
        switch self {
        case .string(let format, let pattern, let values):
            var object: [String: JSONValue] = ["type": .string("string")]
            if let format { object["format"] = .string(format) }
            if let pattern { object["pattern"] = .string(pattern) }
            if let values { object["enum"] = .array(values.map(JSONValue.string)) }
            return .object(object)
        case .integer: return .object(["type": .string("integer")])
        case .number: return .object(["type": .string("number")])
        case .boolean: return .object(["type": .string("boolean")])
        case .array(let element): return .object(["type": .string("array"), "items": element.json])
        case .object(let properties, let required):
            var object: [String: JSONValue] = ["type": .string("object"), "properties": .object(properties.mapValues(\.json))]
            if !required.isEmpty { object["required"] = .array(required.sorted().map(JSONValue.string)) }
            return .object(object)
        case .map(let value): return .object(["type": .string("object"), "additionalProperties": value.json])
        case .nullable(let inner):
            // OpenAPI 3.1: a type list with "null"; a schema without a type (enum only) takes anyOf.
            return .object(["anyOf": .array([inner.json, .object(["type": .string("null")])])])
        case .any: return .object([:])
        case .reference(let name): return .object(["$ref": .string("#/components/schemas/\(name)")])
        case .anyOf(let schemas): return .object(["anyOf": .array(schemas.map(\.json))])
        }
    }
}

/// A type that states its own schema, because its decoding cannot be followed by
/// ``SchemaDecoder`` (it validates a string, or decodes any JSON) or because what it encodes
/// differs from what it decodes (a record that may come back redacted).
protocol SchemaDescribing {
    /// The type's schema; a generic type's throws when its parameter's cannot be derived.
    static var schema: Schema { get throws }
}

/// A value the ``SchemaDecoder`` can hand back while it follows a type's decoding.
protocol SchemaPlaceholder: SchemaDescribing {
    /// Any valid value of the type.
    static var placeholder: Self { get }
}
