import Foundation

/// Haven's JSON coders, made in one place: keys sorted (equal values give equal bytes, which
/// hashes and signatures rely on), slashes unescaped, bytes as base64.
public enum HavenJSON {
    /// How instants (`Date`) are written.
    public enum Instants: Sendable {
        /// ISO 8601 text: the API, exports and every file a person reads.
        case iso8601
        /// Foundation's number of seconds since 2001: what the store has always written inside
        /// sealed values, kept so that databases already written read back.
        case stored
    }

    /// An encoder; `pretty` for files a person opens.
    public static func encoder(instants: Instants = .iso8601, pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dataEncodingStrategy = .base64
        if instants == .iso8601 { encoder.dateEncodingStrategy = .iso8601 }
        return encoder
    }

    /// A decoder that reads what ``encoder(instants:pretty:)`` writes.
    public static func decoder(instants: Instants = .iso8601) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dataDecodingStrategy = .base64
        if instants == .iso8601 { decoder.dateDecodingStrategy = .iso8601 }
        return decoder
    }
}
