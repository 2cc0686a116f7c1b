import Foundation
import HavenCore

/// Links person records end to end: prepares each record once, makes candidate pairs by the
/// blocking rules, compares every pair, estimates the Fellegi–Sunter model without labels (u from
/// random pairs, m and λ by EM), scores each pair with term-frequency adjustment, and clusters.
/// Everything in memory; comparing runs on every core.
public struct Linker: Sendable {
    public var settings: LinkSettings

    public init(settings: LinkSettings = LinkSettings()) {
        self.settings = settings
    }

    /// The stages of a run, reported with how far each has come.
    public enum Stage: String, Sendable {
        case preparing, blocking, comparing, estimating, scoring, clustering
    }

    public typealias Progress = @Sendable (_ stage: Stage, _ done: Int, _ total: Int) -> Void

    public func link(_ records: [LinkRecord], progress: Progress? = nil) -> LinkResult {
        progress?(.preparing, 0, records.count)
        var sources: [String: Int32] = [:]
        let sourceIndex = records.map { record in
            let key = record.source ?? ""
            if let index = sources[key] { return index }
            sources[key] = Int32(sources.count)
            return Int32(sources.count - 1)
        }
        // One piece a core, so that each memo sees as many records as it can.
        let prepared = Parallel.pieces(records.count, perCore: 1) { range in
            let memo = PreparedRecord.Memo()
            return range.map { PreparedRecord(records[$0], source: sourceIndex[$0], memo: memo) }
        }.flatMap { $0 }
        let comparisons = settings.comparisons.filter { comparison in prepared.contains { comparison.present(in: $0) } }

        progress?(.blocking, 0, settings.blocking.count)
        let candidates = block(prepared, sources: sourceIndex)
        let (left, right, ruleStarts) = (candidates.left, candidates.right, candidates.ruleStarts)

        let names = nameCounts(prepared)
        let frequencies = termFrequencies(names, comparisons: comparisons)
        let rare = rareGivenNames(names)
        let levels = compare(prepared, left, right, comparisons, rare: rare, progress: progress)

        progress?(.estimating, 0, 1)
        var model = estimate(prepared, rare: rare, levels: levels, comparisons: comparisons, rules: candidates.rules, left: left, right: right, ruleStarts: ruleStarts)
        // EM's λ is the share of matches among candidate pairs, which blocking makes large. A pair's
        // prior is the chance that two records picked at random match: the same expected number of
        // matches (blocking misses few) over every pair that could have been compared.
        let possible = possiblePairs(sourceIndex)
        if possible > 0, !left.isEmpty {
            model.lambda = min(max(model.lambda * Double(left.count) / possible, 1e-12), 1 - 1e-12)
        }

        progress?(.scoring, 0, left.count)
        let scorer = PairScorer(model: model, comparisons: comparisons, frequencies: frequencies)
        let width = comparisons.count
        let probabilities = Parallel.filled(left.count) { k in
            1 / (1 + exp2(-scorer.weight(levels[(k * width)..<((k + 1) * width)], Int(left[k]), Int(right[k]))))
        }

        progress?(.clustering, 0, 1)
        let (usesSex, usesDates) = (comparisons.contains(.sex), comparisons.contains(.birthDate))
        let needsNames = comparisons.contains(.familyName) || comparisons.contains(.givenName)
        // Any two records' match weight, compared now (clustering asks for few), with the name
        // comparisons or without them.
        let nameComparisons = comparisons.indices.filter { comparisons[$0] == .familyName || comparisons[$0] == .givenName }
        func weight(_ i: Int, _ j: Int, withoutNames: Bool) -> Double {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: width) { pair in
                Self.levels(prepared[i], prepared[j], comparisons, needsNames: needsNames && !withoutNames, rareGiven: rare[i] || rare[j],
                            into: pair.baseAddress!)
                let levels = UnsafeBufferPointer(pair)
                return withoutNames ? scorer.weight(levels, i, j, leavingOut: nameComparisons) : scorer.weight(levels, i, j)
            }
        }
        let threshold = settings.threshold
        let thresholdWeight = log2(threshold / (1 - threshold))
        let (clusters, decisions) = Clustering(threshold: threshold, separation: settings.separation)
            .clusters(count: records.count, left: left, right: right, probabilities: probabilities, conflict: { i, j in
                // A date or sex that cannot be one person's is a slip only when the pair is a match
                // and what the two records share besides their names speaks for it, the conflict
                // included (an identity number, an address, a phone: Febrl's duplicates have a
                // wholly new birth date now and then). A shared name alone never outweighs it:
                // namesakes are how Korean records go wrong.
                guard let conflict = Self.conflict(prepared[i], prepared[j], sex: usesSex, dates: usesDates) else { return nil }
                let besidesNames = weight(i, j, withoutNames: true) - scorer.prior
                return besidesNames > 0 && weight(i, j, withoutNames: false) >= thresholdWeight ? nil : conflict
            }, probability: { i, j in
                // A pair blocking made is among the scored pairs already; two records about to
                // share a cluster that blocking never paired are compared now.
                candidates.made(i, j) ? nil : 1 / (1 + exp2(-weight(i, j, withoutNames: false)))
            })
        // What was prepared is no longer needed: freed while the caller writes the clusters.
        Parallel.releaseInBackground(consume prepared)
        let pairsByRule = settings.blocking.indices.map { (settings.blocking[$0], ruleStarts[$0 + 1] - ruleStarts[$0]) }
        return LinkResult(clusters: clusters, comparisons: comparisons, pairsByRule: pairsByRule, scorer: scorer,
                          left: left, right: right, probabilities: probabilities, levels: levels, decisions: decisions)
    }

    /// Whether two records' evidence conflicts: both give a sex and they differ, or their birth
    /// dates cannot be one person's (``PartialDate/conflict(_:_:)``). Only fields the run compares
    /// count (`--without sex` leaves sex out here too).
    static func conflict(_ a: PreparedRecord, _ b: PreparedRecord, sex: Bool, dates: Bool) -> Clustering.Conflict? {
        if sex, let x = a.sex, let y = b.sex, x != y { return .sex }
        if dates, PartialDate.conflict(a.birth, b.birth) { return .birthDate }
        return nil
    }

    /// The candidate pairs of the blocking rules: each distinct set of keys made once, on every core.
    func block(_ prepared: [PreparedRecord], sources: [Int32]) -> Blocking.Candidates {
        let keyed = settings.blocking.reduce(into: [BlockingRule]()) { if !$0.contains($1.keyed) { $0.append($1.keyed) } }
        let keys = Parallel.map(keyed) { rule in
            var keys = Blocking.Keys()
            keys.reserveCapacity(records: prepared.count, keysPerRecord: 2)
            var buffer: [UInt64] = []
            buffer.reserveCapacity(64)
            for record in prepared {
                rule.hashes(record, into: &buffer)
                keys.append(sorting: &buffer)
            }
            return keys
        }
        let undated = prepared.map { $0.birth?.blockingYear == nil }
        let years = prepared.map { $0.birth?.blockingYear.map(Int32.init) ?? Blocking.Rule.noYear }
        return Blocking(maximumBlock: settings.maximumBlock).candidates(
            settings.blocking.map { rule in
                let ruleKeys = keys[keyed.firstIndex(of: rule.keyed)!]
                // A rule on the name alone meets many more namesakes as the records grow; its
                // blocks are held ten times smaller than the others'.
                return rule.pairsOnlyUndated ? Blocking.Rule(keys: ruleKeys, marked: undated, maximumBlock: settings.maximumBlock / 10)
                    : Blocking.Rule(keys: ruleKeys, years: rule.pairsByYear ? years : nil)
            },
            groups: settings.acrossSourcesOnly ? sources : nil)
    }

    /// Every candidate pair's levels, flat: pair k's are `levels[k * C ..< (k + 1) * C]`.
    func compare(_ prepared: [PreparedRecord], _ left: [Int32], _ right: [Int32], _ comparisons: [LinkComparison],
                 rare: [Bool], progress: Progress?) -> [UInt8] {
        let width = comparisons.count, total = left.count
        let needsNames = comparisons.contains(.familyName) || comparisons.contains(.givenName)
        return [UInt8](unsafeUninitializedCapacity: total * width) { buffer, initialized in
            let output = Parallel.Output(base: buffer.baseAddress)
            // In batches, so that a long run can say how far it has come.
            let batch = max(total / 20, 100_000)
            var done = 0
            while done < total {
                let end = min(done + batch, total), offset = done
                Parallel.chunks(end - done) { range in
                    for k in (range.lowerBound + offset)..<(range.upperBound + offset) {
                        let i = Int(left[k]), j = Int(right[k])
                        Self.levels(prepared[i], prepared[j], comparisons, needsNames: needsNames, rareGiven: rare[i] || rare[j], into: output.base! + k * width)
                    }
                }
                done = end
                progress?(.comparing, done, total)
            }
            initialized = total * width
        }
    }

    static func levels(_ a: PreparedRecord, _ b: PreparedRecord, _ comparisons: [LinkComparison], needsNames: Bool,
                       rareGiven: Bool, into output: UnsafeMutablePointer<UInt8>) {
        var names: (family: Double, given: Double)?
        if needsNames, let x = a.name, let y = b.name { names = KoreanName.parts(x, y) }
        for (c, comparison) in comparisons.enumerated() {
            output[c] = comparison.level(a, b, names: names, rareGiven: rareGiven)
        }
    }

    /// u from random pairs, then m by EM per blocking rule and λ over all candidate pairs.
    func estimate(_ prepared: [PreparedRecord], rare: [Bool], levels: [UInt8], comparisons: [LinkComparison], rules: [Blocking.Rule],
                  left: [Int32], right: [Int32], ruleStarts: [Int]) -> FellegiSunter {
        let width = comparisons.count
        let u = uProbabilities(prepared, rare: rare, comparisons: comparisons)
        let start = FellegiSunter(comparisons: zip(comparisons, u).map { comparison, u in
            FellegiSunter.Comparison(name: comparison.rawValue, m: Self.startingM(levels: comparison.levels), u: u)
        }, lambda: 0.01)
        // Every pair counted once, by its levels packed four bits a comparison, the rules it agrees
        // on and the rule that made it: each EM session below then reads this small table, not
        // millions of pairs.
        precondition(settings.blocking.count <= 32, "a pair's agreeing rules are one bit each of 32")
        let estimating = settings.blocking.indices.filter { !settings.blocking[$0].pairsOnlyUndated }
        // m is learnt from a systematic sample of the pairs (every pair of a run of ordinary size):
        // at a million records, which rules each of fifty million pairs agrees on is most of the
        // cost and teaches EM nothing a sample does not. λ is counted over all of them.
        let stride = max(1, left.count / max(settings.mSamplePairs, 1))
        let tallies = Parallel.pieces(left.count) { range in
            var counts: [PatternKey: Double] = [:]
            var maker = ruleStarts.lastIndex { $0 <= range.lowerBound } ?? 0
            for k in range {
                while k >= ruleStarts[maker + 1] { maker += 1 }
                var pattern: UInt64 = 0
                for c in 0..<width { pattern |= UInt64(levels[k * width + c]) << (4 * c) }
                var agrees: UInt32 = 0
                let sampled = k % stride == 0
                if sampled {
                    for r in estimating where r == maker || rules[r].shares(Int(left[k]), Int(right[k])) { agrees |= 1 << r }
                }
                counts[PatternKey(pattern: pattern, agrees: agrees, maker: UInt16(maker), sampled: sampled), default: 0] += 1
            }
            return counts
        }.reduce(into: [PatternKey: Double]()) { $0.merge($1, uniquingKeysWith: +) }
        @Sendable func patterns(where included: (PatternKey) -> Bool, clearing excluded: (PatternKey) -> [Int]) -> [[UInt8]: Double] {
            var counts: [UInt64: Double] = [:]
            for (key, count) in tallies where included(key) {
                var mask = UInt64.max
                for c in excluded(key) { mask &= ~(UInt64(0xF) << (4 * UInt64(c))) }
                counts[key.pattern & mask, default: 0] += count
            }
            return Dictionary(uniqueKeysWithValues: counts.map { pattern, count in
                ((0..<width).map { UInt8((pattern >> (4 * UInt64($0))) & 0xF) }, count)
            })
        }
        // A Korean given name nearly tells the sex (영희 is a woman, 영철 a man): among pairs that
        // share a given name, namesakes agree on sex as often as matches do, where u (from random
        // pairs) expects half of them to. Counted, it makes EM take the namesakes for matches and
        // learn that matches seldom share a birth date; it is left out wherever the given name is.
        let ruleComparisons = settings.blocking.map { rule in
            comparisons.indices.filter { rule.comparisons.contains(comparisons[$0]) || (comparisons[$0] == .sex && rule.comparisons.contains(.givenName)) }
        }
        // m by EM once per blocking rule, over every candidate pair that agrees on the rule (not only
        // those it was first to make: the pairs a later rule adds lack what the earlier ones agreed
        // on, and would teach that matches never share a given name), leaving out the comparisons
        // the rule agrees on by construction: among pairs that share a name, EM would otherwise take
        // "shares a name" for "is a match". Each comparison's m is the mean over the rules that
        // could estimate it (as Splink does); λ is then estimated over all pairs with m and u fixed.
        var sums = start.comparisons.map { $0.m.map { _ in 0.0 } }
        var sessions = [Int](repeating: 0, count: width)
        // A rule that pairs only records without a birth year picks its pairs by what is missing,
        // not by what matches share; it teaches m nothing.
        // The sessions are independent: run on every core, combined in rule order.
        let estimates = Parallel.map(estimating) { r -> FellegiSunter? in
            let agreeing = patterns(where: { $0.sampled && $0.agrees & (1 << r) != 0 }, clearing: { _ in ruleComparisons[r] })
            guard agreeing.values.reduce(0, +) >= 10 else { return nil }
            return FellegiSunter.estimate(patterns: agreeing, start: start, fixedU: true)
        }
        for (r, session) in zip(estimating, estimates) {
            guard let session else { continue }
            let excluded = ruleComparisons[r]
            for c in comparisons.indices where !excluded.contains(c) {
                // A session whose estimate says that full agreement speaks against a match, or
                // disagreement for it, has found some other group than the matches (pairs sharing
                // a common name, say); that comparison's estimate from it is not used.
                let m = session.comparisons[c].m, u = session.comparisons[c].u
                guard m[m.count - 1] >= u[u.count - 1], m[1] <= u[1] else { continue }
                sessions[c] += 1
                for level in sums[c].indices { sums[c][level] += m[level] }
            }
        }
        var model = start
        for c in comparisons.indices where sessions[c] > 0 {
            model.comparisons[c].m = sums[c].map { $0 / Double(sessions[c]) }
        }
        // λ over every candidate pair, each without the comparisons of the rule that made it: those
        // agree by construction, and counted they would make most candidates look like matches.
        var all = patterns(where: { _ in true }, clearing: { ruleComparisons[Int($0.maker)] })
        // A pair with nothing left to compare tells nothing about λ; if no pair has anything
        // left (a tiny file that only names its people), every comparison counts after all.
        all[[UInt8](repeating: 0, count: width)] = nil
        if all.isEmpty { all = patterns(where: { _ in true }, clearing: { _ in [] }) }
        return FellegiSunter.estimate(patterns: all, start: model, fixedU: true, fixedM: true)
    }

    /// u per comparison and level from random pairs (seeded), nearly all non-matches.
    func uProbabilities(_ prepared: [PreparedRecord], rare: [Bool], comparisons: [LinkComparison]) -> [[Double]] {
        var generator = SeededGenerator(seed: settings.seed)
        var left: [Int32] = [], right: [Int32] = []
        if prepared.count > 1 {
            var attempts = 0
            let wanted = settings.randomPairs ?? LinkSettings.randomPairs(forRecords: prepared.count)
            while left.count < wanted, attempts < wanted * 4 {
                attempts += 1
                let i = Int.random(in: 0..<prepared.count, using: &generator), j = Int.random(in: 0..<prepared.count, using: &generator)
                if i == j || (settings.acrossSourcesOnly && prepared[i].source == prepared[j].source) { continue }
                left.append(Int32(i))
                right.append(Int32(j))
            }
        }
        let levels = compare(prepared, left, right, comparisons, rare: rare, progress: nil)
        return FellegiSunter.uProbabilities(flat: levels, levels: comparisons.map(\.levels))
    }

    /// How many pairs could be compared: all of them, or only those across sources.
    func possiblePairs(_ sources: [Int32]) -> Double {
        let n = Double(sources.count)
        guard settings.acrossSourcesOnly else { return n * (n - 1) / 2 }
        var sizes: [Int32: Double] = [:]
        for source in sources { sizes[source, default: 0] += 1 }
        return (n * n - sizes.values.reduce(0) { $0 + $1 * $1 }) / 2
    }

    /// A starting point for m: matches mostly agree fully, seldom disagree.
    static func startingM(levels: Int) -> [Double] {
        guard levels > 2 else { return [0, 1] }
        var m = [Double](repeating: 0, count: levels)
        m[1] = 0.05
        let middle = levels - 3
        m[levels - 1] = middle == 0 ? 0.95 : 0.7
        for level in 2..<(levels - 1) { m[level] = 0.25 / Double(middle) }
        return m
    }

    typealias NameCounts = (family: ValueCounts, given: ValueCounts)

    /// Each record's family and given name keys (of its first reading, as blocking and term
    /// frequencies use them), counted.
    func nameCounts(_ prepared: [PreparedRecord]) -> NameCounts {
        let keys = Parallel.filled(prepared.count) { r in
            (prepared[r].familyKey.map(Blocking.Keys.hash), prepared[r].givenKey.map(Blocking.Keys.hash))
        }
        return (ValueCounts(keys.map(\.0)), ValueCounts(keys.map(\.1)))
    }

    /// Whether each record's given name is spelt (as a sound key) as no other record's is.
    func rareGivenNames(_ names: NameCounts) -> [Bool] {
        names.given.hashes.indices.map(names.given.isUnique)
    }

    /// For each term-frequency comparison, each record's share of records with its key.
    func termFrequencies(_ names: NameCounts, comparisons: [LinkComparison]) -> [LinkComparison: [Double]] {
        var result: [LinkComparison: [Double]] = [:]
        for comparison in comparisons where settings.termFrequency.contains(comparison) {
            guard let counts = comparison == .familyName ? names.family : comparison == .givenName ? names.given : nil,
                  counts.withValue > 0 else { continue }
            result[comparison] = counts.hashes.indices.map(counts.share)
        }
        return result
    }

    /// A pair's levels (four bits a comparison), the rules it agrees on (a bit each) and the rule
    /// that made it: what estimating needs to know of a pair.
    private struct PatternKey: Hashable {
        var pattern: UInt64
        var agrees: UInt32
        var maker: UInt16
        /// Whether the pair is in the sample m is learnt from (`agrees` is known only then).
        var sampled: Bool
    }

}
