import Crypto
public import Foundation

/// Seals a backup file under a key derived from the vault's master key, in chunks, so that a
/// vault of any size is sealed and opened without holding it in memory.
///
/// The construction is STREAM (Hoang, Reyhanitabar, Rogaway and Vizár, "Online
/// Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015), as Tink's
/// streaming AEAD and age use it: each chunk is sealed with AES-256-GCM under a nonce made of the
/// chunk's number and a flag on the last chunk, and every chunk authenticates the file's header.
/// A chunk moved, dropped, repeated or taken from another backup, or a file cut short after a
/// whole chunk, fails to open. The key is fresh per backup (HKDF over a random salt).
public struct BackupSealer: Sendable {
    /// The plaintext bytes per chunk.
    public static let chunkSize = 1 << 20
    private let key: SymmetricKey
    private let header: Data

    /// A sealer for one backup: `salt` random per backup and kept in its header, `header` the
    /// header's bytes, which every chunk authenticates.
    public init(master: MasterKey, salt: Data, header: Data) {
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: master.subkey("backup"), salt: salt, info: Data("haven.backup.v1".utf8),
                                     outputByteCount: 32)
        self.header = header
    }

    /// A fresh random salt.
    public static func randomSalt() -> Data { Data(SymmetricKey(size: .bits256).bytes) }

    /// Seals chunk `index` (from 0); `last` marks the final chunk.
    public func seal(_ chunk: Data, index: UInt64, last: Bool) throws -> Data {
        let box = try AES.GCM.seal(chunk, using: key, nonce: try nonce(index, last), authenticating: header)
        return box.ciphertext + box.tag
    }

    /// Opens chunk `index`, or throws ``HavenCryptoError/openFailed`` when it was changed, moved,
    /// or is not (or is wrongly said to be) the last.
    public func open(_ sealed: Data, index: UInt64, last: Bool) throws(HavenCryptoError) -> Data {
        guard sealed.count >= 16 else { throw .openFailed }
        do {
            let box = try AES.GCM.SealedBox(nonce: try nonce(index, last), ciphertext: sealed.dropLast(16), tag: sealed.suffix(16))
            return try AES.GCM.open(box, using: key, authenticating: header)
        } catch {
            throw .openFailed
        }
    }

    /// Four zero bytes, the chunk number's low seven bytes big-endian and the last-chunk flag:
    /// 12 bytes, never repeated under one key (a backup would need 2^56 chunks to wrap).
    private func nonce(_ index: UInt64, _ last: Bool) throws -> AES.GCM.Nonce {
        var bytes = [UInt8](repeating: 0, count: 4)
        withUnsafeBytes(of: index.bigEndian) { bytes.append(contentsOf: $0.dropFirst()) }
        bytes.append(last ? 1 : 0)
        return try AES.GCM.Nonce(data: bytes)
    }
}
