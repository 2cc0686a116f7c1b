import Foundation
import HavenCrypto

/// Key files: 32 random bytes, base64, one line, readable by the owner only.
enum KeyFile {
    static func read(_ path: String) throws -> MasterKey {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError("cannot read the key file at \(path)")
        }
        guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw CLIError("\(path) is not a Haven key file (32 bytes, base64)")
        }
        return try MasterKey(rawBytes: bytes)
    }

    /// Writes a new key file, refusing to overwrite one or to put it inside the data directory.
    static func create(_ path: String, master: MasterKey, dataDirectory: String?) throws {
        let keyURL = URL(fileURLWithPath: path).standardizedFileURL
        if let dataDirectory {
            let dataURL = URL(fileURLWithPath: dataDirectory).standardizedFileURL
            if keyURL.path.hasPrefix(dataURL.path + "/") || keyURL.path == dataURL.path {
                throw CLIError("the key file must live outside the data directory, so that a copy of the data alone opens nothing")
            }
        }
        guard !FileManager.default.fileExists(atPath: keyURL.path) else {
            throw CLIError("\(path) already exists; Haven never overwrites a key file")
        }
        let created = FileManager.default.createFile(
            atPath: keyURL.path, contents: Data((master.rawBytes.base64EncodedString() + "\n").utf8),
            attributes: [.posixPermissions: 0o600]
        )
        guard created else { throw CLIError("cannot write the key file at \(path)") }
    }
}
