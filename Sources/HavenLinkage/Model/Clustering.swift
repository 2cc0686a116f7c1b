import Foundation

/// Clusters of records from scored pairs that do not chain unrelated records together through one
/// ambiguous link: pairs are taken from the most to the least probable, and two clusters are
/// joined by a pair at or above `threshold` only if nothing between them speaks against it — a
/// scored pair below `separation` (strong evidence that they are different people), or two records
/// whose evidence conflicts outright (``Conflict``: birth dates or sexes that cannot be one
/// person's), however many records lie between them. A record whose strong pairs lead, about
/// equally well, to records that are not by their own evidence one person joins none of them: a
/// record with only a name (김영희) that fits two 김영희 born years apart cannot say which it is.
public struct Clustering: Sendable {
    public var threshold: Double
    public var separation: Double
    /// How much better (in bits of match weight, log₂ of the odds) a record's best link must be
    /// than its best link to someone the best one conflicts with for the record to join the best:
    /// 3 bits is eight times the odds. Closer than that, the record is ambiguous and joins neither.
    public var ambiguityMargin: Double

    public init(threshold: Double = 0.9, separation: Double = 0.01, ambiguityMargin: Double = 3) {
        self.threshold = threshold
        self.separation = separation
        self.ambiguityMargin = ambiguityMargin
    }

    /// Why two records cannot be one person whatever their names say.
    public enum Conflict: UInt8, Sendable {
        case birthDate = 1, sex
    }

    /// What clustering did with a candidate pair, for `--pairs`.
    public enum Decision: Sendable, Equatable {
        /// Below the threshold; the two may still share a cluster through others.
        case belowThreshold
        /// The pair joined two clusters, or found its records in one already.
        case joined
        /// The pair's own records conflict.
        case conflicting(Conflict)
        /// Joining would put these two records (by index) in one cluster, whose evidence conflicts.
        case keptApart(Int, Int, Conflict)
        /// Joining would put two records in one cluster that a scored pair says are different people.
        case keptApartByScore(Int, Int)
        /// The record (by index) fits, about equally well, several records that are not by their
        /// own evidence one person, and joins none of them.
        case ambiguous(Int)
    }

    /// A cluster number for each of `count` records (0-based, numbered in order of first record).
    public func clusters(count: Int, pairs: [(i: Int, j: Int, probability: Double)], conflict: ((Int, Int) -> Conflict?)? = nil) -> [Int] {
        clusters(count: count, left: pairs.map { Int32($0.i) }, right: pairs.map { Int32($0.j) }, probabilities: pairs.map(\.probability),
                 conflict: conflict).clusters
    }

    /// ``clusters(count:pairs:conflict:)`` of pairs held as three parallel arrays (pair k is
    /// `left[k]`–`right[k]`), the form a large run keeps them in, with what was decided for each
    /// pair at or above the threshold (by its index; a pair missing there is below it). With
    /// `probability`, two clusters about to be joined are also kept apart by a pair between them
    /// that blocking never made: a record with no birth date may link to two namesakes born thirty
    /// years apart, who were never compared with each other because nothing in their records
    /// brought them together. `probability` answers nil for a pair that is among the scored ones.
    /// `conflict` says whether two records' evidence conflicts outright.
    public func clusters(count: Int, left: [Int32], right: [Int32], probabilities: [Double],
                         conflict: ((Int, Int) -> Conflict?)? = nil,
                         probability: ((Int, Int) -> Double?)? = nil) -> (clusters: [Int], decisions: [Int: Decision]) {
        var parent = Array(0..<count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        // Only the pairs at or above the threshold have a decision (a few in a hundred of a large
        // run's candidates; an array for all of them would cost a gigabyte at a million records).
        var decisions: [Int: Decision] = [:]
        // Strongest first; ties in the order of the records, so that every run clusters alike.
        var strong = probabilities.indices.filter { probabilities[$0] >= threshold }.sorted {
            probabilities[$0] != probabilities[$1] ? probabilities[$0] > probabilities[$1] : $0 < $1
        }
        if let conflict {
            strong = removingAmbiguous(strong, left: left, right: right, probabilities: probabilities, conflict: conflict,
                                       probability: probability, decisions: &decisions)
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
            let i = Int(left[k]), j = Int(right[k])
            if let reason = conflict?(i, j) {
                decisions[k] = .conflicting(reason)
                continue
            }
            let a = root(i), b = root(j)
            decisions[k] = .joined
            guard a != b else { continue }
            let membersA = members[a] ?? [a], membersB = members[b] ?? [b]
            let (small, large, smallMembers) = membersA.count <= membersB.count ? (a, b, membersA) : (b, a, membersB)
            let largeMembers = members[large] ?? [large]
            if let decision = reasonApart(smallMembers, largeMembers, pair: (i, j), large: large, root: root, against: against,
                                          conflict: conflict, probability: probability) {
                decisions[k] = decision
                continue
            }
            parent[small] = large
            members[large] = largeMembers + smallMembers
            members[small] = nil
        }
        var numbers = [Int](repeating: -1, count: count)
        var next = 0
        let clusters = (0..<count).map { record in
            let r = root(record)
            if numbers[r] < 0 { numbers[r] = next; next += 1 }
            return numbers[r]
        }
        return (clusters, decisions)
    }

    /// Why two clusters must stay apart, or nil when they may join: two records across them that
    /// conflict outright, a scored pair between them below `separation`, or one that blocking never
    /// made, scored now.
    private func reasonApart(_ smallMembers: [Int], _ largeMembers: [Int], pair: (Int, Int), large: Int, root: (Int) -> Int,
                             against: [Int: [Int]], conflict: ((Int, Int) -> Conflict?)?,
                             probability: ((Int, Int) -> Double?)?) -> Decision? {
        if let conflict {
            for x in smallMembers {
                for y in largeMembers {
                    if let reason = conflict(x, y) { return .keptApart(x, y, reason) }
                }
            }
        }
        for x in smallMembers {
            if let y = against[x]?.first(where: { root($0) == large }) { return .keptApartByScore(x, y) }
        }
        guard let probability else { return nil }
        // Every pair across the two clusters but this one, which is scored and strong.
        for x in smallMembers {
            for y in largeMembers where !((x == pair.0 && y == pair.1) || (x == pair.1 && y == pair.0)) {
                if let p = probability(x, y), p < separation { return .keptApartByScore(x, y) }
            }
        }
        return nil
    }

    /// The strong pairs without those of ambiguous records: a record whose strong pairs reach two
    /// records that are not, by their own evidence, one person — they conflict, or their own pair
    /// is more likely two people than one —, where the best of its links is not `ambiguityMargin` bits better
    /// than its link to the other. A record with only a name (김영희) that fits two namesakes
    /// equally well cannot say which of them it is; joined to both, it would make them one.
    private func removingAmbiguous(_ strong: [Int], left: [Int32], right: [Int32], probabilities: [Double],
                                   conflict: (Int, Int) -> Conflict?, probability: ((Int, Int) -> Double?)?,
                                   decisions: inout [Int: Decision]) -> [Int] {
        // Each record's strong partners, best first (`strong` is sorted so).
        var partners: [Int: [(record: Int, pair: Int)]] = [:]
        var strongPairs = Set<UInt64>()
        func key(_ i: Int, _ j: Int) -> UInt64 { UInt64(min(i, j)) << 32 | UInt64(max(i, j)) }
        for k in strong {
            let i = Int(left[k]), j = Int(right[k])
            partners[i, default: []].append((j, k))
            partners[j, default: []].append((i, k))
            strongPairs.insert(key(i, j))
        }
        // Pairs below the threshold that still more likely match than not.
        var plausiblePairs = Set<UInt64>()
        for k in probabilities.indices where probabilities[k] >= 0.5 && probabilities[k] < threshold {
            plausiblePairs.insert(key(Int(left[k]), Int(right[k])))
        }
        func weight(_ k: Int) -> Double {
            let p = min(max(probabilities[k], 1e-300), 1 - 1e-16)
            return log2(p / (1 - p))
        }
        // Whether two records may be one person by their own evidence: no conflict, and a pair that
        // more likely matches than not — scored so, or never made by blocking and scored so now
        // (nil from `probability` is a scored pair, and not such a one). Without `probability`,
        // only a conflict says that two records are two people.
        func onePerson(_ x: Int, _ y: Int) -> Bool {
            if conflict(x, y) != nil { return false }
            guard let probability else { return true }
            if strongPairs.contains(key(x, y)) || plausiblePairs.contains(key(x, y)) { return true }
            return probability(x, y).map { $0 >= 0.5 } ?? false
        }
        var ambiguous = Set<Int>()
        // In the order of the records, so that every run decides alike.
        for record in partners.keys.sorted() {
            // A partner the record itself conflicts with is never joined to it, and is no rival.
            let links = partners[record]!.filter { conflict(record, $0.record) == nil }
            guard links.count > 1, let best = links.first else { continue }
            // The strongest link to someone who is not, by their own evidence, the best partner.
            guard let rival = links.dropFirst().first(where: { !onePerson(best.record, $0.record) }) else { continue }
            if weight(best.pair) - weight(rival.pair) < ambiguityMargin { ambiguous.insert(record) }
        }
        guard !ambiguous.isEmpty else { return strong }
        return strong.filter { k in
            let i = Int(left[k]), j = Int(right[k])
            guard let record = ambiguous.contains(i) ? i : ambiguous.contains(j) ? j : nil else { return true }
            decisions[k] = .ambiguous(record)
            return false
        }
    }
}
