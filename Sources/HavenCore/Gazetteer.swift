import Foundation

/// The places Haven ships with: North Korean provinces and border counties, Chinese border and
/// transit cities, and places in Southeast Asia, Mongolia and Russia where people are arrested,
/// held or helped. Coordinates are approximate (two decimals, a city's centre).
///
/// The gazetteer serves documentation: recording where something happened. It holds no routes.
public struct Gazetteer: Sendable {
    /// Every shipped place, in file order.
    public let places: [Place]
    private let byCode: [String: Place]
    /// Every way a place may be written, normalised (``normalisedName(_:)``), to its code.
    private let byName: [String: String]

    /// The gazetteer compiled in from the module's `gazetteer.json`.
    public static let shared: Gazetteer = {
        guard let gazetteer = try? Gazetteer(json: Data(PackageResources.gazetteer_json)) else {
            // The file is part of the build; failing to read it is a packaging error.
            preconditionFailure("Haven's built-in gazetteer.json is unreadable")
        }
        return gazetteer
    }()

    /// Reads a gazetteer from JSON: an array of place objects without `id` or `compartment`.
    public init(json: Data) throws {
        struct Entry: Decodable {
            let code, nameHangul, nameRomanised, country: String
            let nameChinese, parentCode: String?
            let placeKind: PlaceKind
            let latitude, longitude: Double?
        }
        let entries = try JSONDecoder().decode([Entry].self, from: json)
        places = entries.map { e in
            Place(
                id: Gazetteer.stableID(for: e.code), compartment: Compartment.default, code: e.code,
                nameHangul: e.nameHangul, nameChinese: e.nameChinese, nameRomanised: e.nameRomanised,
                placeKind: e.placeKind, country: e.country, parentCode: e.parentCode,
                latitude: e.latitude, longitude: e.longitude
            )
        }
        byCode = Dictionary(places.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        byName = Self.nameIndex(places)
    }

    /// The code of the place a text names: its code, or its Hangul, romanised or Chinese name,
    /// either reading of a name written `옌지(연길)`, or a Korean name without its administrative
    /// suffix (무산 for 무산군); case, spaces and hyphens ignored. Nil when no place is named so.
    /// The forms, the records search and the spreadsheet import all read places through this.
    public func code(named text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if byCode[trimmed.uppercased()] != nil { return trimmed.uppercased() }
        return byName[Self.normalisedName(trimmed)]
    }

    /// A name as the index keeps it: lower case, without spaces, hyphens or underscores.
    static func normalisedName(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) && $0 != "-" && $0 != "_" })
    }

    /// The names of every place; where two places share one, the first in file order keeps it,
    /// and a name written in full comes before one read without its suffix.
    private static func nameIndex(_ places: [Place]) -> [String: String] {
        // Both readings of a name written `옌지(연길)`: the Chinese reading and the Korean one.
        func readings(_ name: String) -> [String] {
            guard let open = name.firstIndex(of: "("), name.hasSuffix(")") else { return [name] }
            return [name, String(name[..<open]), String(name[name.index(after: open)..<name.index(before: name.endIndex)])]
        }
        // A Korean name without its administrative suffix: 무산군 as 무산, 랴오닝성 as 랴오닝.
        func unsuffixed(_ name: String) -> String? {
            guard name.count > 2, let last = name.last, "군시구도성주".contains(last) else { return nil }
            return String(name.dropLast())
        }
        var index: [String: String] = [:]
        func add(_ name: String, _ code: String) {
            let key = normalisedName(name)
            if !key.isEmpty && index[key] == nil { index[key] = code }
        }
        let full = places.map { place in (place.code, readings(place.nameHangul) + [place.nameRomanised] + (place.nameChinese.map(readings) ?? [])) }
        for (code, names) in full { names.forEach { add($0, code) } }
        for (code, names) in full { names.compactMap(unsuffixed).forEach { add($0, code) } }
        return index
    }

    /// The place with this code, if the gazetteer has it.
    public func place(code: String) -> Place? { byCode[code] }

    /// The places whose Hangul, Chinese or romanised name contains `text` (case-insensitive).
    public func search(_ text: String) -> [Place] {
        let needle = text.lowercased()
        return places.filter { p in
            [p.nameHangul, p.nameChinese ?? "", p.nameRomanised, p.code].contains { $0.lowercased().contains(needle) }
        }
    }

    /// The places within a province or country, directly or through a city.
    public func places(within code: String) -> [Place] {
        places.filter { place in
            var parent = place.parentCode
            while let current = parent, current != place.code {
                if current == code { return true }
                parent = byCode[current]?.parentCode
                if parent == current { break }
            }
            return false
        }
    }

    /// A deterministic id for a shipped place, so that references survive releases.
    static func stableID(for code: String) -> UUID {
        // FNV-1a over the code, twice with different seeds, gives 128 stable bits; these ids
        // only need to be unique within the gazetteer, not secret.
        func fnv(_ seed: UInt64) -> UInt64 {
            var hash: UInt64 = seed
            for byte in code.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
            return hash
        }
        let a = fnv(0xcbf29ce484222325), b = fnv(0x84222325cbf29ce4)
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * i)); bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * i)) }
        bytes[6] = (bytes[6] & 0x0f) | 0x80 // version 8: custom
        bytes[8] = (bytes[8] & 0x3f) | 0x80 // RFC 9562 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

extension Gazetteer {
    /// The province (or the top place below its country) a place lies in, by code; the code
    /// itself for a province, a country or a place the gazetteer does not know.
    public func region(of code: String) -> String {
        var current = place(code: code)
        var seen = Set<String>()
        while let place = current, seen.insert(place.code).inserted {
            if place.placeKind == .province || place.placeKind == .country { return place.code }
            guard let parent = place.parentCode.flatMap({ self.place(code: $0) }) else { return place.code }
            if parent.placeKind == .country { return place.code }
            current = parent
        }
        return code
    }
}
