import HavenCore
@testable import HavenLinkage
import Testing
import HavenFixtures

/// Blocking unions its rules' pairs once each and skips keys too common to use; clustering joins
/// what links strongly and never chains two people together through one ambiguous link.
struct BlockingClusteringTests {
    @Test func rulesAreUnionedAndEachPairComparedOnce() {
        let keys: [[String?]] = [["kim", "kim", "pak", "kim", nil], ["1979", "1980", "1979", "1979", "1979"]]
        let pairs = Blocking().pairs(keys: keys).map { "\($0.0)-\($0.1)" }
        #expect(Set(pairs) == ["0-1", "0-3", "1-3", "0-2", "2-3", "0-4", "2-4", "3-4"] && pairs.count == 8)
        #expect(Blocking(maximumBlock: 3).pairs(keys: [["kim", "kim", "kim", "kim"]]).isEmpty, "a key shared by too many records is skipped")
    }

    @Test func clustersDoNotChainThroughAnAmbiguousLink() {
        // A–B are surely one; B–C looks alike, but A–C is surely two people: C stays apart.
        let chained = Clustering().clusters(count: 3, pairs: [(0, 1, 0.99), (1, 2, 0.95), (0, 2, 0.001)])
        #expect(chained == [0, 0, 1])
        // Without the evidence against, B–C joins them.
        #expect(Clustering().clusters(count: 3, pairs: [(0, 1, 0.99), (1, 2, 0.95)]) == [0, 0, 0])
        // Below the threshold nothing joins; every record has exactly one cluster.
        let clusters = Clustering(threshold: 0.9).clusters(count: 5, pairs: [(0, 4, 0.5), (1, 3, 0.92)])
        #expect(clusters == [0, 1, 2, 1, 3])
    }

    @Test func aPairBlockingNeverMadeIsAskedForBeforeTwoClustersJoin() {
        // 2 has no birth date and links to namesakes 0 and 1, who were never compared.
        let pairs: [(i: Int, j: Int, probability: Double)] = [(0, 2, 0.95), (1, 2, 0.94)]
        let left = pairs.map { Int32($0.i) }, right = pairs.map { Int32($0.j) }, probabilities = pairs.map(\.probability)
        let asked = Clustering().clusters(count: 3, left: left, right: right, probabilities: probabilities, probability: { i, j in
            Set([i, j]) == [0, 1] ? 0.001 : 0.95
        })
        #expect(asked.clusters == [0, 1, 0], "born thirty years apart, 0 and 1 stay two people; 2 joins the stronger link")
        #expect(asked.decisions == [0: .joined, 1: .keptApartByScore(1, 0)])
        #expect(Clustering().clusters(count: 3, left: left, right: right, probabilities: probabilities).clusters == [0, 0, 0],
                "without being asked, the undated record chains them")
    }

    /// Records 0 and 3 were born on different days (a conflict); 1 and 2 link each of them strongly
    /// and each other: a chain 0–1–2–3 that must not make 0 and 3 one person.
    @Test func clustersNeverHoldTwoRecordsWhoseEvidenceConflicts() {
        let pairs: [(i: Int, j: Int, probability: Double)] = [(0, 1, 0.99), (1, 2, 0.98), (2, 3, 0.97)]
        let conflict: (Int, Int) -> Clustering.Conflict? = { i, j in Set([i, j]) == [0, 3] ? .birthDate : nil }
        let result = Clustering().clusters(count: 4, left: pairs.map { Int32($0.i) }, right: pairs.map { Int32($0.j) },
                                           probabilities: pairs.map(\.probability), conflict: conflict)
        #expect(result.clusters == [0, 0, 0, 1])
        #expect(result.decisions == [0: .joined, 1: .joined, 2: .keptApart(3, 0, .birthDate)])
        // A strong pair whose own records conflict (the sexes differ) is not joined at all.
        let own = Clustering().clusters(count: 2, left: [0], right: [1], probabilities: [0.999], conflict: { _, _ in .sex })
        #expect(own.clusters == [0, 1] && own.decisions == [0: .conflicting(.sex)])
    }

    /// Record 2 has only a name, and fits namesakes 0 and 1 (who conflict) about equally: it joins
    /// neither. When its link to 0 is far the stronger, it joins 0.
    @Test func aRecordThatFitsSeveralPeopleEquallyJoinsNone() {
        let conflict: (Int, Int) -> Clustering.Conflict? = { i, j in Set([i, j]) == [0, 1] ? .birthDate : nil }
        func run(_ first: Double, _ second: Double) -> (clusters: [Int], decisions: [Int: Clustering.Decision]) {
            Clustering().clusters(count: 3, left: [0, 1], right: [2, 2], probabilities: [first, second], conflict: conflict)
        }
        let equal = run(0.95, 0.94)
        #expect(equal.clusters == [0, 1, 2])
        #expect(equal.decisions == [0: .ambiguous(2), 1: .ambiguous(2)])
        // 0.999 against 0.94 is 10 bits against 4: far more than the margin of 3.
        let clear = run(0.999, 0.94)
        #expect(clear.clusters == [0, 1, 0])
        #expect(clear.decisions == [0: .joined, 1: .keptApart(1, 0, .birthDate)])
        // Namesakes who are, by their own strong pair, one person: the record joins them both.
        let one = Clustering().clusters(count: 3, left: [0, 1, 0], right: [2, 2, 1], probabilities: [0.95, 0.94, 0.97])
        #expect(one.clusters == [0, 0, 0])
        // Namesakes that do not conflict but whose own pair, scored when asked, says two people
        // (0.2): the record that fits both cannot say which, and joins neither.
        let unsure = Clustering().clusters(count: 3, left: [0, 1], right: [2, 2], probabilities: [0.95, 0.94],
                                           conflict: { _, _ in nil }, probability: { _, _ in 0.2 })
        #expect(unsure.clusters == [0, 1, 2] && unsure.decisions == [0: .ambiguous(2), 1: .ambiguous(2)])
    }
}

/// Blocking with several keys per record: a pair is made once, by the first rule and key that
/// can make it, and a key too common to use leaves the pair to the next key or rule.
struct BlockingKeysTests {
    func keys(_ lists: [[String]]) -> Blocking.Keys {
        var keys = Blocking.Keys()
        for list in lists { keys.append(list) }
        return keys
    }

    @Test func entriesByKeyAreOrderedByKeyThenRecordLikeAFullSort() {
        // Few distinct keys (large buckets, sorted whole) and many (small buckets, by insertion),
        // with keys of equal top bits that differ below them.
        var generator = SeededGenerator(seed: 7)
        for distinct in [3, 40, 5_000] {
            var keys = Blocking.Keys()
            var expected: [(hash: UInt64, record: Int32)] = []
            for record in 0..<2_000 {
                let hashes = (0..<Int.random(in: 0...3, using: &generator)).map { _ -> UInt64 in
                    let key = UInt64.random(in: 0..<UInt64(distinct), using: &generator)
                    return key.isMultiple(of: 2) ? key &* 0x9E37_79B9_7F4A_7C15 : key
                }
                keys.append(hashes: hashes)
                expected += Set(hashes).map { ($0, Int32(record)) }
            }
            expected.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.record < $1.record }
            let entries = keys.entriesByKey()
            #expect(entries.map(\.hash) == expected.map(\.hash) && entries.map(\.record) == expected.map(\.record), "\(distinct) distinct keys")
        }
    }

    @Test func aKeyFilterNeverLeavesOutAKeyItHoldsAndLeavesOutMostOthers() {
        var generator = SeededGenerator(seed: 3)
        let held = (0..<500).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
        let filter = Blocking.Keys.KeyFilter(held)
        #expect(held.allSatisfy(filter.mayContain))
        let others = (0..<10_000).filter { _ in filter.mayContain(UInt64.random(in: .min ... .max, using: &generator)) }.count
        #expect(others < 1_000, "\(others) of 10,000 other keys let through")
    }

    @Test func aPairSharingSeveralKeysIsMadeOnce() {
        let rule = keys([["ri|jungsuk", "i|jungsuk"], ["i|jungsuk", "ri|jungsuk"], ["i|jungsuk"], ["kim|chulmin"]])
        let candidates = Blocking().pairs(rules: [rule, rule])
        #expect(Array(zip(candidates.left, candidates.right).map { "\($0)-\($1)" }).sorted() == ["0-1", "0-2", "1-2"])
    }

    @Test func anOversizedKeyLeavesThePairToTheNextRule() {
        let common = keys([["kim"], ["kim"], ["kim"], ["kim"]])
        let dates = keys([["1972"], ["1972"], [], ["1980"]])
        let candidates = Blocking(maximumBlock: 3).pairs(rules: [common, dates])
        #expect(zip(candidates.left, candidates.right).map { "\($0)-\($1)" } == ["0-1"], "the surname block is too large; the year pairs 0 and 1")
        #expect(candidates.made(0, 1) && candidates.made(1, 0))
        #expect(!candidates.made(0, 2) && !candidates.made(0, 3), "sharing only the skipped surname key, they were never compared")
    }

    @Test func groupsKeepRecordsOfOneSourceApart() {
        let rule = keys([["a"], ["a"], ["a"]])
        let candidates = Blocking().pairs(rules: [rule], groups: [0, 0, 1])
        #expect(zip(candidates.left, candidates.right).map { "\($0)-\($1)" } == ["0-2", "1-2"])
        #expect(!candidates.made(0, 1) && candidates.made(1, 2))
    }

    @Test func aRuleThatRequiresAMarkedRecordPairsOnlyThoseAndLeavesTheRestToLaterRules() {
        // Records 0 and 1 are marked (no birth year); all four share the name key.
        let names = keys([["kim|minho"], ["kim|minho"], ["kim|minho"], ["kim|minho"]])
        let years = keys([[], [], ["1972"], ["1972"]])
        let candidates = Blocking().candidates([Blocking.Rule(keys: names, marked: [true, true, false, false]), Blocking.Rule(keys: years)])
        let (left, right, starts) = (candidates.left, candidates.right, candidates.ruleStarts)
        let pairs = zip(left, right).map { "\($0)-\($1)" }
        #expect(Array(pairs[starts[0]..<starts[1]]) == ["0-1", "0-2", "0-3", "1-2", "1-3"], "every pair with a marked record")
        #expect(Array(pairs[starts[1]..<starts[2]]) == ["2-3"], "two dated records sharing the name are still paired by the year")
    }

    @Test func aRuleByYearsPairsOnlyRecordsBornAtMostAYearApart() {
        let names = keys([["kim|minho"], ["kim|minho"], ["kim|minho"], ["kim|minho"], ["kim|minho"]])
        let none = Blocking.Rule.noYear
        let candidates = Blocking().candidates([Blocking.Rule(keys: names, years: [1970, 1971, 1972, none, 1970])])
        #expect(Set(zip(candidates.left, candidates.right).map { "\($0)-\($1)" }) == ["0-1", "0-4", "1-2", "1-4"])
        #expect(candidates.left.count == 4, "each pair once")
        #expect(!candidates.made(0, 2), "born two years apart")
        #expect(!candidates.made(3, 0) && !candidates.made(3, 1), "a record without a year is not paired by years")
        let rule = candidates.rules[0]
        #expect(rule.shares(0, 1) && !rule.shares(0, 2) && !rule.shares(0, 3), "what EM counts as agreeing on the rule asks for the years too")
    }

    @Test func aRuleByYearsSkipsOnlyTheCrowdedYearsOfAKey() {
        // Six records share the key: four born 1971, one 1972, one 1980. With blocks of at most
        // four, 1970–71 holds four (kept), 1971–72 five (skipped), 1979–80 one.
        let shared = keys(Array(repeating: ["kim|minho"], count: 6))
        let candidates = Blocking(maximumBlock: 4).candidates([Blocking.Rule(keys: shared, years: [1971, 1971, 1971, 1971, 1972, 1980])])
        let pairs = Set(zip(candidates.left, candidates.right).map { "\($0)-\($1)" })
        #expect(pairs == ["0-1", "0-2", "0-3", "1-2", "1-3", "2-3"], "those born in 1971 are still paired through 1970–71")
        #expect(!candidates.made(0, 4), "1971 and 1972 meet only in the skipped block")
    }

    /// The rule as it was first written: a key for each span of two years a record falls in.
    func spans(_ year: Int32) -> [String] { ["e\(year / 2)", "o\((year - 1) / 2)"] }

    @Test func aRuleByYearsMakesThePairsOfAKeyForEachSpanOfTwoYears() {
        var generator = SeededGenerator(seed: 11)
        for limit in [3, 6, 1_000] {
            var names: [[String]] = [], years: [Int32] = []
            for _ in 0..<300 {
                let year = Int32.random(in: 0..<6, using: &generator) == 0 ? Blocking.Rule.noYear : Int32.random(in: 1968...1975, using: &generator)
                names.append(Array(Set((0..<Int.random(in: 0...3, using: &generator)).map { _ in "k\(Int.random(in: 0..<12, using: &generator))" })))
                years.append(year)
            }
            let first = keys(names.map { $0.filter { $0 == "k0" } })
            let bySpan = keys(zip(names, years).map { names, year in
                year == Blocking.Rule.noYear ? [] : names.flatMap { name in spans(year).map { name + "|" + $0 } }
            })
            let blocking = Blocking(maximumBlock: limit)
            let old = blocking.candidates([Blocking.Rule(keys: first), Blocking.Rule(keys: bySpan)])
            let new = blocking.candidates([Blocking.Rule(keys: first), Blocking.Rule(keys: keys(names), years: years)])
            let pairs = { (c: Blocking.Candidates) in Set(zip(c.left, c.right).map { "\($0)-\($1)" }) }
            #expect(pairs(new) == pairs(old) && new.left.count == old.left.count && new.ruleStarts == old.ruleStarts, "blocks of at most \(limit)")
            let differing = (0..<300).flatMap { i in (0..<300).filter { j in new.made(i, j) != old.made(i, j) } }
            #expect(differing.isEmpty, "blocks of at most \(limit): \(differing.count) records disagree on made")
        }
    }
}

/// The keys that find a name despite a slip or an ambiguous surname spelling.
struct BlockingRuleKeysTests {
    @Test func oneEditKeysMeetAcrossAnInsertionDeletionSubstitutionOrTransposition() {
        let base = Set(BlockingRule.oneEdit("seoksong"))
        for slip in ["sekksong", "seoksog", "seoksonk", "soeksong", "seokosong"] {
            #expect(!base.isDisjoint(with: BlockingRule.oneEdit(slip)), "\(slip) is one edit from seoksong")
        }
        #expect(base.isDisjoint(with: BlockingRule.oneEdit("minho")), "different names share no key")
        #expect(!Set(BlockingRule.oneEdit("mun")).isDisjoint(with: BlockingRule.oneEdit("mnn")), "three letters are enough (Pak Mnn / 박문)")
        #expect(BlockingRule.oneEdit("ji") == ["ji"], "a short key stays whole")
        #expect(BlockingRule.oneEdit("").isEmpty)
    }

    @Test func hashedKeysAreTheHashesOfTheKeys() {
        let records = [LinkRecord(id: "a", name: "Kim Seoksong", birthDate: "1972"), LinkRecord(id: "b", name: "리정숙"),
                       LinkRecord(id: "c", name: "Yun Ji", birthDate: "1990-02-03"), LinkRecord(id: "d", name: "Ahn"),
                       LinkRecord(id: "e", givenName: "michaela", familyName: "neumann", birthDate: "1915-11-11", postcode: "4223",
                                  idNumber: "5304218", phone: "02 9876 5432"),
                       LinkRecord(id: "f", givenName: "순희", familyName: "림", birthDate: "1968-07", postcode: "04-123")]
        var rulesWithKeys = Set<BlockingRule>()
        for record in records {
            let prepared = PreparedRecord(record, source: 0)
            for rule in BlockingRule.allCases {
                let keys = rule.keys(prepared)
                #expect(Set(rule.hashes(prepared)) == Set(keys.map(Blocking.Keys.hash)), "\(rule) of \(record.id)")
                if !keys.isEmpty { rulesWithKeys.insert(rule) }
            }
        }
        #expect(rulesWithKeys == Set(BlockingRule.allCases), "every rule is checked on a record that has its keys")
    }

    @Test func anAmbiguousSurnameSpellingBlocksWithEveryHangulSurnameItMayBe() {
        let yun = KoreanName("Yun Ryol Ok").readings.flatMap(KoreanName.familyBlockKeys)
        #expect(yun.contains("윤") && yun.contains("연"), "Yun is 윤 or 연: \(yun)")
        #expect(Set(KoreanName("윤 렬옥").readings.flatMap(KoreanName.familyBlockKeys)) == ["윤"])
        // A slip in a surname that still sounds like a known one finds it.
        let slipped = KoreanName("Jonng Jon Im").readings.flatMap(KoreanName.familyBlockKeys)
        #expect(slipped.contains("정"), "Jonng sounds like Jong: \(slipped)")
        #expect(KoreanName.parts(KoreanName("Jonng Jon Im"), KoreanName("정전임")).family == 1)
    }
}
