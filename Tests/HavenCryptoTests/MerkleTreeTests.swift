import Foundation
import HavenCrypto
import Testing

/// RFC 6962 test vectors as published by transparency-dev/merkle and Certificate Transparency.
struct MerkleTreeTests {
    static let leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                         "606162636465666768696a6b6c6d6e6f"].map { Data(hex: $0)! }
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]
    var hashes: [Data] { Self.leaves.map { MerkleTree.leafHash($0) } }

    @Test func emptyTreeIsSHA256OfNothing() {
        #expect(MerkleTree.emptyRoot.hexString == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(MerkleFrontier().root == MerkleTree.emptyRoot)
    }

    @Test func rootsMatchThePublishedVectorsForEverySize() {
        for n in 1...8 {
            #expect(MerkleTree.root(Array(hashes.prefix(n))).hexString == Self.roots[n - 1], "size \(n)")
        }
    }

    @Test func frontierGivesTheSameRootAsTheRecursiveDefinition() {
        var frontier = MerkleFrontier()
        let many = (0..<70).map { MerkleTree.leafHash(Data([UInt8($0), 7])) }
        for (i, leaf) in many.enumerated() {
            frontier.append(leafHash: leaf)
            #expect(frontier.root == MerkleTree.root(Array(many.prefix(i + 1))), "size \(i + 1)")
        }
        #expect(frontier.size == 70)
    }

    @Test func consistencyProofsMatchThePublishedVectors() {
        #expect(MerkleTree.consistencyProof(oldSize: 2, leaves: Array(hashes.prefix(8))).map(\.hexString) == [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ])
        #expect(MerkleTree.consistencyProof(oldSize: 6, leaves: Array(hashes.prefix(8))).map(\.hexString) == [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ])
        #expect(MerkleTree.consistencyProof(oldSize: 2, leaves: Array(hashes.prefix(5))).map(\.hexString) == [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ])
    }

    @Test func everyConsistencyProofVerifiesAndATamperedOneDoesNot() {
        let many = (0..<33).map { MerkleTree.leafHash(Data([UInt8($0)])) }
        for n in 1...many.count {
            let newRoot = MerkleTree.root(Array(many.prefix(n)))
            for m in 1...n {
                let oldRoot = MerkleTree.root(Array(many.prefix(m)))
                let proof = MerkleTree.consistencyProof(oldSize: m, leaves: Array(many.prefix(n)))
                #expect(MerkleTree.verifyConsistency(oldSize: m, newSize: n, oldRoot: oldRoot, newRoot: newRoot, proof: proof))
                if m < n {
                    let wrongOld = MerkleTree.leafHash(Data("rewritten".utf8))
                    #expect(!MerkleTree.verifyConsistency(oldSize: m, newSize: n, oldRoot: wrongOld, newRoot: newRoot, proof: proof))
                    if !proof.isEmpty {
                        var bent = proof
                        bent[0] = MerkleTree.leafHash(Data("x".utf8))
                        #expect(!MerkleTree.verifyConsistency(oldSize: m, newSize: n, oldRoot: oldRoot, newRoot: newRoot, proof: bent))
                    }
                }
            }
        }
    }
}
