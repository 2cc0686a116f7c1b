import Crypto
public import Foundation

/// Seals a whole export file under a key derived from the vault's master key, so that a sealed
/// export opens only with the vault's passphrase or key file.
public enum ExportSealer {
    /// Seals `plaintext`; `salt` is random per export and stored beside the ciphertext.
    public static func seal(_ plaintext: Data, master: MasterKey, salt: Data, vaultID: UUID) throws -> Data {
        let box = try AES.GCM.seal(plaintext, using: key(master, salt), authenticating: associatedData(vaultID))
        guard let combined = box.combined else { throw HavenCryptoError.malformed("AES-GCM gave no combined form") }
        return combined
    }

    /// Opens a sealed export.
    public static func open(_ sealed: Data, master: MasterKey, salt: Data, vaultID: UUID) throws(HavenCryptoError) -> Data {
        do {
            return try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: key(master, salt), authenticating: associatedData(vaultID))
        } catch {
            throw .openFailed
        }
    }

    /// A fresh random salt.
    public static func randomSalt() -> Data { Data(SymmetricKey(size: .bits256).bytes) }

    private static func key(_ master: MasterKey, _ salt: Data) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: master.subkey("export"), salt: salt, info: Data("haven.export.v1".utf8), outputByteCount: 32)
    }

    private static func associatedData(_ vaultID: UUID) -> Data { Data("haven.export.v1|\(vaultID.uuidString.lowercased())".utf8) }
}
