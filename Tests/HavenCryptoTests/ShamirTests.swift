import Foundation
import HavenCrypto
import Testing

/// Shamir's secret sharing of the master key: the field arithmetic against FIPS 197's worked
/// examples, and the sharing's promises (any threshold rebuilds, fewer do not).
struct ShamirTests {
    /// FIPS 197 §4.2 and §4.2.1: {57}·{83} = {c1}, {57}·{13} = {fe}, and the xtime chain of {57}.
    @Test func multiplicationMatchesFIPS197() {
        #expect(GF256.multiply(0x57, 0x83) == 0xC1)
        #expect(GF256.multiply(0x57, 0x13) == 0xFE)
        #expect(GF256.multiply(0x57, 0x02) == 0xAE)
        #expect(GF256.multiply(0x57, 0x04) == 0x47)
        #expect(GF256.multiply(0x57, 0x08) == 0x8E)
        #expect(GF256.multiply(0x57, 0x10) == 0x07)
        for a in 0...255 { #expect(GF256.multiply(UInt8(a), 1) == UInt8(a)) }
    }

    /// {53}⁻¹ = {ca}, the worked example of the AES S-box construction, and a · a⁻¹ = 1 for every a ≠ 0.
    @Test func everyNonZeroElementHasItsInverse() {
        #expect(GF256.inverse(0x53) == 0xCA)
        #expect(GF256.inverse(0) == 0)
        for a in 1...255 { #expect(GF256.multiply(UInt8(a), GF256.inverse(UInt8(a))) == 1, "\(a)") }
    }

    /// Shares made by hand from f(x) = s + a₁x + a₂x² rebuild s: the interpolation, checked
    /// independently of `split`'s randomness.
    @Test func sharesOfAKnownPolynomialRebuildItsConstantTerm() throws {
        let secret: [UInt8] = [0x2A, 0x00, 0xFF], a1: [UInt8] = [0x57, 0x13, 0x01], a2: [UInt8] = [0x83, 0xCA, 0x80]
        func share(_ x: UInt8) -> SecretShare {
            SecretShare(index: x, threshold: 3, bytes: Data((0..<3).map { i in
                secret[i] ^ GF256.multiply(a1[i], x) ^ GF256.multiply(a2[i], GF256.multiply(x, x))
            }))
        }
        // At x = 1 every power is 1: the share is the XOR of the coefficients.
        let atOne: [UInt8] = [0x2A ^ 0x57 ^ 0x83, 0x00 ^ 0x13 ^ 0xCA, 0xFF ^ 0x01 ^ 0x80]
        #expect(share(1).bytes == Data(atOne))
        #expect(try Shamir.combine([share(1), share(2), share(3)]) == Data(secret))
        #expect(try Shamir.combine([share(7), share(200), share(42)]) == Data(secret))
    }

    @Test func anyThresholdOfTheSharesRebuildsTheKeyAndFewerDoNot() throws {
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) })
        let shares = try Shamir.split(key, count: 5, threshold: 3)
        #expect(Set(shares.map(\.index)) == [1, 2, 3, 4, 5])
        #expect(shares.allSatisfy { $0.bytes != key && $0.bytes.count == 32 })
        for a in 0..<5 { for b in (a + 1)..<5 { for c in (b + 1)..<5 {
            #expect(try Shamir.combine([shares[c], shares[a], shares[b]]) == key)
        } } }
        #expect(try Shamir.combine(shares) == key)
        #expect(throws: ShamirError.tooFewShares(have: 2, need: 3)) { try Shamir.combine([shares[0], shares[4]]) }
        // The same share twice counts once.
        #expect(throws: ShamirError.tooFewShares(have: 2, need: 3)) { try Shamir.combine([shares[0], shares[0], shares[4]]) }
        // Two shares, forced to pose as a 2-of-n split, give something that is not the key.
        let posing = shares.prefix(2).map { SecretShare(index: $0.index, threshold: 2, bytes: $0.bytes) }
        #expect(try Shamir.combine(posing) != key)
    }

    @Test func sharesOfDifferentSplitsOrBadParametersAreRefused() throws {
        let key = Data(repeating: 7, count: 32)
        let one = try Shamir.split(key, count: 3, threshold: 2)
        let other = try Shamir.split(key, count: 3, threshold: 3)
        #expect(throws: ShamirError.self) { try Shamir.combine([one[0], other[1], other[2]]) }
        #expect(throws: ShamirError.self) { try Shamir.combine([one[0], SecretShare(index: 1, threshold: 2, bytes: other[0].bytes)]) }
        #expect(throws: ShamirError.self) { try Shamir.split(key, count: 5, threshold: 1) }
        #expect(throws: ShamirError.self) { try Shamir.split(key, count: 2, threshold: 3) }
        #expect(throws: ShamirError.self) { try Shamir.split(key, count: 256, threshold: 3) }
    }

    @Test func aShareLineCatchesTyposOtherVaultsAndForgivesSpacingAndCase() throws {
        let share = try Shamir.split(Data(repeating: 0xAB, count: 32), count: 5, threshold: 3)[3]
        let line = ShareText.encode(share, vaultTag: "3fa2c1d0")
        #expect(line.hasPrefix("haven-share-v1:3fa2c1d0:4-of-3:"))
        #expect(try ShareText.decode(line, vaultTag: "3fa2c1d0") == share)
        let relaxed = line.lowercased().replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "haven share v1", with: "haven-share-v1")
            .replacingOccurrences(of: "4 of 3", with: "4-of-3")
        #expect(try ShareText.decode(relaxed, vaultTag: "3fa2c1d0") == share)
        #expect(throws: ShareTextError.otherVault) { try ShareText.decode(line, vaultTag: "00000000") }
        // One character of the value changed.
        let value = line.split(separator: ":")[3]
        let flipped = value.first == "A" ? "B" + value.dropFirst() : "A" + value.dropFirst()
        #expect(throws: ShareTextError.checksum) { try ShareText.decode(line.replacingOccurrences(of: value, with: flipped), vaultTag: "3fa2c1d0") }
        #expect(throws: ShareTextError.malformed) { try ShareText.decode("not a share", vaultTag: "3fa2c1d0") }
    }
}
