import Foundation
import Synchronization

/// Writes exactly the bytes ``HavenJSON/encoder(instants:pretty:)`` writes without `pretty` (keys
/// sorted, slashes unescaped, data in base64, instants as `instants` says), at about half the cost.
///
/// Foundation's `JSONEncoder` builds a tree of boxed values and dictionaries, then sorts and
/// serialises it; encoding a page of fifty records that way was most of the work of a search.
/// This encoder appends each scalar's JSON to one buffer as it is encoded and keeps, per object,
/// only its keys and where their values lie, so that sorting an object moves ranges, not
/// values. Tests hold it byte for byte against `JSONEncoder` on every record kind. Every API
/// response and every record the store seals is written by it.
public struct SortedJSONEncoder: Sendable {
    /// How instants are written: as the API writes them, or as the store does inside sealed values.
    public var instants: HavenJSON.Instants

    public init(instants: HavenJSON.Instants = .iso8601) {
        self.instants = instants
    }

    /// A record's top-level fields split in two, as the store keeps them: the JSON object of every
    /// field but those named in `apart` and `dropped`, and the JSON of each field named in
    /// `apart` that holds a value (not null), each written as ``encode(_:)`` would write it.
    public func split<T: Encodable>(_ value: T, apart: Set<String>, dropping dropped: Set<String>) throws -> (rest: [UInt8], apart: [String: [UInt8]]) {
        let arena = JSONArena(bytes: [], instants: instants)
        guard case .encoder(let encoder) = try arena.slot(for: value, parent: nil, key: nil), case .object(let node)? = encoder.content else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(T.self) did not encode as an object."))
        }
        let rest = JSONObjectNode()
        var separate: [String: [UInt8]] = [:]
        for entry in node.entries where !dropped.contains(entry.key) {
            guard apart.contains(entry.key) else {
                rest.entries.append(entry)
                continue
            }
            var bytes: [UInt8] = []
            arena.render(entry.value, into: &bytes)
            if bytes != JSONText.nullBytes { separate[entry.key] = bytes }
        }
        var restBytes: [UInt8] = []
        arena.render(.object(rest), into: &restBytes)
        return (restBytes, separate)
    }

    /// The JSON of `value`.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        try withEncoded(value) { Array($0) }
    }

    /// Gives `body` the JSON of `value`, valid only during the call: the buffers it is written in
    /// are kept for the next encoding, so that a server writing a page of records a request does
    /// not ask the allocator (and the kernel, for fresh zeroed pages) for two large buffers each time.
    public func withEncoded<T: Encodable, Result>(_ value: T, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) throws -> Result {
        var buffers = JSONBufferPool.shared.take()
        defer { JSONBufferPool.shared.give(&buffers) }
        let arena = JSONArena(bytes: buffers.arena, instants: instants)
        buffers.arena = []
        defer {
            // Moved back, not shared, so that emptying it for the next use copies nothing.
            buffers.arena = arena.bytes
            arena.bytes = []
        }
        let slot = try arena.slot(for: value, parent: nil, key: nil)
        // As JSONEncoder, a value that writes nothing at the top is refused, not written as {}.
        if case .encoder(let encoder) = slot, encoder.content == nil {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        arena.render(slot, into: &buffers.output)
        return try buffers.output.withUnsafeBufferPointer(body)
    }
}

/// The two buffers an encoding writes into (values as they are encoded, then the document), kept
/// between encodings, wiped. At most sixteen pairs are kept, and none that grew past 4 MiB.
struct JSONBuffers {
    var arena: [UInt8] = []
    var output: [UInt8] = []
}

final class JSONBufferPool: Sendable {
    static let shared = JSONBufferPool()
    private static let kept = 16
    private static let largestKept = 4 << 20
    private let free = Mutex<[JSONBuffers]>([])

    /// What a response held (names, testimony) is wiped before its buffers wait for the next one
    /// or go back to the allocator, so that it does not linger in the heap after the response.
    static func wipe(_ buffers: inout JSONBuffers) {
        buffers.arena.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        buffers.output.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    func take() -> JSONBuffers {
        free.withLock { $0.popLast() } ?? JSONBuffers()
    }

    func give(_ buffers: inout JSONBuffers) {
        Self.wipe(&buffers)
        guard buffers.arena.capacity <= Self.largestKept, buffers.output.capacity <= Self.largestKept else { return }
        buffers.arena.removeAll(keepingCapacity: true)
        buffers.output.removeAll(keepingCapacity: true)
        let kept = buffers
        buffers = JSONBuffers()
        free.withLock { free in
            if free.count < Self.kept { free.append(kept) }
        }
    }
}

/// Where one encoded value is: scalar JSON already written to the arena, or a container or
/// encoder whose content is still being written (a nested container is filled after it is
/// handed out, so its bytes can only be put together at the end).
enum JSONSlot {
    case bytes(Range<Int>)
    case object(JSONObjectNode)
    case array(JSONArrayNode)
    case encoder(ArenaEncoder)
}

final class JSONObjectNode {
    /// In the order written; sorted as the document is put together.
    var entries: [(key: String, value: JSONSlot)] = []
}

final class JSONArrayNode {
    var values: [JSONSlot] = []
}

/// The buffer every scalar of one encoding is written to, and how values become slots.
final class JSONArena {
    var bytes: [UInt8]
    /// Whether a `Date` is written in ISO 8601 (else as its own `encode(to:)` writes it).
    let iso8601: Bool

    init(bytes: [UInt8], instants: HavenJSON.Instants = .iso8601) {
        self.bytes = bytes
        self.bytes.reserveCapacity(4096)
        iso8601 = instants == .iso8601
    }

    /// Writes `body` to the arena and returns where it went.
    @inline(__always)
    func append(_ body: (inout [UInt8]) -> Void) -> JSONSlot {
        let start = bytes.count
        body(&bytes)
        return .bytes(start..<bytes.count)
    }

    /// The slot of any encodable value: the types JSONEncoder writes in its own way first, then
    /// the value's own `encode(to:)`.
    func slot<T: Encodable>(for value: T, parent: ArenaEncoder?, key: (any CodingKey)?) throws -> JSONSlot {
        // Comparing metatypes costs a pointer comparison; a dynamic cast per candidate type would
        // cost more than the encoding of most values.
        if T.self == String.self { return append { JSONText.string(Self.exactly(value, String.self), into: &$0) } }
        if T.self == Int.self { return append { JSONText.integer(Self.exactly(value, Int.self), into: &$0) } }
        if T.self == Bool.self { return append { $0.append(contentsOf: Self.exactly(value, Bool.self) ? JSONText.trueBytes : JSONText.falseBytes) } }
        if T.self == Double.self { return try double(Self.exactly(value, Double.self), parent: parent, key: key) }
        if T.self == UUID.self { return append { JSONText.string(Self.exactly(value, UUID.self).uuidString, into: &$0) } }
        if T.self == Date.self, iso8601 { return append { JSONText.string(JSONText.iso8601(Self.exactly(value, Date.self)), into: &$0) } }
        if T.self == Data.self { return append { JSONText.string(Self.exactly(value, Data.self).base64EncodedString(), into: &$0) } }
        if T.self == URL.self { return append { JSONText.string(Self.exactly(value, URL.self).absoluteString, into: &$0) } }
        if T.self == Decimal.self { return append { $0.append(contentsOf: Self.exactly(value, Decimal.self).description.utf8) } }
        let encoder = ArenaEncoder(arena: self, parent: parent, key: key)
        try value.encode(to: encoder)
        return .encoder(encoder)
    }

    /// `value` as the type it was just found to be.
    @inline(__always)
    private static func exactly<T, U>(_ value: T, _ type: U.Type) -> U {
        withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: U.self) }
    }

    func double(_ number: Double, parent: ArenaEncoder?, key: (any CodingKey)?) throws -> JSONSlot {
        guard number.isFinite else {
            let path = (parent?.codingPath ?? []) + (key.map { [$0] } ?? [])
            throw EncodingError.invalidValue(number, .init(codingPath: path, debugDescription: "Unable to encode Double.\(number) directly in JSON."))
        }
        return append { JSONText.number(number.description, into: &$0) }
    }

    func float(_ number: Float, parent: ArenaEncoder?, key: (any CodingKey)?) throws -> JSONSlot {
        guard number.isFinite else {
            let path = (parent?.codingPath ?? []) + (key.map { [$0] } ?? [])
            throw EncodingError.invalidValue(number, .init(codingPath: path, debugDescription: "Unable to encode Float.\(number) directly in JSON."))
        }
        return append { JSONText.number(number.description, into: &$0) }
    }

    /// The JSON of a slot, objects with their keys in the order of their UTF-8 bytes.
    func render(_ slot: JSONSlot, into output: inout [UInt8]) {
        switch slot {
        case .bytes(let range):
            output.append(contentsOf: bytes[range])
        case .object(let node):
            output.append(UInt8(ascii: "{"))
            node.entries.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (n, entry) in node.entries.enumerated() {
                if n > 0 { output.append(UInt8(ascii: ",")) }
                JSONText.string(entry.key, into: &output)
                output.append(UInt8(ascii: ":"))
                render(entry.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .array(let node):
            output.append(UInt8(ascii: "["))
            for (n, value) in node.values.enumerated() {
                if n > 0 { output.append(UInt8(ascii: ",")) }
                render(value, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .encoder(let encoder):
            // A value that wrote nothing is an empty object, as JSONEncoder writes it.
            render(encoder.content ?? .object(JSONObjectNode()), into: &output)
        }
    }
}

/// The `Encoder` a value's `encode(to:)` is given: what it writes becomes its `content`.
final class ArenaEncoder: Encoder {
    let arena: JSONArena
    /// Not owned: a parent holds its children through its content, and a child that held its
    /// parent would keep the whole encoding alive after it ended. A child is only asked for its
    /// coding path while its parent is encoding.
    unowned let parent: ArenaEncoder?
    let key: (any CodingKey)?
    var content: JSONSlot?

    init(arena: JSONArena, parent: ArenaEncoder?, key: (any CodingKey)?) {
        self.arena = arena
        self.parent = parent
        self.key = key
    }

    /// Built only when asked (for an error, or by an unusual `encode(to:)`), from the chain of parents.
    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: ArenaEncoder? = self
        while let current = encoder {
            if let key = current.key { path.append(key) }
            encoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // Asking twice for a keyed container writes into the same object, as JSONEncoder does.
        if case .object(let node) = content {
            return KeyedEncodingContainer(ArenaKeyedContainer(encoder: self, node: node))
        }
        let node = JSONObjectNode()
        content = .object(node)
        return KeyedEncodingContainer(ArenaKeyedContainer(encoder: self, node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let node) = content { return ArenaUnkeyedContainer(encoder: self, node: node) }
        let node = JSONArrayNode()
        content = .array(node)
        return ArenaUnkeyedContainer(encoder: self, node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { ArenaSingleValueContainer(encoder: self) }
}

struct ArenaKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ArenaEncoder
    let node: JSONObjectNode

    var codingPath: [any CodingKey] { encoder.codingPath }

    @inline(__always)
    private func put(_ key: Key, _ slot: JSONSlot) {
        node.entries.append((key.stringValue, slot))
    }

    mutating func encodeNil(forKey key: Key) throws { put(key, encoder.arena.append { $0.append(contentsOf: JSONText.nullBytes) }) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, encoder.arena.append { $0.append(contentsOf: value ? JSONText.trueBytes : JSONText.falseBytes) }) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(key, encoder.arena.append { JSONText.string(value, into: &$0) }) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(key, try encoder.arena.double(value, parent: encoder, key: key)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(key, try encoder.arena.float(value, parent: encoder, key: key)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(key, encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(key, encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(key, encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(key, encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(key, encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(key, encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(key, encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(key, encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(key, encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(key, encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { put(key, try encoder.arena.slot(for: value, parent: encoder, key: key)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONObjectNode()
        put(key, .object(child))
        return KeyedEncodingContainer(ArenaKeyedContainer<NestedKey>(encoder: ArenaEncoder(arena: encoder.arena, parent: encoder, key: key), node: child))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = JSONArrayNode()
        put(key, .array(child))
        return ArenaUnkeyedContainer(encoder: ArenaEncoder(arena: encoder.arena, parent: encoder, key: key), node: child)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = ArenaEncoder(arena: encoder.arena, parent: encoder, key: key)
        put(key, .encoder(child))
        return child
    }

    private mutating func superEncoder(named name: String) -> any Encoder {
        let key = JSONIndexKey(stringValue: name)
        let child = ArenaEncoder(arena: encoder.arena, parent: encoder, key: key)
        node.entries.append((name, .encoder(child)))
        return child
    }
}

struct ArenaUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: ArenaEncoder
    let node: JSONArrayNode

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { node.values.count }
    private var nextKey: JSONIndexKey { JSONIndexKey(intValue: node.values.count) }

    mutating func encodeNil() throws { node.values.append(encoder.arena.append { $0.append(contentsOf: JSONText.nullBytes) }) }
    mutating func encode(_ value: Bool) throws { node.values.append(encoder.arena.append { $0.append(contentsOf: value ? JSONText.trueBytes : JSONText.falseBytes) }) }
    mutating func encode(_ value: String) throws { node.values.append(encoder.arena.append { JSONText.string(value, into: &$0) }) }
    mutating func encode(_ value: Double) throws { node.values.append(try encoder.arena.double(value, parent: encoder, key: nextKey)) }
    mutating func encode(_ value: Float) throws { node.values.append(try encoder.arena.float(value, parent: encoder, key: nextKey)) }
    mutating func encode(_ value: Int) throws { node.values.append(encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode<T: Encodable>(_ value: T) throws { node.values.append(try encoder.arena.slot(for: value, parent: encoder, key: nextKey)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = JSONObjectNode()
        let key = nextKey
        node.values.append(.object(child))
        return KeyedEncodingContainer(ArenaKeyedContainer<NestedKey>(encoder: ArenaEncoder(arena: encoder.arena, parent: encoder, key: key), node: child))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = JSONArrayNode()
        let key = nextKey
        node.values.append(.array(child))
        return ArenaUnkeyedContainer(encoder: ArenaEncoder(arena: encoder.arena, parent: encoder, key: key), node: child)
    }

    mutating func superEncoder() -> any Encoder {
        let child = ArenaEncoder(arena: encoder.arena, parent: encoder, key: nextKey)
        node.values.append(.encoder(child))
        return child
    }
}

struct ArenaSingleValueContainer: SingleValueEncodingContainer {
    let encoder: ArenaEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func set(_ slot: JSONSlot) { encoder.content = slot }

    mutating func encodeNil() throws { set(encoder.arena.append { $0.append(contentsOf: JSONText.nullBytes) }) }
    mutating func encode(_ value: Bool) throws { set(encoder.arena.append { $0.append(contentsOf: value ? JSONText.trueBytes : JSONText.falseBytes) }) }
    mutating func encode(_ value: String) throws { set(encoder.arena.append { JSONText.string(value, into: &$0) }) }
    mutating func encode(_ value: Double) throws { set(try encoder.arena.double(value, parent: encoder.parent, key: encoder.key)) }
    mutating func encode(_ value: Float) throws { set(try encoder.arena.float(value, parent: encoder.parent, key: encoder.key)) }
    mutating func encode(_ value: Int) throws { set(encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: Int8) throws { set(encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: Int16) throws { set(encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: Int32) throws { set(encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: Int64) throws { set(encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: UInt) throws { set(encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: UInt8) throws { set(encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: UInt16) throws { set(encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: UInt32) throws { set(encoder.arena.append { JSONText.integer(value, into: &$0) }) }
    mutating func encode(_ value: UInt64) throws { set(encoder.arena.append { JSONText.integer(value, into: &$0) }) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        // The value is this encoder's own: its containers become this encoder's content.
        let slot = try encoder.arena.slot(for: value, parent: encoder.parent, key: encoder.key)
        if case .encoder(let inner) = slot, let content = inner.content { set(content) } else { set(slot) }
    }
}

/// A key made up for an array's element or a super encoder, for coding paths.
struct JSONIndexKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

/// JSON's spelling of scalars, as JSONEncoder spells them.
enum JSONText {
    static let trueBytes = Array("true".utf8)
    static let falseBytes = Array("false".utf8)
    static let nullBytes = Array("null".utf8)
    private static let hex = Array("0123456789abcdef".utf8)

    /// A string in quotes: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`, `\b`,
    /// `\f` or `\u00XX`, everything else (slashes, non-ASCII) as it is.
    static func string(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                default:
                    output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                               hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// A whole number in decimal.
    static func integer(_ value: some BinaryInteger, into output: inout [UInt8]) {
        output.append(contentsOf: value.description.utf8)
    }

    /// A finite number as Swift describes it, without a trailing `.0` (1.0 is written 1).
    static func number(_ description: String, into output: inout [UInt8]) {
        let utf8 = description.utf8
        if utf8.count > 2, utf8.suffix(2).elementsEqual(".0".utf8) {
            output.append(contentsOf: utf8.dropLast(2))
        } else {
            output.append(contentsOf: utf8)
        }
    }

    /// An instant as `JSONEncoder`'s `.iso8601` strategy writes it: UTC, whole seconds.
    static func iso8601(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // Days and seconds of the day from the epoch, then the proleptic Gregorian date. Before 1583 Foundation's calendar is the Julian one, and after 9999 its
        // spelling is its own: there, Foundation's formatter.
        guard seconds.magnitude < 2.5e11 else { return date.formatted(.iso8601) }
        let whole = Int(seconds)
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let secondOfDay = whole - days * 86_400
        let (year, month, day) = Day.civil(fromDaysSinceEpoch: days)
        guard (1583...9999).contains(year) else { return date.formatted(.iso8601) }
        var text = [UInt8]()
        text.reserveCapacity(20)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(year, 4); text.append(UInt8(ascii: "-")); digits(month, 2); text.append(UInt8(ascii: "-")); digits(day, 2)
        text.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3_600, 2); text.append(UInt8(ascii: ":")); digits(secondOfDay / 60 % 60, 2); text.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2); text.append(UInt8(ascii: "Z"))
        return String(decoding: text, as: UTF8.self)
    }
}
