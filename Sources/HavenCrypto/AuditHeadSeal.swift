public import Foundation
import Crypto

/// A MAC over the audit log's latest tree head under a subkey of the master key. The Ed25519
/// signature of every entry proves an entry unchanged, but any prefix of a signed log is itself
/// a validly signed log: deleting the last entries and copying the last remaining entry's head
/// into the head row left nothing to see. The seal names the latest head, and only a holder of
/// the master key can make one for a shorter log; a database rolled back whole to an older copy
/// (with that copy's seal) still needs a checkpoint kept off the machine to be caught.
public struct AuditHeadSealer: Sendable {
    private let key: SymmetricKey

    /// The sealer of a vault's master key.
    public init(master: MasterKey) {
        key = master.subkey("audit-head-seal")
    }

    private static func message(vaultID: UUID, size: Int, rootHex: String) -> Data {
        Data("haven.audit-head.v1|\(vaultID.uuidString.lowercased())|\(size)|\(rootHex.lowercased())".utf8)
    }

    /// The seal of a head, hex.
    public func seal(vaultID: UUID, size: Int, rootHex: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Self.message(vaultID: vaultID, size: size, rootHex: rootHex), using: key)).hexString
    }

    /// Whether `sealHex` is this key's seal of the head, compared in constant time.
    public func isSeal(_ sealHex: String, vaultID: UUID, size: Int, rootHex: String) -> Bool {
        guard let mac = Data(hex: sealHex) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Self.message(vaultID: vaultID, size: size, rootHex: rootHex), using: key)
    }
}
