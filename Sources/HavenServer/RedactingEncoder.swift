import Foundation

/// The names of the protected fields a redacting encoding left out because they held a value.
final class WithheldFields {
    private(set) var names: Set<String> = []
    func insert(_ name: String) { names.insert(name) }
}

/// Encodes a record with its protected fields left out, straight into the encoder that writes
/// the response: the fields are skipped as the record's own `encode(to:)` names them, where
/// encoding the whole record, reading it back and removing them cost three times the work on
/// every record a reviewer or analyst is shown.
struct RedactedRecord<R: Encodable>: Encodable {
    let record: R
    let protected: Set<String>
    let withheld: WithheldFields

    func encode(to encoder: any Encoder) throws {
        try record.encode(to: RedactingEncoder(base: encoder, protected: protected, withheld: withheld))
    }
}

/// Passes everything to `base` except the top-level keys in `protected`, whose names it notes
/// in `withheld` when they carry a value (a nil is left out without being noted, as an absent
/// value withholds nothing).
private struct RedactingEncoder: Encoder {
    let base: any Encoder
    let protected: Set<String>
    let withheld: WithheldFields

    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(RedactingContainer(base: base.container(keyedBy: type), protected: protected, withheld: withheld))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { base.unkeyedContainer() }
    func singleValueContainer() -> any SingleValueEncodingContainer { base.singleValueContainer() }
}

private struct RedactingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    var base: KeyedEncodingContainer<Key>
    let protected: Set<String>
    let withheld: WithheldFields

    var codingPath: [any CodingKey] { base.codingPath }

    /// Whether the key's value goes out; a protected one is noted instead.
    private func passes(_ key: Key) -> Bool {
        guard protected.contains(key.stringValue) else { return true }
        withheld.insert(key.stringValue)
        return false
    }

    mutating func encodeNil(forKey key: Key) throws {
        if !protected.contains(key.stringValue) { try base.encodeNil(forKey: key) }
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: String, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Double, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Float, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Int, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Int8, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Int16, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Int32, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: Int64, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: UInt, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { if passes(key) { try base.encode(value, forKey: key) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        passes(key) ? base.nestedContainer(keyedBy: keyType, forKey: key) : KeyedEncodingContainer(Discarded<NestedKey>())
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        passes(key) ? base.nestedUnkeyedContainer(forKey: key) : Discarded<Key>()
    }

    mutating func superEncoder() -> any Encoder { base.superEncoder() }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        passes(key) ? base.superEncoder(forKey: key) : Discarded<Key>()
    }
}

/// Where a protected value written through a nested container or encoder goes: nowhere.
private struct Discarded<Key: CodingKey>: Encoder, KeyedEncodingContainerProtocol, UnkeyedEncodingContainer, SingleValueEncodingContainer {
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var count: Int { 0 }

    func container<Nested: CodingKey>(keyedBy type: Nested.Type) -> KeyedEncodingContainer<Nested> { KeyedEncodingContainer(Discarded<Nested>()) }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { self }
    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {}
    mutating func nestedContainer<Nested: CodingKey>(keyedBy keyType: Nested.Type, forKey key: Key) -> KeyedEncodingContainer<Nested> {
        KeyedEncodingContainer(Discarded<Nested>())
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> any Encoder { self }
    mutating func superEncoder(forKey key: Key) -> any Encoder { self }

    mutating func encodeNil() throws {}
    mutating func encode<T: Encodable>(_ value: T) throws {}
    mutating func nestedContainer<Nested: CodingKey>(keyedBy keyType: Nested.Type) -> KeyedEncodingContainer<Nested> {
        KeyedEncodingContainer(Discarded<Nested>())
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { self }
}
