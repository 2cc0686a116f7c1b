import Foundation
import HavenCore

/// Derives a type's JSON schema by running its own `init(from:)` against a decoder that answers
/// every question with a placeholder and notes what was asked: which keys (`decode` makes a
/// property required, `decodeIfPresent` optional), which element types, which leaf types. A
/// synthesized `Decodable` therefore describes itself; a type whose decoding cannot be followed
/// (it validates a string, or takes any JSON) states its schema through ``SchemaPlaceholder``.
///
/// Derivation fails, rather than guessing, on a type it cannot follow (a recursive type, a
/// decoder that throws on the placeholder values): a test derives every route's schemas.
enum SchemaDecoder {
    /// The schema of a type: its own ``SchemaDescribing`` statement, or what its decoding asks for.
    static func schema(of type: Any.Type) throws -> Schema {
        do {
            if let described = type as? any SchemaDescribing.Type { return try described.schema }
            guard let decodable = type as? any Decodable.Type else {
                throw SchemaDerivationError("\(type) is neither Decodable nor SchemaDescribing")
            }
            return try follow(decodable, path: [], stack: []).schema
        } catch let error as SchemaDerivationError {
            throw error
        } catch {
            throw SchemaDerivationError("\(type) refused the placeholder values: \(error)")
        }
    }

    /// A value of `type` and its schema.
    static func follow<T: Decodable>(_ type: T.Type, path: [any CodingKey], stack: [ObjectIdentifier]) throws -> (value: T, schema: Schema) {
        if let described = type as? any SchemaPlaceholder.Type {
            return (placeholder(described) as! T, try described.schema)
        }
        if let leaf = leaf(type) { return (leaf.value as! T, leaf.schema) }
        if let vocabulary = type as? any Vocabulary.Type {
            return (firstCase(vocabulary) as! T, .string(values: vocabulary.codes))
        }
        if let dictionary = type as? any StringKeyedDictionary.Type {
            let (empty, values) = try dictionary.describe(path: path, stack: stack)
            return (empty as! T, .map(values))
        }
        let id = ObjectIdentifier(type)
        guard !stack.contains(id) else {
            throw SchemaDerivationError("\(type) contains itself at \(path.map(\.stringValue).joined(separator: ".")); state its schema")
        }
        let recorder = SchemaRecorder(codingPath: path, stack: stack + [id])
        let value = try T(from: recorder)
        return (value, recorder.schema)
    }

    private static func placeholder<P: SchemaPlaceholder>(_ type: P.Type) -> Any { P.placeholder }

    private static func firstCase<V: Vocabulary>(_ type: V.Type) -> Any { V.allCases.first! }

    /// The standard library's and Foundation's leaf types.
    private static func leaf(_ type: Any.Type) -> (value: Any, schema: Schema)? {
        switch type {
        case is String.Type: ("x", .string())
        case is Bool.Type: (false, .boolean)
        case is Int.Type: (0 as Int, .integer)
        case is Int8.Type: (0 as Int8, .integer)
        case is Int16.Type: (0 as Int16, .integer)
        case is Int32.Type: (0 as Int32, .integer)
        case is Int64.Type: (0 as Int64, .integer)
        case is UInt.Type: (0 as UInt, .integer)
        case is UInt8.Type: (0 as UInt8, .integer)
        case is UInt16.Type: (0 as UInt16, .integer)
        case is UInt32.Type: (0 as UInt32, .integer)
        case is UInt64.Type: (0 as UInt64, .integer)
        case is Double.Type: (0.0 as Double, .number)
        case is Float.Type: (0.0 as Float, .number)
        case is UUID.Type: (UUID(), .string(format: "uuid"))
        // Haven's coders write instants as ISO 8601 and bytes as base64.
        case is Date.Type: (Date(timeIntervalSince1970: 0), .string(format: "date-time"))
        case is Data.Type: (Data(), .string(format: "byte"))
        default: nil
        }
    }
}

/// A type the ``SchemaDecoder`` could not follow, named with where it met it.
struct SchemaDerivationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `[String: Value]`, whose decoding asks only for the keys present and so says nothing of its values.
protocol StringKeyedDictionary {
    static func describe(path: [any CodingKey], stack: [ObjectIdentifier]) throws -> (empty: Any, values: Schema)
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Decodable {
    static func describe(path: [any CodingKey], stack: [ObjectIdentifier]) throws -> (empty: Any, values: Schema) {
        ([String: Value](), try SchemaDecoder.follow(Value.self, path: path, stack: stack).schema)
    }
}

/// The decoder one value's decoding talks to; it keeps what was asked.
final class SchemaRecorder: Decoder {
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let stack: [ObjectIdentifier]

    private enum Shape {
        case nothing
        case keyed
        case unkeyed
        case single(Schema)
    }
    private var shape = Shape.nothing
    private var properties: [String: () -> Schema] = [:]
    private var required: Set<String> = []
    private var element: (() -> Schema)?
    var elementTaken: Bool { element != nil }

    init(codingPath: [any CodingKey], stack: [ObjectIdentifier]) {
        self.codingPath = codingPath
        self.stack = stack
    }

    /// What the decoding asked for. A type that asks for nothing is an empty object.
    var schema: Schema {
        switch shape {
        case .nothing, .keyed: .object(properties: properties.mapValues { $0() }, required: required)
        case .unkeyed: .array(element?() ?? .any)
        case .single(let schema): schema
        }
    }

    func property(_ key: String, required isRequired: Bool, _ schema: @escaping () -> Schema) {
        properties[key] = schema
        if isRequired { required.insert(key) } else { required.remove(key) }
    }

    func takeElement(_ schema: @escaping () -> Schema) { element = schema }

    func setSingle(_ schema: Schema) { shape = .single(schema) }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        shape = .keyed
        return KeyedDecodingContainer(KeyedRecorder<Key>(recorder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        shape = .unkeyed
        return UnkeyedRecorder(recorder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleRecorder(recorder: self) }

    func child(_ key: any CodingKey) -> SchemaRecorder { SchemaRecorder(codingPath: codingPath + [key], stack: stack) }
}

/// An index in an array, for coding paths.
private struct IndexKey: CodingKey {
    var stringValue: String { "[]" }
    var intValue: Int? { 0 }
    init() {}
    init?(stringValue: String) { nil }
    init?(intValue: Int) { nil }
}

private struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: SchemaRecorder
    var codingPath: [any CodingKey] { recorder.codingPath }
    /// No key is present unasked: a type that walks `allKeys` (a free-form map) states its schema.
    var allKeys: [Key] { [] }
    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (value, schema) = try SchemaDecoder.follow(type, path: codingPath + [key], stack: recorder.stack)
        recorder.property(key.stringValue, required: true) { schema }
        return value
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let (value, schema) = try SchemaDecoder.follow(type, path: codingPath + [key], stack: recorder.stack)
        recorder.property(key.stringValue, required: false) { schema }
        return value
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type as String.Type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type as Double.Type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type as Float.Type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type as Int.Type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type as Int8.Type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type as Int16.Type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type as Int32.Type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type as Int64.Type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type as UInt.Type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type as UInt8.Type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type as UInt16.Type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type as UInt32.Type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type as UInt64.Type, key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeIfPresent(type as Bool.Type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeIfPresent(type as String.Type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeIfPresent(type as Double.Type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decodeIfPresent(type as Float.Type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeIfPresent(type as Int.Type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decodeIfPresent(type as Int8.Type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decodeIfPresent(type as Int16.Type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decodeIfPresent(type as Int32.Type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeIfPresent(type as Int64.Type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decodeIfPresent(type as UInt.Type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decodeIfPresent(type as UInt8.Type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decodeIfPresent(type as UInt16.Type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decodeIfPresent(type as UInt32.Type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decodeIfPresent(type as UInt64.Type, key) }

    /// The one path every typed `decode` takes.
    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        let (value, schema) = try SchemaDecoder.follow(type, path: codingPath + [key], stack: recorder.stack)
        recorder.property(key.stringValue, required: true) { schema }
        return value
    }

    private func decodeIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        let (value, schema) = try SchemaDecoder.follow(type, path: codingPath + [key], stack: recorder.stack)
        recorder.property(key.stringValue, required: false) { schema }
        return value
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        let child = recorder.child(key)
        recorder.property(key.stringValue, required: true) { child.schema }
        return try child.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        let child = recorder.child(key)
        recorder.property(key.stringValue, required: true) { child.schema }
        return try child.unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { recorder }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        let child = recorder.child(key)
        recorder.property(key.stringValue, required: true) { child.schema }
        return child
    }
}

/// An array of exactly one element, whose type becomes the array's item schema.
private struct UnkeyedRecorder: UnkeyedDecodingContainer {
    let recorder: SchemaRecorder
    var codingPath: [any CodingKey] { recorder.codingPath }
    var count: Int? { 1 }
    var isAtEnd: Bool { recorder.elementTaken }
    var currentIndex: Int { recorder.elementTaken ? 1 : 0 }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeElement(type) }

    mutating func decodeIfPresent<T: Decodable>(_ type: T.Type) throws -> T? { try decodeElement(type) }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try decodeElement(type) }
    mutating func decode(_ type: String.Type) throws -> String { try decodeElement(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try decodeElement(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try decodeElement(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try decodeElement(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try decodeElement(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try decodeElement(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try decodeElement(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try decodeElement(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try decodeElement(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeElement(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeElement(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeElement(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: Bool.Type) throws -> Bool? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: String.Type) throws -> String? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: Double.Type) throws -> Double? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: Float.Type) throws -> Float? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: Int.Type) throws -> Int? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: Int8.Type) throws -> Int8? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: Int16.Type) throws -> Int16? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: Int32.Type) throws -> Int32? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: Int64.Type) throws -> Int64? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: UInt.Type) throws -> UInt? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: UInt8.Type) throws -> UInt8? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: UInt16.Type) throws -> UInt16? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: UInt32.Type) throws -> UInt32? { try decodeElement(type) }
    mutating func decodeIfPresent(_ type: UInt64.Type) throws -> UInt64? { try decodeElement(type) }

    private func decodeElement<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, schema) = try SchemaDecoder.follow(type, path: codingPath + [IndexKey()], stack: recorder.stack)
        recorder.takeElement { schema }
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let child = recorder.child(IndexKey())
        recorder.takeElement { child.schema }
        return try child.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let child = recorder.child(IndexKey())
        recorder.takeElement { child.schema }
        return try child.unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let child = recorder.child(IndexKey())
        recorder.takeElement { child.schema }
        return child
    }
}

/// One leaf value, or a value that decodes another type in its place.
private struct SingleRecorder: SingleValueDecodingContainer {
    let recorder: SchemaRecorder
    var codingPath: [any CodingKey] { recorder.codingPath }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }

    func decode(_ type: Bool.Type) throws -> Bool { try decodeValue(type) }
    func decode(_ type: String.Type) throws -> String { try decodeValue(type) }
    func decode(_ type: Double.Type) throws -> Double { try decodeValue(type) }
    func decode(_ type: Float.Type) throws -> Float { try decodeValue(type) }
    func decode(_ type: Int.Type) throws -> Int { try decodeValue(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeValue(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeValue(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeValue(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeValue(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeValue(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeValue(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeValue(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeValue(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeValue(type) }

    private func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, schema) = try SchemaDecoder.follow(type, path: codingPath, stack: recorder.stack)
        recorder.setSingle(schema)
        return value
    }
}
