import Foundation
import HavenCrypto

/// Reads master-key shares from files or, one per line, from the terminal or standard input,
/// and rebuilds the key. Messages name the share by its number or file, never its value.
enum KeyShares {
    static func read(files: [String], vaultID: UUID) throws -> MasterKey {
        let tag = ShareText.vaultTag(vaultID)
        var shares: [SecretShare] = []
        for path in files {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw CLIError("cannot read the share file \(path)") }
            do {
                shares.append(try ShareText.decode(text, vaultTag: tag))
            } catch {
                throw CLIError("\(path): \(error)")
            }
        }
        // Ask for more until the threshold the shares themselves carry is reached.
        var asked = 0
        while shares.isEmpty || Set(shares.map(\.index)).count < Int(shares[0].threshold) {
            asked += 1
            let line: String
            do {
                line = try Passphrase.read(prompt: "Key share \(asked) / 키 조각 \(asked): ")
            } catch {
                let need = shares.first.map { "\($0.threshold)" } ?? "the threshold"
                throw CLIError("not enough key shares: \(Set(shares.map(\.index)).count) given, \(need) needed / 키 조각이 부족합니다")
            }
            do {
                shares.append(try ShareText.decode(line, vaultTag: tag))
            } catch {
                throw CLIError("key share \(asked): \(error)")
            }
        }
        do {
            return try MasterKey(rawBytes: try Shamir.combine(shares))
        } catch let error as ShamirError {
            throw CLIError("the key shares do not fit together: \(error) / 키 조각이 서로 맞지 않습니다")
        }
    }
}
