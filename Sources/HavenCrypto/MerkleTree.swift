import Crypto
public import Foundation

/// The Merkle tree hash of RFC 6962 (Certificate Transparency), §2.1: leaves hashed with a 0x00
/// prefix, interior nodes with 0x01, and a tree of n leaves split at the largest power of two
/// smaller than n.
///
/// Haven's audit log is shaped as such a tree so that a tree head kept off the machine, and a
/// consistency proof, show that the log has only grown since.
public enum MerkleTree {
    /// The hash of an empty tree: SHA-256 of no bytes.
    public static let emptyRoot = Data(SHA256.hash(data: Data()))

    /// `SHA-256(0x00 ‖ data)`.
    public static func leafHash(_ data: some DataProtocol) -> Data {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: data)
        return Data(hasher.finalize())
    }

    /// `SHA-256(0x01 ‖ left ‖ right)`.
    public static func nodeHash(_ left: Data, _ right: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left)
        hasher.update(data: right)
        return Data(hasher.finalize())
    }

    /// The root of the tree over `leaves` (already leaf-hashed).
    public static func root(_ leaves: ArraySlice<Data>) -> Data {
        switch leaves.count {
        case 0: return emptyRoot
        case 1: return leaves[leaves.startIndex]
        default:
            let k = largestPowerOfTwo(below: leaves.count)
            let mid = leaves.startIndex + k
            return nodeHash(root(leaves[leaves.startIndex..<mid]), root(leaves[mid...]))
        }
    }

    /// The root of the tree over `leaves` (already leaf-hashed).
    public static func root(_ leaves: [Data]) -> Data { root(leaves[...]) }

    /// The consistency proof between the tree of the first `oldSize` leaves and the tree of all
    /// `leaves` (RFC 6962 §2.1.2).
    public static func consistencyProof(oldSize: Int, leaves: [Data]) -> [Data] {
        precondition(oldSize >= 0 && oldSize <= leaves.count)
        guard oldSize > 0, oldSize < leaves.count else { return [] }
        return subproof(oldSize, leaves[...], complete: true)
    }

    private static func subproof(_ m: Int, _ leaves: ArraySlice<Data>, complete: Bool) -> [Data] {
        let n = leaves.count
        if m == n { return complete ? [] : [root(leaves)] }
        let k = largestPowerOfTwo(below: n)
        let mid = leaves.startIndex + k
        if m <= k {
            return subproof(m, leaves[leaves.startIndex..<mid], complete: complete) + [root(leaves[mid...])]
        }
        return subproof(m - k, leaves[mid...], complete: false) + [root(leaves[leaves.startIndex..<mid])]
    }

    /// Verifies a consistency proof (RFC 9162 §2.1.4.2): that the tree of `newSize` leaves with
    /// root `newRoot` extends the tree of `oldSize` leaves with root `oldRoot`.
    public static func verifyConsistency(
        oldSize: Int, newSize: Int, oldRoot: Data, newRoot: Data, proof: [Data]
    ) -> Bool {
        guard oldSize >= 0, oldSize <= newSize else { return false }
        if oldSize == newSize { return proof.isEmpty && oldRoot == newRoot }
        if oldSize == 0 { return proof.isEmpty }
        var path = proof
        if oldSize & (oldSize - 1) == 0 { path.insert(oldRoot, at: 0) }
        guard let first = path.first else { return false }
        var fn = oldSize - 1, sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = first, sr = first
        for c in path.dropFirst() {
            if sn == 0 { return false }
            if fn & 1 == 1 || fn == sn {
                fr = nodeHash(c, fr)
                sr = nodeHash(c, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = nodeHash(sr, c)
            }
            fn >>= 1
            sn >>= 1
        }
        return fr == oldRoot && sr == newRoot && sn == 0
    }

    static func largestPowerOfTwo(below n: Int) -> Int {
        precondition(n > 1)
        var k = 1
        while k << 1 < n { k <<= 1 }
        return k
    }
}

/// The right edge of a growing Merkle tree: the roots of its complete subtrees, largest first.
/// Appending a leaf and reading the root cost O(log n), so the audit log can record the tree
/// head after every entry.
public struct MerkleFrontier: Sendable, Equatable {
    private var subtrees: [(size: Int, hash: Data)] = []
    /// How many leaves the tree holds.
    public private(set) var size = 0

    /// An empty tree.
    public init() {}

    /// Adds a leaf (already leaf-hashed).
    public mutating func append(leafHash: Data) {
        subtrees.append((1, leafHash))
        size += 1
        while subtrees.count >= 2, subtrees[subtrees.count - 1].size == subtrees[subtrees.count - 2].size {
            let right = subtrees.removeLast(), left = subtrees.removeLast()
            subtrees.append((left.size * 2, MerkleTree.nodeHash(left.hash, right.hash)))
        }
    }

    /// The tree head: the RFC 6962 root of every leaf appended so far.
    public var root: Data {
        guard var hash = subtrees.last?.hash else { return MerkleTree.emptyRoot }
        for subtree in subtrees.dropLast().reversed() { hash = MerkleTree.nodeHash(subtree.hash, hash) }
        return hash
    }

    public static func == (lhs: MerkleFrontier, rhs: MerkleFrontier) -> Bool {
        lhs.size == rhs.size && lhs.root == rhs.root
    }
}
