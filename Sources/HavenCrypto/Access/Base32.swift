public import Foundation

/// RFC 4648 base32 (upper-case alphabet, `=` padding), the encoding authenticator apps expect
/// for TOTP secrets.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Encodes bytes, padded to a multiple of eight characters unless `padding` is false.
    public static func encode(_ data: Data, padding: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((data.count + 4) / 5 * 8)
        var buffer: UInt64 = 0
        var bits = 0
        for byte in data {
            buffer = buffer << 8 | UInt64(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt64(bits - 5)) & 0x1f)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt64(5 - bits)) & 0x1f)]) }
        if padding { while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) } }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base32, ignoring case, spaces, hyphens and padding; nil on any other character
    /// or on a length no encoder produces.
    public static func decode(_ text: String) -> Data? {
        var out = Data()
        var buffer: UInt64 = 0
        var bits = 0
        var count = 0
        for scalar in text.uppercased().unicodeScalars {
            if scalar == " " || scalar == "-" || scalar == "=" { continue }
            guard scalar.isASCII, let value = alphabet.firstIndex(of: UInt8(scalar.value)) else { return nil }
            buffer = buffer << 5 | UInt64(value)
            bits += 5
            count += 1
            if bits >= 8 {
                out.append(UInt8((buffer >> UInt64(bits - 8)) & 0xff))
                bits -= 8
            }
        }
        // 1, 3 and 6 trailing characters cannot come from whole bytes.
        guard ![1, 3, 6].contains(count % 8) else { return nil }
        return out
    }
}
