import Foundation
import HavenCrypto
import Testing

struct SealingTests {
    @Test func scryptMatchesRFC7914Vector() throws {
        // RFC 7914 §12: P="password", S="NaCl", N=1024, r=8, p=16; first 32 bytes of the output.
        let key = try MasterKey.derive(passphrase: "password", parameters: ScryptParameters(salt: Data("NaCl".utf8), logN: 10, r: 8, p: 16))
        #expect(key.rawBytes.hexString == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162")
    }

    @Test func hangulPassphrasesInEitherNormalFormGiveTheSameKey() throws {
        let parameters = ScryptParameters.forTesting()
        let composed = "비밀번호는길어야한다".precomposedStringWithCanonicalMapping
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(Array(composed.unicodeScalars) != Array(decomposed.unicodeScalars))
        #expect(try MasterKey.derive(passphrase: composed, parameters: parameters).rawBytes
                == MasterKey.derive(passphrase: decomposed, parameters: parameters).rawBytes)
    }

    @Test func keyCheckRecognisesOnlyTheRightKey() throws {
        let vault = UUID()
        let right = MasterKey.random(), wrong = MasterKey.random()
        let check = right.keyCheck(vaultID: vault)
        #expect(right.matches(keyCheck: check, vaultID: vault))
        #expect(!wrong.matches(keyCheck: check, vaultID: vault))
        #expect(!right.matches(keyCheck: check, vaultID: UUID()))
    }

    @Test func aSealedValueOpensOnlyInItsOwnPlace() throws {
        let key = DataKey.random(version: 1)
        let home = SealContext(table: "records.person", recordID: "a#1", field: "names", keyVersion: 1)
        let sealed = try key.seal(Data("김정미".utf8), for: home)
        #expect(try key.open(sealed, for: home) == Data("김정미".utf8))
        let elsewhere = [
            SealContext(table: "records.event", recordID: "a#1", field: "names", keyVersion: 1),
            SealContext(table: "records.person", recordID: "b#1", field: "names", keyVersion: 1),
            SealContext(table: "records.person", recordID: "a#1", field: "notes", keyVersion: 1),
            SealContext(table: "records.person", recordID: "a#2", field: "names", keyVersion: 1),
        ]
        for context in elsewhere {
            #expect(throws: HavenCryptoError.openFailed) { try key.open(sealed, for: context) }
        }
        #expect(throws: HavenCryptoError.openFailed) { try DataKey.random(version: 1).open(sealed, for: home) }
        var flipped = sealed
        flipped[flipped.count - 1] ^= 1
        #expect(throws: HavenCryptoError.openFailed) { try key.open(flipped, for: home) }
    }

    @Test func wrappedKeysOpenOnlyWithTheirMasterAndPurpose() throws {
        let master = MasterKey.random()
        let (key, wrapped) = try KeyWrapper(master: master).newDataKey(compartment: "default", version: 1)
        let context = SealContext(table: "t", recordID: "r", field: "f", keyVersion: 1)
        let sealed = try key.seal(Data("x".utf8), for: context)
        #expect(try KeyWrapper(master: master).dataKey(wrapped).open(sealed, for: context) == Data("x".utf8))
        #expect(throws: HavenCryptoError.openFailed) { try KeyWrapper(master: MasterKey.random()).dataKey(wrapped) }
        var moved = wrapped
        moved.compartment = "other"
        #expect(throws: HavenCryptoError.openFailed) { try KeyWrapper(master: master).dataKey(moved) }
    }

    @Test func blindIndexTokensAreStablePerFieldAndDifferAcrossFields() throws {
        let (indexer, _) = try KeyWrapper(master: MasterKey.random()).newBlindIndexKey()
        let a = indexer.token(kind: "person", field: "name", value: "김정미")
        #expect(a == indexer.token(kind: "person", field: "name", value: "김정미"))
        #expect(a != indexer.token(kind: "person", field: "phone", value: "김정미"))
        #expect(a != indexer.token(kind: "person", field: "name", value: "김정민"))
        #expect(a.count == 16)
    }
}
