public import Foundation
import Crypto

/// SHA-256 helpers.
public enum SHA256Hex {
    /// The lowercase hex SHA-256 of bytes.
    public static func of(_ data: some DataProtocol) -> String {
        Hex.encode(SHA256.hash(data: data), count: SHA256.byteCount)
    }
}

/// Lowercase hex without `String(format:)`, which costs a formatter per byte and once took a
/// fifth of the time of unlocking a large vault.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Sequence<UInt8>, count: Int) -> String {
        String(unsafeUninitializedCapacity: count * 2) { buffer in
            var i = 0
            for byte in bytes where i + 1 < buffer.count {
                buffer[i] = digits[Int(byte >> 4)]
                buffer[i + 1] = digits[Int(byte & 0x0f)]
                i += 2
            }
            return i
        }
    }

    static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Data {
    /// Lowercase hex.
    public var hexString: String { Hex.encode(self, count: count) }

    /// Bytes from hex, or nil when the text is not even-length hex.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let high = Hex.value(of: utf8[i]), let low = Hex.value(of: utf8[i + 1]) else { return nil }
            bytes.append(high << 4 | low)
            i += 2
        }
        self.init(bytes)
    }
}

/// HMAC-SHA256, for values derived from a secret (such as a CSRF token from a session token).
public enum KeyedHash {
    /// HMAC-SHA256 of `message` under `key`.
    public static func hmacSHA256(_ message: Data, key: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}
