public import Foundation
import Crypto

/// One share of a secret split with ``Shamir``: the value at `x = index` of a random polynomial
/// per byte whose constant term is the secret's byte.
public struct SecretShare: Sendable, Equatable {
    /// The x-coordinate, 1…255 (0 would be the secret itself).
    public let index: UInt8
    /// How many shares rebuild the secret.
    public let threshold: UInt8
    /// One polynomial value per secret byte.
    public let bytes: Data

    /// Creates a share.
    public init(index: UInt8, threshold: UInt8, bytes: Data) {
        self.index = index
        self.threshold = threshold
        self.bytes = bytes
    }
}

/// Why shares cannot be made or combined.
public enum ShamirError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The share count or threshold is out of range.
    case badParameters(String)
    /// Fewer distinct shares than the threshold.
    case tooFewShares(have: Int, need: Int)
    /// Shares of different secrets, thresholds or lengths, or the same share twice.
    case inconsistent(String)

    public var description: String {
        switch self {
        case .badParameters(let why): why
        case .tooFewShares(let have, let need): "\(have) distinct share(s) given; \(need) are needed"
        case .inconsistent(let why): why
        }
    }
}

/// Shamir's secret sharing over GF(256) (Shamir 1979, "How to share a secret"): any `threshold`
/// of the shares rebuild the secret, and fewer say nothing about it. Used for the master key,
/// so that no single custodian can open a vault and losing some shares loses nothing.
public enum Shamir {
    /// Splits a secret into `count` shares of which any `threshold` rebuild it.
    public static func split(_ secret: Data, count: Int, threshold: Int) throws(ShamirError) -> [SecretShare] {
        guard (2...255).contains(threshold) else { throw .badParameters("the threshold must be from 2 to 255") }
        guard (threshold...255).contains(count) else { throw .badParameters("the number of shares must be from the threshold (\(threshold)) to 255") }
        guard !secret.isEmpty else { throw .badParameters("the secret is empty") }
        // Coefficients a1…a(t-1) for every byte, from the system's CSPRNG through swift-crypto.
        let random = SymmetricKey(size: SymmetricKeySize(bitCount: secret.count * (threshold - 1) * 8)).withUnsafeBytes { Array($0) }
        let secretBytes = Array(secret)
        return (1...count).map { i in
            let x = UInt8(i)
            var values = [UInt8](repeating: 0, count: secretBytes.count)
            for byte in 0..<secretBytes.count {
                // Horner's rule from the highest coefficient down to the secret byte.
                var y: UInt8 = 0
                for degree in stride(from: threshold - 1, through: 1, by: -1) {
                    y = GF256.multiply(y, x) ^ random[byte * (threshold - 1) + degree - 1]
                }
                values[byte] = GF256.multiply(y, x) ^ secretBytes[byte]
            }
            return SecretShare(index: x, threshold: UInt8(threshold), bytes: Data(values))
        }
    }

    /// Rebuilds the secret from at least `threshold` distinct shares by Lagrange interpolation at 0.
    public static func combine(_ shares: [SecretShare]) throws(ShamirError) -> Data {
        guard let first = shares.first else { throw .tooFewShares(have: 0, need: 2) }
        var distinct: [UInt8: SecretShare] = [:]
        for share in shares {
            guard share.threshold == first.threshold, share.bytes.count == first.bytes.count else {
                throw .inconsistent("the shares come from different splits (their thresholds or lengths differ)")
            }
            guard share.index != 0 else { throw .inconsistent("a share has index 0") }
            if let seen = distinct[share.index], seen != share {
                throw .inconsistent("two different shares both claim number \(share.index)")
            }
            distinct[share.index] = share
        }
        let need = Int(first.threshold)
        guard distinct.count >= need else { throw .tooFewShares(have: distinct.count, need: need) }
        let used = distinct.values.sorted { $0.index < $1.index }.prefix(need)
        // Lagrange basis at 0: l_j(0) = Π_{m≠j} x_m / (x_m − x_j), and − is XOR in GF(2^8).
        let weights = used.map { j in
            used.reduce(UInt8(1)) { product, m in
                m.index == j.index ? product : GF256.multiply(product, GF256.multiply(m.index, GF256.inverse(m.index ^ j.index)))
            }
        }
        var secret = [UInt8](repeating: 0, count: first.bytes.count)
        for (share, weight) in zip(used, weights) {
            for (i, y) in share.bytes.enumerated() { secret[i] ^= GF256.multiply(y, weight) }
        }
        return Data(secret)
    }
}
