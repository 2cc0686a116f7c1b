public import Foundation

/// A master-key share as a custodian keeps it: one line of text that can be printed, written
/// down or typed back, naming the vault it belongs to and carrying a checksum that catches a
/// mistyped or mixed-up share before it is used.
///
/// `haven-share-v1:<vault>:<index>-of-<threshold>:<base32 value>:<check>`, where `<vault>` is the
/// first 8 hex digits of the vault id and `<check>` the first 8 hex digits of SHA-256 over the
/// rest of the line (its value without the grouping hyphens).
public enum ShareText {
    static let prefix = "haven-share-v1"

    /// The text of a share of the vault tagged `vaultTag`.
    public static func encode(_ share: SecretShare, vaultTag: String) -> String {
        let value = Base32.encode(share.bytes, padding: false)
        let grouped = stride(from: 0, to: value.count, by: 4).map { start in
            let from = value.index(value.startIndex, offsetBy: start)
            return String(value[from..<(value.index(from, offsetBy: 4, limitedBy: value.endIndex) ?? value.endIndex)])
        }.joined(separator: "-")
        let head = "\(prefix):\(vaultTag.lowercased()):\(share.index)-of-\(share.threshold):"
        return head + grouped + ":" + check(head + value)
    }

    /// Reads a share's text, checking its form, its checksum and that it belongs to `vaultTag`.
    /// Spaces and case are forgiven; errors say what is wrong without echoing the share.
    public static func decode(_ text: String, vaultTag: String) throws(ShareTextError) -> SecretShare {
        let compact = text.filter { !$0.isWhitespace }
        let parts = compact.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0].lowercased() == prefix else { throw .malformed }
        // The checksum covers the value without its grouping hyphens, so that regrouping is harmless.
        let value = parts[3].uppercased().replacingOccurrences(of: "-", with: "")
        let canonical = [prefix, parts[1].lowercased(), parts[2].lowercased(), value].joined(separator: ":")
        guard check(canonical) == parts[4].lowercased() else { throw .checksum }
        guard parts[1].lowercased() == vaultTag.lowercased() else { throw .otherVault }
        let numbers = parts[2].lowercased().split(separator: "-").map(String.init)
        guard numbers.count == 3, numbers[1] == "of", let index = UInt8(numbers[0]), let threshold = UInt8(numbers[2]),
              index >= 1, threshold >= 2, let bytes = Base32.decode(parts[3]), !bytes.isEmpty else { throw .malformed }
        return SecretShare(index: index, threshold: threshold, bytes: bytes)
    }

    /// The tag that ties shares to a vault: the first 8 hex digits of its id.
    public static func vaultTag(_ vaultID: UUID) -> String {
        String(vaultID.uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(8))
    }

    private static func check(_ body: String) -> String {
        String(SHA256Hex.of(Data(body.utf8)).prefix(8))
    }
}

/// Why a share's text was refused. The messages never repeat the share.
public enum ShareTextError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not the form `haven-share-v1:…`.
    case malformed
    /// The checksum does not match: a typing mistake.
    case checksum
    /// A share of another vault.
    case otherVault

    public var description: String {
        switch self {
        case .malformed: "this is not a Haven key share (haven-share-v1:…) / Haven 키 조각이 아닙니다"
        case .checksum: "the share's checksum does not match: check it for a typing mistake / 조각의 검사값이 맞지 않습니다. 오타를 확인하십시오"
        case .otherVault: "this share belongs to another vault / 다른 보관소의 조각입니다"
        }
    }
}
