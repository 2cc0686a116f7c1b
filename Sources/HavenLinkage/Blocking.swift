/// Candidate pairs from several blocking rules, unioned: records that share a rule's key are
/// compared; each pair is compared once however many rules bring it. A key shared by more than
/// `maximumBlock` records (a very common surname alone, say) is too weak to use and is skipped,
/// so that no rule turns into comparing everything with everything.
public struct Blocking: Sendable {
    public var maximumBlock: Int

    public init(maximumBlock: Int = 1_000) {
        self.maximumBlock = maximumBlock
    }

    /// Pairs (i, j), i < j, of the indices of records sharing a key under any rule; `keys[r][i]` is
    /// record i's key under rule r (nil: the rule does not apply to it).
    public func pairs(keys: [[String?]]) -> [(Int, Int)] {
        var seen = Set<UInt64>()
        var pairs: [(Int, Int)] = []
        for rule in keys {
            var blocks: [String: [Int]] = [:]
            for (index, key) in rule.enumerated() {
                if let key, !key.isEmpty { blocks[key, default: []].append(index) }
            }
            for members in blocks.values where members.count > 1 && members.count <= maximumBlock {
                for a in 0..<(members.count - 1) {
                    for b in (a + 1)..<members.count {
                        let i = members[a], j = members[b]
                        if seen.insert(UInt64(UInt32(i)) << 32 | UInt64(UInt32(j))).inserted { pairs.append((i, j)) }
                    }
                }
            }
        }
        return pairs
    }
}

/// Clusters of records from scored pairs that do not chain unrelated records together through one
/// ambiguous link: pairs are taken from the most to the least probable, and two clusters are
/// joined by a pair at or above `threshold` only if no scored pair between them is below
/// `separation` (strong evidence that they are different people).
public struct Clustering: Sendable {
    public var threshold: Double
    public var separation: Double

    public init(threshold: Double = 0.9, separation: Double = 0.05) {
        self.threshold = threshold
        self.separation = separation
    }

    /// A cluster number for each of `count` records (0-based, numbered in order of first record).
    public func clusters(count: Int, pairs: [(i: Int, j: Int, probability: Double)]) -> [Int] {
        var parent = Array(0..<count)
        var members = (0..<count).map { [$0] }
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        // The scored pairs that speak against a join, by record.
        var against: [Int: [Int]] = [:]
        for pair in pairs where pair.probability < separation {
            against[pair.i, default: []].append(pair.j)
            against[pair.j, default: []].append(pair.i)
        }
        for pair in pairs.sorted(by: { $0.probability > $1.probability }) where pair.probability >= threshold {
            let a = root(pair.i), b = root(pair.j)
            guard a != b else { continue }
            let (small, large) = members[a].count <= members[b].count ? (a, b) : (b, a)
            let conflict = members[small].contains { record in against[record]?.contains { root($0) == large } ?? false }
            if conflict { continue }
            parent[small] = large
            members[large] += members[small]
            members[small] = []
        }
        var numbers: [Int: Int] = [:]
        return (0..<count).map { record in
            let r = root(record)
            if let number = numbers[r] { return number }
            numbers[r] = numbers.count
            return numbers[r]!
        }
    }
}
