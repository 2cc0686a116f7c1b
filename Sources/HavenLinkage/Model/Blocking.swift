import HavenCore

/// Candidate pairs from several blocking rules, unioned: records that share a rule's key are
/// compared; each pair is compared once however many rules (or keys) bring it. A key shared by
/// more than `maximumBlock` records (a very common surname alone, say) is too weak to use and is
/// skipped, so that no rule turns into comparing everything with everything.
///
/// Keys are 64-bit hashes (FNV-1a, the same in every run); a record may have several keys under
/// a rule (a name read two ways). Blocks are found by sorting, not by a dictionary of arrays,
/// which keeps a million records' blocks in a few flat arrays.
public struct Blocking: Sendable {
    public var maximumBlock: Int

    public init(maximumBlock: Int = 1_000) {
        self.maximumBlock = maximumBlock
    }

    /// Each record's keys under one rule, as flat arrays: record i's keys are
    /// `hashes[offsets[i]..<offsets[i + 1]]`, sorted and without repeats.
    public struct Keys: Sendable {
        public private(set) var offsets: [Int] = [0]
        public private(set) var hashes: [UInt64] = []

        public init() {}

        /// Room for `records` records' keys, about `keysPerRecord` each, without growing.
        public mutating func reserveCapacity(records: Int, keysPerRecord: Int) {
            offsets.reserveCapacity(records + 1)
            hashes.reserveCapacity(records * keysPerRecord)
        }

        /// Appends the next record's keys (an empty key is no key).
        public mutating func append(_ keys: some Sequence<String>) {
            append(hashes: keys.compactMap { $0.isEmpty ? nil : Self.hash($0) })
        }

        /// Appends the next record's keys given as hashes (``hash(_:)`` of each key).
        public mutating func append(hashes keys: [UInt64]) {
            var keys = keys
            append(sorting: &keys)
        }

        /// Appends the next record's keys given as hashes, sorting them in place first.
        mutating func append(sorting keys: inout [UInt64]) {
            // Most records have no key or one under a rule: no sorting.
            if keys.count <= 1 {
                hashes.append(contentsOf: keys)
                offsets.append(hashes.count)
                return
            }
            // A handful of keys sorted by insertion, a one-edit rule's dozens by the library's
            // sort; repeats dropped as they go in.
            keys.withUnsafeMutableBufferPointer { keys in
                if keys.count > 12 { keys.sort() } else { Blocking.insertionSort(keys, by: <) }
                var last = keys[0]
                hashes.append(last)
                for key in keys[1...] where key != last {
                    hashes.append(key)
                    last = key
                }
            }
            offsets.append(hashes.count)
        }

        public var count: Int { offsets.count - 1 }

        func of(_ record: Int) -> ArraySlice<UInt64> { hashes[offsets[record]..<offsets[record + 1]] }

        /// The smallest key two records share that is not in `skipped`, if any.
        func firstShared(_ a: Int, _ b: Int, skipping skipped: Set<UInt64>) -> UInt64? {
            firstShared(a, b) { skipped.isEmpty || !skipped.contains($0) }
        }

        /// The smallest key two records share that `allowed` accepts, if any.
        @inline(__always)
        func firstShared(_ a: Int, _ b: Int, where allowed: (UInt64) -> Bool) -> UInt64? {
            // By index into the flat arrays: called for every candidate pair and more, where
            // making two slices costs more than the merge.
            var i = offsets[a], j = offsets[b]
            let iEnd = offsets[a + 1], jEnd = offsets[b + 1]
            return hashes.withUnsafeBufferPointer { hashes in
                while i < iEnd, j < jEnd {
                    let x = hashes[i], y = hashes[j]
                    if x == y {
                        if allowed(x) { return x }
                        i += 1
                        j += 1
                    } else if x < y {
                        i += 1
                    } else {
                        j += 1
                    }
                }
                return nil
            }
        }

        /// Every (key, record) pair, ordered by key and, within a key, by record. Spread into
        /// buckets by the key's top bits (about one bucket per eight entries, one counting
        /// pass), then each bucket sorted on its own: a few times faster than sorting the whole
        /// array, and the buckets are sorted on every core.
        /// With `wanted`, only keys it may contain; with `included`, only the records it marks.
        func entriesByKey(among wanted: KeyFilter? = nil, of included: [Bool]? = nil) -> [(hash: UInt64, record: Int32)] {
            let keep = { (hash: UInt64) in wanted?.mayContain(hash) ?? true }
            let includes = { (record: Int) in included?[record] ?? true }
            var total = 0
            for record in 0..<count where includes(record) {
                for k in offsets[record]..<offsets[record + 1] where keep(hashes[k]) { total += 1 }
            }
            guard total > 0 else { return [] }
            // Fewer buckets than entries: the bucket table is zeroed and walked, and sorting eight
            // entries by insertion costs less than a bucket each.
            let bits = min(max(Int.bitWidth - total.leadingZeroBitCount - 3, 4), 22)
            let shift = UInt64(64 - bits)
            var starts = [Int](repeating: 0, count: (1 << bits) + 1)
            for record in 0..<count where includes(record) {
                for k in offsets[record]..<offsets[record + 1] where keep(hashes[k]) { starts[Int(hashes[k] >> shift) + 1] += 1 }
            }
            for bucket in 0..<(1 << bits) { starts[bucket + 1] += starts[bucket] }
            var entries = [(hash: UInt64, record: Int32)](repeating: (0, 0), count: total)
            var next = starts
            // Records in order, so each bucket holds its entries in record order already.
            for record in 0..<count where includes(record) {
                for k in offsets[record]..<offsets[record + 1] {
                    let hash = hashes[k], bucket = Int(hash >> shift)
                    guard keep(hash) else { continue }
                    entries[next[bucket]] = (hash, Int32(record))
                    next[bucket] += 1
                }
            }
            let bounds = starts
            entries.withUnsafeMutableBufferPointer { buffer in
                let output = Parallel.Output(base: buffer.baseAddress)
                Parallel.chunks(1 << bits) { buckets in
                    for bucket in buckets {
                        let low = bounds[bucket], high = bounds[bucket + 1]
                        guard high - low > 1 else { continue }
                        var part = UnsafeMutableBufferPointer(start: output.base! + low, count: high - low)
                        if part.count <= 32 {
                            // Insertion by key alone keeps the record order of equal keys.
                            Blocking.insertionSort(part) { $0.hash < $1.hash }
                        } else {
                            part.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.record < $1.record }
                        }
                    }
                }
            }
            return entries
        }

        /// A set of keys that may answer yes for a key not in it, never no for one that is: a
        /// bitmap of about sixteen bits per key, indexed by the key's low bits.
        struct KeyFilter {
            private var bits: [UInt64]
            private let mask: UInt64

            init(_ keys: some Collection<UInt64>) {
                let wanted = max(keys.count, 1) * 16
                let size = max(1 << 12, min(1 << 24, 1 << (Int.bitWidth - (wanted - 1).leadingZeroBitCount)))
                bits = [UInt64](repeating: 0, count: size / 64)
                mask = UInt64(size - 1)
                for key in keys { bits[Int((key & mask) >> 6)] |= 1 << (key & 63) }
            }

            func mayContain(_ key: UInt64) -> Bool { bits[Int((key & mask) >> 6)] & (1 << (key & 63)) != 0 }
        }

        /// Whether two records share any key.
        func shares(_ a: Int, _ b: Int) -> Bool { firstShared(a, b, skipping: []) != nil }

        /// FNV-1a over UTF-8: stable across processes, unlike Swift's seeded `Hasher`.
        static func hash(_ key: String) -> UInt64 { hash(key, from: 0xcbf2_9ce4_8422_2325) }

        /// ``hash(_:from:)`` of a text's UTF-8, read from its storage where it can be (a native
        /// string's always can), not byte by byte through its view.
        static func hash(_ text: String, from start: UInt64) -> UInt64 {
            text.utf8.withContiguousStorageIfAvailable { hash($0, from: start) } ?? hash(text.utf8, from: start)
        }

        /// FNV-1a continued from `start` over `bytes`: the hash of a key whose beginning was
        /// hashed already (`hash(a + b) == hash(b, from: hash(a))`).
        static func hash(_ bytes: some Sequence<UInt8>, from start: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
            var hash = start
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            return hash
        }
    }

    /// One rule's keys, and how it pairs the records that share one.
    public struct Rule: Sendable {
        public var keys: Keys
        /// When set, the rule pairs only where at least one of the two records is marked (a
        /// record without a birth year, say).
        public var marked: [Bool]?
        /// When set, the rule pairs only records whose years are both known (not ``noYear``)
        /// and at most one apart, and its blocks are a key's records of two neighbouring years:
        /// a key shared by too many records born in 1971–72 leaves the pairs born 1975 to it.
        /// (The keys hold no year: a key for each span of two years a record falls in made twice
        /// as many keys to make, sort and walk.)
        public var years: [Int32]?
        /// A key shared by more records than this is skipped (the blocking's own limit if nil).
        public var maximumBlock: Int?

        /// A record's year when it has none.
        public static let noYear = Int32.min

        public init(keys: Keys, marked: [Bool]? = nil, years: [Int32]? = nil, maximumBlock: Int? = nil) {
            self.keys = keys
            self.marked = marked
            self.years = years
            self.maximumBlock = maximumBlock
        }

        /// Whether this rule makes the pair (i, j), leaving out the keys (or, by years, the
        /// blocks) in `skipped`.
        func makes(_ i: Int, _ j: Int, skipping skipped: Set<UInt64>) -> Bool {
            if let marked, !marked[i], !marked[j] { return false }
            if let years, !Self.near(years[i], years[j]) { return false }
            return firstShared(i, j, skipping: skipped) != nil
        }

        /// Whether the two records share a key (and, by years, are born at most a year apart),
        /// whatever was skipped and marked: whether they agree on what the rule asks.
        func shares(_ i: Int, _ j: Int) -> Bool {
            if let years, !Self.near(years[i], years[j]) { return false }
            return keys.shares(i, j)
        }

        /// The smallest key the two records share through which the rule may pair them.
        func firstShared(_ i: Int, _ j: Int, skipping skipped: Set<UInt64>) -> UInt64? {
            guard let years, !skipped.isEmpty else { return keys.firstShared(i, j, skipping: skipped) }
            let low = min(years[i], years[j]), same = years[i] == years[j]
            // The pair is in its key's block of years low and low + 1, and with both born in
            // the same year, also in that of low - 1 and low: one of them not skipped will do.
            return keys.firstShared(i, j) { key in
                !skipped.contains(Self.block(key, from: low)) || (same && !skipped.contains(Self.block(key, from: low - 1)))
            }
        }

        static func near(_ a: Int32, _ b: Int32) -> Bool {
            a != noYear && b != noYear && abs(Int(a) - Int(b)) <= 1
        }

        /// What stands for a key's block of records born in `year` or the year after.
        static func block(_ key: UInt64, from year: Int32) -> UInt64 {
            let bits = UInt32(bitPattern: year)
            return Keys.hash((0..<4).lazy.map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) }, from: key)
        }
    }

    /// The candidate pairs blocking made, and what it needs to tell whether it made another pair.
    public struct Candidates: Sendable {
        /// Pair k is `left[k]`–`right[k]`, `left[k] < right[k]`.
        public var left: [Int32]
        public var right: [Int32]
        /// Rule r's pairs are `ruleStarts[r] ..< ruleStarts[r + 1]`.
        public var ruleStarts: [Int]
        let rules: [Rule]
        /// Each rule's keys left out for being shared by too many records.
        let skipped: [Set<UInt64>]
        let groups: [Int32]?

        /// Whether (i, j) is one of the pairs: some rule pairs the two by a key it did not skip.
        public func made(_ i: Int, _ j: Int) -> Bool {
            if let groups, groups[i] == groups[j] { return false }
            return zip(rules, skipped).contains { $0.makes(i, j, skipping: $1) }
        }
    }

    /// Sorts a few elements in place by insertion (stable: equal elements keep their order), which
    /// for a handful is faster than the library's sort.
    static func insertionSort<T>(_ elements: UnsafeMutableBufferPointer<T>, by before: (T, T) -> Bool) {
        guard elements.count > 1 else { return }
        for i in 1..<elements.count {
            let element = elements[i]
            var j = i
            while j > 0, before(element, elements[j - 1]) {
                elements[j] = elements[j - 1]
                j -= 1
            }
            elements[j] = element
        }
    }

    /// ``candidates(_:groups:)`` of rules that pair every record sharing a key.
    public func pairs(rules: [Keys], groups: [Int32]? = nil) -> Candidates {
        candidates(rules.map { Rule(keys: $0) }, groups: groups)
    }

    /// Pairs (i, j), i < j, of records sharing a key under any rule. With `groups`, records of
    /// the same group (the same source, when linking sources only to each other) are not paired.
    /// A pair is made by the first rule, and within it the smallest key, that brings it.
    public func candidates(_ rules: [Rule], groups: [Int32]? = nil) -> Candidates {
        var left: [Int32] = [], right: [Int32] = []
        var skipped: [Set<UInt64>] = []
        var ruleStarts = [0]
        for (r, rule) in rules.enumerated() {
            let keys = rule.keys, marked = rule.marked, limit = rule.maximumBlock ?? maximumBlock
            // A rule pairing only marked records needs only the keys some marked record has
            // (the rule for records without a birth year: a few in most files); one pairing by
            // years only the records that have one.
            var entries = keys.entriesByKey(among: marked.map { marked in
                Keys.KeyFilter(marked.indices.filter { marked[$0] }.flatMap { keys.of($0) })
            }, of: rule.years.map { years in years.map { $0 != Rule.noYear } })
            let (blocks, tooLarge) = rule.years.map { Self.blocksByYear(&entries, years: $0, limit: limit) } ?? Self.blocks(entries, limit: limit)
            let earlier = Array(zip(rules.prefix(r), skipped))
            let sorted = entries, found = blocks, skipping = tooLarge
            // The blocks in pieces over the cores, each piece's pairs kept in block order.
            let pieces = Parallel.pieces(blocks.count) { range in
                var left: [Int32] = [], right: [Int32] = []
                for block in found[range] {
                    let key = sorted[block.first.lowerBound].hash
                    func consider(_ a: Int, _ b: Int) {
                        let i = Int(sorted[a].record), j = Int(sorted[b].record)
                        if let groups, groups[i] == groups[j] { return }
                        if let marked, !marked[i], !marked[j] { return }
                        // An earlier rule's keys are fewer (a name, a date) than a one-edit
                        // rule's dozens: asking them first is the cheaper way to drop a pair.
                        if earlier.contains(where: { $0.makes(i, j, skipping: $1) }) { return }
                        if rule.firstShared(i, j, skipping: skipping) != key { return }
                        left.append(Int32(min(i, j)))
                        right.append(Int32(max(i, j)))
                    }
                    if let second = block.second {
                        for a in block.first { for b in second { consider(a, b) } }
                    } else {
                        for a in block.first.lowerBound..<(block.first.upperBound - 1) {
                            for b in (a + 1)..<block.first.upperBound { consider(a, b) }
                        }
                    }
                }
                return (left, right)
            }
            for piece in pieces {
                left += piece.0
                right += piece.1
            }
            skipped.append(tooLarge)
            ruleStarts.append(left.count)
        }
        return Candidates(left: left, right: right, ruleStarts: ruleStarts, rules: rules, skipped: skipped, groups: groups)
    }

    /// Where a rule's pairs are: every pair within `first` or, with `second`, every pair of one
    /// record from each (entries of a key, ranges of the entries ordered by key).
    struct Block {
        var first: Range<Int>
        var second: Range<Int>?
    }

    /// Each key's entries as a block, but for the keys of more than `limit` records (skipped).
    static func blocks(_ entries: [(hash: UInt64, record: Int32)], limit: Int) -> ([Block], Set<UInt64>) {
        var blocks: [Block] = []
        var tooLarge = Set<UInt64>()
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].hash == entries[start].hash { end += 1 }
            if end - start > limit { tooLarge.insert(entries[start].hash) } else if end - start > 1 { blocks.append(Block(first: start..<end)) }
            start = end
        }
        return (blocks, tooLarge)
    }

    /// The blocks of a rule pairing by years: each key's entries ordered by year, then the pairs
    /// within a year and between one year and the next. A key's block of two neighbouring years
    /// holding more than `limit` records is skipped (as ``Rule/block(_:from:)``); a pair born in
    /// the same year is left out only when both blocks it is in are.
    static func blocksByYear(_ entries: inout [(hash: UInt64, record: Int32)], years: [Int32], limit: Int) -> ([Block], Set<UInt64>) {
        var blocks: [Block] = []
        var tooLarge = Set<UInt64>()
        var groups: [(year: Int32, range: Range<Int>)] = []
        var start = 0
        while start < entries.count {
            let key = entries[start].hash
            var end = start + 1
            while end < entries.count, entries[end].hash == key { end += 1 }
            defer { start = end }
            guard end - start > 1 else { continue }
            // By year, and within a year by record as before (the sort is stable).
            entries.withUnsafeMutableBufferPointer { buffer in
                var run = UnsafeMutableBufferPointer(rebasing: buffer[start..<end])
                if run.count <= 32 {
                    Self.insertionSort(run) { years[Int($0.record)] < years[Int($1.record)] }
                } else {
                    run.sort { (years[Int($0.record)], $0.record) < (years[Int($1.record)], $1.record) }
                }
            }
            groups.removeAll(keepingCapacity: true)
            var low = start
            for index in (start + 1)...end where index == end || years[Int(entries[index].record)] != years[Int(entries[low].record)] {
                groups.append((years[Int(entries[low].record)], low..<index))
                low = index
            }
            for (g, group) in groups.enumerated() {
                let next = g + 1 < groups.count && groups[g + 1].year == group.year + 1 ? groups[g + 1].range : nil
                let before = g > 0 && groups[g - 1].year == group.year - 1 ? groups[g - 1].range.count : 0
                // The blocks of years y - 1 and y, and of y and y + 1.
                let earlierFits = before + group.range.count <= limit, laterFits = group.range.count + (next?.count ?? 0) <= limit
                if !earlierFits { tooLarge.insert(Rule.block(key, from: group.year - 1)) }
                if !laterFits { tooLarge.insert(Rule.block(key, from: group.year)) }
                if group.range.count > 1, earlierFits || laterFits { blocks.append(Block(first: group.range)) }
                if let next, laterFits { blocks.append(Block(first: group.range, second: next)) }
            }
        }
        return (blocks, tooLarge)
    }

    /// Pairs from keys given as text, one optional key per record and rule (for small inputs
    /// and tests).
    public func pairs(keys: [[String?]]) -> [(Int, Int)] {
        let rules = keys.map { rule in
            var keys = Keys()
            for key in rule { keys.append(key.map { [$0] } ?? []) }
            return keys
        }
        let candidates = pairs(rules: rules)
        return zip(candidates.left, candidates.right).map { (Int($0), Int($1)) }
    }
}
