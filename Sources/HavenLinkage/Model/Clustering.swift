/// Clusters of records from scored pairs that do not chain unrelated records together through one
/// ambiguous link: pairs are taken from the most to the least probable, and two clusters are
/// joined by a pair at or above `threshold` only if no scored pair between them is below
/// `separation` (strong evidence that they are different people).
public struct Clustering: Sendable {
    public var threshold: Double
    public var separation: Double

    public init(threshold: Double = 0.9, separation: Double = 0.01) {
        self.threshold = threshold
        self.separation = separation
    }

    /// A cluster number for each of `count` records (0-based, numbered in order of first record).
    public func clusters(count: Int, pairs: [(i: Int, j: Int, probability: Double)]) -> [Int] {
        clusters(count: count, left: pairs.map { Int32($0.i) }, right: pairs.map { Int32($0.j) }, probabilities: pairs.map(\.probability))
    }

    /// ``clusters(count:pairs:)`` of pairs held as three parallel arrays (pair k is
    /// `left[k]`–`right[k]`), the form a large run keeps them in. With `probability`, two clusters
    /// about to be joined are also kept apart by a pair between them that blocking never made:
    /// a record with no birth date may link to two namesakes born thirty years apart, who were
    /// never compared with each other because nothing in their records brought them together.
    /// `probability` answers nil for a pair that is among the scored ones.
    public func clusters(count: Int, left: [Int32], right: [Int32], probabilities: [Double],
                         probability: ((Int, Int) -> Double?)? = nil) -> [Int] {
        var parent = Array(0..<count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        // Strongest first; ties in the order of the records, so that every run clusters alike.
        let strong = probabilities.indices.filter { probabilities[$0] >= threshold }.sorted {
            probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1
        }
        // The pairs that speak against a join, by record; only records that might join matter.
        var joinable = [Bool](repeating: false, count: count)
        for k in strong { joinable[Int(left[k])] = true; joinable[Int(right[k])] = true }
        var against: [Int: [Int]] = [:]
        for k in probabilities.indices where probabilities[k] < separation {
            let i = Int(left[k]), j = Int(right[k])
            guard joinable[i], joinable[j] else { continue }
            against[i, default: []].append(j)
            against[j, default: []].append(i)
        }
        // Members of clusters of more than one record, by their root.
        var members: [Int: [Int]] = [:]
        for k in strong {
            let a = root(Int(left[k])), b = root(Int(right[k]))
            guard a != b else { continue }
            let membersA = members[a] ?? [a], membersB = members[b] ?? [b]
            let (small, large, smallMembers) = membersA.count <= membersB.count ? (a, b, membersA) : (b, a, membersB)
            var conflict = smallMembers.contains { record in against[record]?.contains { root($0) == large } ?? false }
            if !conflict, let probability {
                // Every pair across the two clusters but this one, which is scored and strong.
                let largeMembers = members[large] ?? [large], i = Int(left[k]), j = Int(right[k])
                conflict = smallMembers.contains { x in
                    largeMembers.contains { y in
                        (x == i && y == j) || (x == j && y == i) ? false : probability(x, y).map { $0 < separation } ?? false
                    }
                }
            }
            if conflict { continue }
            parent[small] = large
            members[large] = (members[large] ?? [large]) + smallMembers
            members[small] = nil
        }
        var numbers = [Int](repeating: -1, count: count)
        var next = 0
        return (0..<count).map { record in
            let r = root(record)
            if numbers[r] < 0 { numbers[r] = next; next += 1 }
            return numbers[r]
        }
    }
}
