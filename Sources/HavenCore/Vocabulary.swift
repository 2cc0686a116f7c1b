import Foundation

/// A label in the two languages Haven's users work in.
public struct LocalizedLabel: Sendable, Hashable, Codable {
    /// The English label.
    public let en: String
    /// The Korean label.
    public let ko: String

    /// Creates a label from its English and Korean text.
    public init(en: String, ko: String) {
        self.en = en
        self.ko = ko
    }
}

/// Where a Haven term comes from in the HURIDOCS Events Standard Formats micro-thesauri.
///
/// Haven records the micro-thesaurus and the term whose meaning it adopts, so that data
/// exchanged with other HURIDOCS-based systems can be mapped. Terms that the micro-thesauri do
/// not have (broker abandonment, defection traps) carry no reference.
public struct HuridocsReference: Sendable, Hashable, Codable {
    /// The micro-thesaurus, for example "Types of Acts".
    public let thesaurus: String
    /// The HURIDOCS term whose meaning Haven uses, for example "Refoulement".
    public let term: String

    /// Creates a reference to a HURIDOCS micro-thesaurus term.
    public init(_ thesaurus: String, _ term: String) {
        self.thesaurus = thesaurus
        self.term = term
    }
}

/// A controlled vocabulary: stable string codes with Korean and English labels.
///
/// Codes are what is stored and exchanged; they never change once shipped. Labels may be
/// improved at any time.
public protocol Vocabulary: CaseIterable, Codable, Sendable, Hashable, RawRepresentable
where RawValue == String, AllCases: Sendable {
    /// The vocabulary's name as used in error messages and the API, e.g. `actType`.
    static var vocabularyName: String { get }
    /// The term's labels.
    var label: LocalizedLabel { get }
    /// The HURIDOCS term this code adopts, when there is one.
    var huridocs: HuridocsReference? { get }
}

extension Vocabulary {
    public var huridocs: HuridocsReference? { nil }

    /// The stable code stored and exchanged for this term.
    public var code: String { rawValue }

    /// Every code of the vocabulary, in declaration order.
    public static var codes: [String] { allCases.map(\.rawValue) }

    /// Decodes a code, naming the vocabulary and the allowed codes when it is unknown.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: UnknownCode(vocabulary: Self.vocabularyName, code: raw, allowed: Self.codes).message
            )
        }
        self = value
    }

    /// Encodes the stable code.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A code that is not in its vocabulary.
public struct UnknownCode: Error, Sendable, Equatable {
    /// The vocabulary that was asked.
    public let vocabulary: String
    /// The code that was given. Codes are never protected data, so it may be shown.
    public let code: String
    /// The codes that are allowed.
    public let allowed: [String]

    /// A human message naming the vocabulary and the allowed codes.
    public var message: String {
        let shown = code.count > 40 ? String(code.prefix(40)) + "…" : code
        return "unknown code '\(shown)' for \(vocabulary); allowed: \(allowed.joined(separator: ", "))"
    }
}
