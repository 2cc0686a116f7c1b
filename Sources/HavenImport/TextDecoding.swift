import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The text encodings a CSV arrives in: UTF-8 (with or without a byte-order mark), or CP949,
/// the superset of EUC-KR that Korean Excel writes when it saves "CSV".
public enum TextEncodingName: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case cp949

    /// Reads a name as `--encoding` takes it: `utf-8`, `utf8`, `cp949`, `euc-kr`, `uhc`.
    public init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "cp949", "euc-kr", "euckr", "uhc", "ks_c_5601-1987": self = .cp949
        default: return nil
        }
    }
}

/// Decodes text whose encoding is named or found: valid UTF-8 is UTF-8; anything else is tried
/// as CP949 through the C library's iconv. Never guesses silently: a file that is neither is
/// refused, naming the first byte that does not decode.
public enum TextDecoding {
    /// The text and the encoding it was read in.
    public static func decode(_ bytes: [UInt8], as named: TextEncodingName? = nil) throws(SpreadsheetError) -> (text: String, encoding: TextEncodingName) {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if named == nil || named == .utf8 {
            if let text = String(validating: body, as: UTF8.self) { return (text, .utf8) }
            if named == .utf8 { throw .unreadableText(reason: "not valid UTF-8 at byte \(firstInvalidUTF8(body) + 1)") }
        }
        return (try cp949(body), .cp949)
    }

    /// The offset of the first byte that does not start or continue a UTF-8 sequence, for the
    /// message (the structure is checked, not every rule of the encoding).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            guard length > 0, index + length <= bytes.count, bytes[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) else {
                return index
            }
            index += length
        }
        return bytes.count
    }

    /// CP949 to a Swift string, through iconv.
    static func cp949(_ bytes: [UInt8]) throws(SpreadsheetError) -> String {
        guard !bytes.isEmpty else { return "" }
        let converter = iconv_open("UTF-8", "CP949")
        guard converter != iconv_t(bitPattern: -1) else { throw .unreadableText(reason: "this system's iconv cannot read CP949") }
        defer { iconv_close(converter) }
        var input = bytes
        // CP949 is at most 2 bytes a character; UTF-8 at most 3 for Hangul and CJK.
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let (failedAt, written): (Int?, Int) = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inputBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outputBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = outputBuffer.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return (result == -1 ? inputBuffer.count - inLeft : nil, outputBuffer.count - outLeft)
            }
        }
        if let failedAt { throw .unreadableText(reason: "not valid UTF-8, nor CP949 at byte \(failedAt + 1)") }
        return String(decoding: output[..<written], as: UTF8.self)
    }
}
