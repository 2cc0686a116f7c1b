import Foundation
@testable import HavenCore
import Testing

/// `SortedJSONEncoder` writes what `HavenJSON.encoder()` writes, byte for byte, for every kind of
/// value and container a `Codable` type can use.
@Suite
struct SortedJSONEncoderTests {
    func bothWrite<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = String(decoding: try HavenJSON.encoder().encode(value), as: UTF8.self)
        let written = String(decoding: try SortedJSONEncoder().encode(value), as: UTF8.self)
        #expect(written == expected, sourceLocation: sourceLocation)
    }

    @Test func everyCharacterIsEscapedAsJSONEncoderEscapesIt() throws {
        let everyASCII = String(decoding: (0...0x7F).map { UInt8($0) }, as: UTF8.self)
        try bothWrite([everyASCII, "a/b\\c\"d", "한국어 이름 김영희", "😀\u{2028}\u{2029}\u{FEFF}", "", "\u{0}"])
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            let scalars = (0..<Int.random(in: 0...12, using: &generator)).compactMap { _ in
                Unicode.Scalar([0x0...0x7F, 0xA0...0x2FF, 0xAC00...0xD7A3, 0x1F600...0x1F64F].randomElement(using: &generator)!.randomElement(using: &generator)!)
            }
            try bothWrite([String(String.UnicodeScalarView(scalars))])
        }
    }

    @Test func numbersAreSpelledAsJSONEncoderSpellsThem() throws {
        try bothWrite([0, 1, -1, Int.max, Int.min])
        try bothWrite([Int8.min, Int8.max].map(Int64.init) + [Int64.min, Int64.max])
        try bothWrite([UInt64.max, 0])
        try bothWrite([UInt8(255)])
        try bothWrite([Int16(-7)])
        try bothWrite([0.0, -0.0, 1.0, 0.1, 0.5, 100.0, 1e-7, 1e21, 1e16, 123456789012.5, Double.leastNonzeroMagnitude,
                       Double.greatestFiniteMagnitude, -Double.leastNormalMagnitude, 42.195, 1e15, 1e-4, 2.5e-5])
        try bothWrite([Float(0.1), Float(1), Float(-3.25e-9), Float.greatestFiniteMagnitude])
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<500 {
            let bits = UInt64.random(in: 0...UInt64.max, using: &generator)
            let number = Double(bitPattern: bits)
            guard number.isFinite else { continue }
            try bothWrite([number, Double(Int64(bitPattern: bits) % 1_000_000) / 100])
        }
        try bothWrite([Decimal(string: "12.50")!, Decimal(string: "-0.001")!, Decimal(0)])
    }

    @Test func instantsDataUUIDsAndURLsAreWrittenAsJSONEncoderWritesThem() throws {
        var generator = SeededGenerator(seed: 3)
        let instants = [0, -1, -0.5, 1_700_000_000.999, 951_782_400, -2_208_988_800, 253_402_300_799, -62_135_596_800, -12_219_292_800, -12_219_292_801, 253_402_300_800] +
            (0..<300).map { _ in Double.random(in: -3e9...4e9, using: &generator) }
        try bothWrite(instants.map(Date.init(timeIntervalSince1970:)))
        try bothWrite([Data(), Data([0]), Data([1, 2, 3, 250]), Data((0..<255).map { UInt8($0) })])
        try bothWrite([UUID(), UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!])
        try bothWrite([URL(string: "https://example.org/a%20b?q=1")!, URL(string: "rel", relativeTo: URL(string: "https://h/p/"))!])
    }

    @Test func keysAreSortedByTheirBytesAtEveryDepth() throws {
        let keys = ["B", "Z", "_x", "a", "a-b", "a.b", "a10", "a2", "aB", "ab", "b_", "placeCode", "placeb", "é", "가", ""]
        let object = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        try bothWrite(object)
        try bothWrite(["outer": ["z": [1], "a": [2]], "inner": ["y": [], "b": [3, 4]]])
        try bothWrite(["k": Int?.none, "j": 1])
        try bothWrite([Int8(-3): "x", 4: "y"])
        try bothWrite([7: "int keys", 1: "become strings"])
    }

    /// Every way a hand-written `encode(to:)` can write: nested containers filled after other
    /// keys, super encoders, a keyed container asked for twice, single values wrapping
    /// containers, optionals, and a value that writes nothing.
    struct Everything: Encodable {
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        struct Wrapped: Encodable {
            let inner: [String: Int]
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(inner)
            }
        }
        enum Keys: String, CodingKey { case zeta, alpha, nested, list, parent, twice, wrapped, nothing, optional, absent, flag, float, big }
        enum Inner: String, CodingKey { case y, x }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var nested = container.nestedContainer(keyedBy: Inner.self, forKey: .nested)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try container.encode("last letter", forKey: .zeta)
            try nested.encode(2, forKey: .y)
            try list.encode("one")
            var deeper = list.nestedContainer(keyedBy: Inner.self)
            var deepList = list.nestedUnkeyedContainer()
            try list.encodeNil()
            try deeper.encode(true, forKey: .x)
            try deepList.encode(3.5)
            try nested.encode([1, 2], forKey: .x)
            let parent = container.superEncoder(forKey: .parent)
            var parentContainer = parent.container(keyedBy: Inner.self)
            try parentContainer.encode("from super", forKey: .x)
            try list.encode(Wrapped(inner: ["q": 1]))
            var again = encoder.container(keyedBy: Keys.self)
            try again.encode("asked twice", forKey: .twice)
            try container.encode(Wrapped(inner: ["b": 2, "a": 1]), forKey: .wrapped)
            try container.encode(Nothing(), forKey: .nothing)
            try container.encodeIfPresent(Optional("present"), forKey: .optional)
            try container.encodeIfPresent(String?.none, forKey: .absent)
            try container.encode(false, forKey: .flag)
            try container.encode(Float(2.5), forKey: .float)
            try container.encode(UInt32.max, forKey: .big)
            try container.encode("first letter", forKey: .alpha)
            var unkeyedSuper = list.superEncoder().unkeyedContainer()
            try unkeyedSuper.encode(Int16(9))
        }
    }

    @Test func everyKindOfContainerIsWrittenAsJSONEncoderWritesIt() throws {
        try bothWrite(Everything())
        try bothWrite([Everything(), Everything()])
        try bothWrite(Everything.Wrapped(inner: [:]))
        try bothWrite([Everything.Nothing()])
        try bothWrite("a top-level string")
        try bothWrite(17)
    }

    @Test func whatJSONCannotHoldIsRefusedAsJSONEncoderRefusesIt() {
        #expect(throws: EncodingError.self) { try SortedJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try SortedJSONEncoder().encode(["x": Double.infinity]) }
        #expect(throws: EncodingError.self) { try SortedJSONEncoder().encode([Float.infinity]) }
        #expect(throws: EncodingError.self) { try SortedJSONEncoder().encode(Everything.Nothing()) }
        #expect(throws: EncodingError.self) { try HavenJSON.encoder().encode(Everything.Nothing()) }
    }
}

/// What an encoding builds is freed when it ends (a child encoder that owned its parent kept
/// every encoding alive, and a busy server's memory grew with every response).
@Suite
struct SortedJSONEncoderMemoryTests {
    @Test func nothingAnEncodingBuiltOutlivesIt() throws {
        weak var arenaLeft: JSONArena?
        weak var encoderLeft: ArenaEncoder?
        do {
            let arena = JSONArena(bytes: [])
            arenaLeft = arena
            let slot = try arena.slot(for: [SortedJSONEncoderTests.Everything()], parent: nil, key: nil)
            if case .encoder(let encoder) = slot { encoderLeft = encoder }
            var output: [UInt8] = []
            arena.render(slot, into: &output)
            #expect(output.count > 100)
        }
        #expect(encoderLeft == nil)
        #expect(arenaLeft == nil)
    }
}

/// The buffers kept between encodings hold nothing of the last one.
@Suite
struct SortedJSONBufferTests {
    @Test func keptBuffersAreWipedOfWhatTheyHeld() {
        var buffers = JSONBuffers(arena: Array("김영희 1980-02-03".utf8), output: Array(#"{"name":"김영희"}"#.utf8))
        JSONBufferPool.wipe(&buffers)
        #expect(!buffers.arena.isEmpty && buffers.arena.allSatisfy { $0 == 0 })
        #expect(!buffers.output.isEmpty && buffers.output.allSatisfy { $0 == 0 })
    }
}
