/// A path on this site that a redirect may send the browser back to. Browsers drop tabs and
/// newlines from a URL and read `\` as `/`, so `/\t/evil.example` becomes `//evil.example`,
/// another site; only printable ASCII without a backslash, starting with exactly one slash, is
/// accepted, and anything else sends the browser home.
enum LocalPath {
    /// `text` when it is a same-site path, otherwise `/`.
    static func safe(_ text: String?) -> String {
        guard let text, isSafe(text) else { return "/" }
        return text
    }

    static func isSafe(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count <= 2_000 else { return false }
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") { return false }
        return bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }
    }
}
