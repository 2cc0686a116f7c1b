public import Foundation
import Crypto

/// SHA-256 helpers.
public enum SHA256Hex {
    /// The lowercase hex SHA-256 of bytes.
    public static func of(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

extension Data {
    /// Lowercase hex.
    public var hexString: String { map { String(format: "%02x", $0) }.joined() }

    /// Bytes from hex, or nil when the text is not even-length hex.
    public init?(hex: String) {
        guard hex.count % 2 == 0 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
