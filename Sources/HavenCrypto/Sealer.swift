import Crypto
public import Foundation

/// Where a sealed value lives. It is bound into the AES-GCM associated data, so a ciphertext
/// copied into another table, record, field or key version fails to open.
public struct SealContext: Sendable, Hashable {
    /// The table (or record kind) the value belongs to.
    public var table: String
    /// The record's id.
    public var recordID: String
    /// The field's name.
    public var field: String
    /// The version of the data key that sealed it.
    public var keyVersion: Int

    /// Creates a context.
    public init(table: String, recordID: String, field: String, keyVersion: Int) {
        self.table = table
        self.recordID = recordID
        self.field = field
        self.keyVersion = keyVersion
    }

    /// The associated data: length-prefixed parts so that no two contexts share bytes.
    var associatedData: Data {
        var data = Data("haven.seal.v1".utf8)
        for part in [table, recordID, field, String(keyVersion)] {
            let bytes = Data(part.utf8)
            withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { data.append(contentsOf: $0) }
            data.append(bytes)
        }
        return data
    }
}

/// A data key: seals and opens protected values with AES-256-GCM.
public struct DataKey: Sendable {
    let key: SymmetricKey
    /// The version of this key within its compartment.
    public let version: Int

    init(key: SymmetricKey, version: Int) {
        self.key = key
        self.version = version
    }

    /// A fresh random data key.
    public static func random(version: Int) -> DataKey {
        DataKey(key: SymmetricKey(size: .bits256), version: version)
    }

    /// Seals bytes for one place. The result is nonce ‖ ciphertext ‖ tag.
    public func seal(_ plaintext: some DataProtocol, for context: SealContext) throws -> Data {
        precondition(context.keyVersion == version, "seal context names another key version")
        let box = try AES.GCM.seal(plaintext, using: key, authenticating: context.associatedData)
        guard let combined = box.combined else { throw HavenCryptoError.malformed("AES-GCM gave no combined form") }
        return combined
    }

    /// Opens a sealed value, failing if it was sealed for any other place or key.
    public func open(_ sealed: Data, for context: SealContext) throws(HavenCryptoError) -> Data {
        guard sealed.count >= 28 else { throw .malformed("too short to be a sealed value") }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return try AES.GCM.open(box, using: key, authenticating: context.associatedData)
        } catch {
            throw .openFailed
        }
    }
}
