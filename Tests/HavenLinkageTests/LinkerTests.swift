import Foundation
import HavenCore
import HavenLinkage
import Testing
import HavenFixtures

/// End to end on small seeded data: the spellings of one person in several scripts and systems
/// cluster together, different people do not, every record has one cluster, and a pair's
/// explanation adds up to its weight.
struct LinkerTests {
    /// Four people, each reported by several sources in different spellings, plus namesakes.
    static let records: [LinkRecord] = [
        // 리정숙 / 이정숙, born 1972-03-14 in 회령.
        LinkRecord(id: "ngo-1", source: "ngo", name: "리정숙", sex: "여", birthDate: "1972-03-14", birthPlace: "회령"),
        LinkRecord(id: "gov-1", source: "gov", givenName: "Jeongsuk", familyName: "Lee", sex: "F", birthDate: "1972-03", birthPlace: "Hoeryong"),
        LinkRecord(id: "press-1", source: "press", name: "Ri Jong-suk", sex: "female", birthDate: "1972"),
        LinkRecord(id: "kcna-1", source: "kcna", name: "Jong Suk Ri", birthDate: "1972-03-14"),
        // 김철민, born 1985-11-02.
        LinkRecord(id: "ngo-2", source: "ngo", name: "김철민", sex: "남", birthDate: "1985-11-02", phone: "+82 10-5555-1234"),
        LinkRecord(id: "gov-2", source: "gov", givenName: "Cheol-min", familyName: "Kim", sex: "M", birthDate: "1985-11-02", phone: "010 5555 1234"),
        LinkRecord(id: "press-2", source: "press", name: "Kim Chol Min", sex: "m", birthDate: "1985-11"),
        // A namesake of 김철민, twenty years older and a woman's record is not his.
        LinkRecord(id: "ngo-3", source: "ngo", name: "김철민", sex: "남", birthDate: "1961-06-20", phone: "010-2222-9876"),
        // 박영희 and 류성호, once each.
        LinkRecord(id: "gov-4", source: "gov", name: "Park Young-hee", sex: "F", birthDate: "1990-01-05"),
        LinkRecord(id: "ngo-5", source: "ngo", name: "류성호", sex: "남", birthDate: "1979-08-30"),
    ] + LinkerTests.background

    /// Unrelated people, so that u has something to be estimated from.
    static let background: [LinkRecord] = {
        let families = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황"]
        let syllables = ["민", "서", "지", "현", "수", "영", "준", "혜", "성", "경", "은", "호", "철", "미", "진", "옥"]
        var random = SeededGenerator(seed: 42)
        return (0..<400).map { index in
            let name = families.randomElement(using: &random)! + syllables.randomElement(using: &random)! + syllables.randomElement(using: &random)!
            let year = Int.random(in: 1940...2005, using: &random), month = Int.random(in: 1...12, using: &random), day = Int.random(in: 1...28, using: &random)
            let date = "\(year)-" + (month < 10 ? "0\(month)" : "\(month)") + "-" + (day < 10 ? "0\(day)" : "\(day)")
            return LinkRecord(id: "bg-\(index)", source: "bg", name: name, sex: Bool.random(using: &random) ? "여" : "남", birthDate: date)
        }
    }()

    func clusterOf(_ result: LinkResult, _ id: String) -> Int {
        result.clusters[Self.records.firstIndex { $0.id == id }!]
    }

    @Test func oneWomanInFourSpellingsIsOneCluster() {
        let result = Linker().link(Self.records)
        #expect(result.clusters.count == Self.records.count, "every record has exactly one cluster")
        let woman = ["ngo-1", "gov-1", "press-1", "kcna-1"].map { clusterOf(result, $0) }
        #expect(Set(woman).count == 1, "리정숙, Lee Jeongsuk, Ri Jong-suk and Jong Suk Ri are one person")
        let man = ["ngo-2", "gov-2", "press-2"].map { clusterOf(result, $0) }
        #expect(Set(man).count == 1, "김철민, Kim Cheol-min and Kim Chol Min are one person")
        #expect(clusterOf(result, "ngo-3") != man[0], "a namesake born 24 years earlier is someone else")
        #expect(woman[0] != man[0])
        #expect(clusterOf(result, "gov-4") != clusterOf(result, "ngo-5"))
        let linkedBackground = Dictionary(grouping: result.clusters.suffix(Self.background.count), by: { $0 }).values.filter { $0.count > 1 }
        #expect(linkedBackground.count <= 2, "unrelated people stay apart (two may share a name and birthday by chance)")
    }

    @Test func explanationsAddUpAndNameTheirLevels() throws {
        let result = Linker().link(Self.records)
        let ngo = Int32(Self.records.firstIndex { $0.id == "ngo-2" }!), gov = Int32(Self.records.firstIndex { $0.id == "gov-2" }!)
        let k = try #require((0..<result.pairCount).first { result.left[$0] == min(ngo, gov) && result.right[$0] == max(ngo, gov) })
        let explanation = result.explain(pair: k)
        #expect(abs(explanation.prior + explanation.parts.map(\.weight).reduce(0, +) - explanation.weight) < 1e-9)
        #expect(abs(1 / (1 + pow(2, -explanation.weight)) - result.probabilities[k]) < 1e-9)
        let byComparison = Dictionary(uniqueKeysWithValues: explanation.parts.map { ($0.comparison, $0) })
        #expect(byComparison[.birthDate]?.meaning == "same day")
        #expect(byComparison[.phone]?.meaning == "same", "+82 10-5555-1234 and 010 5555 1234 are one number")
        #expect(byComparison[.givenName]?.meaning == "same", "Cheol-min is 철민")
        #expect(byComparison[.birthDate]!.weight > 0 && byComparison[.phone]!.weight > 0)
        #expect(byComparison[.address] == nil, "a comparison without values in the input is left out")
    }

    @Test func commonSurnamesWeighLessThanRareOnes() {
        let result = Linker().link(Self.records)
        // Among the background, agreeing on a family name shared by many weighs less than the
        // model's untouched weight for "same".
        let c = result.comparisons.firstIndex(of: .familyName)!
        let weights = (0..<result.pairCount).compactMap { k -> Double? in
            let part = result.explain(pair: k).parts[c]
            return part.level == 4 ? part.weight : nil
        }
        #expect(Set(weights.map { ($0 * 1000).rounded() }).count > 1, "the same level weighs differently by how common the name is")
    }

    @Test func theSameInputGivesTheSameClusters() {
        #expect(Linker().link(Self.records).clusters == Linker().link(Self.records.reversed().reversed()).clusters)
    }

    @Test func randomPairsGrowWithTheRecordsBetweenTwentyAndFiftyThousand() {
        #expect(LinkSettings.randomPairs(forRecords: 5_000) == 20_000)
        #expect(LinkSettings.randomPairs(forRecords: 600_000) == 30_000)
        #expect(LinkSettings.randomPairs(forRecords: 1_000_000) == 50_000 && LinkSettings.randomPairs(forRecords: 5_000_000) == 50_000)
    }

    @Test func mLearntFromASampleOfPairsFindsNearlyTheSamePeople() {
        let records = KoreanRecordGenerator(seed: 5).rows(persons: 1_500).map(\.record)
        let full = Linker().link(records)
        var settings = LinkSettings()
        settings.mSamplePairs = full.pairCount / 4
        let sampled = Linker(settings: settings).link(records)
        #expect(sampled.model != full.model, "a quarter of the pairs is not every pair")
        // m moves a little; the people found hardly at all.
        let given = full.comparisons.firstIndex(of: .givenName)!
        let top = full.model.comparisons[given].m.count - 1
        #expect(abs(sampled.model.comparisons[given].m[top] - full.model.comparisons[given].m[top]) < 0.05)
        let fullMembers = Dictionary(grouping: full.clusters.indices) { full.clusters[$0] }
        let sampledMembers = Dictionary(grouping: sampled.clusters.indices) { sampled.clusters[$0] }
        let same = records.indices.filter { fullMembers[full.clusters[$0]] == sampledMembers[sampled.clusters[$0]] }.count
        // On these 3,000 records the share moves between 0.988 and 0.996 with the number of random
        // pairs alone (10,000 to 80,000): the bound leaves room for that, not for a broken sample.
        #expect(Double(same) / Double(records.count) > 0.98, "\(same) of \(records.count) records in the same cluster")
    }

    @Test func acrossSourcesOnlyNeverPairsTwoRecordsOfOneSource() {
        var settings = LinkSettings()
        settings.acrossSourcesOnly = true
        let result = Linker(settings: settings).link(Self.records)
        for k in 0..<result.pairCount {
            #expect(Self.records[Int(result.left[k])].source != Self.records[Int(result.right[k])].source)
        }
        #expect(clusterOf(result, "ngo-2") == clusterOf(result, "gov-2"))
    }
}

/// A slip in a name: a misspelt surname still pairs with its Hangul, and a given name one slip
/// from a spelling nobody else has is told apart from one slip between two names others share.
struct NameSlipTests {
    @Test func aMisspeltSurnameIsPairedAndCalledClose() throws {
        let records = [LinkRecord(id: "slip", name: "Kig Jong Mun", birthDate: "1977-04-16"),
                       LinkRecord(id: "hangul", name: "김정문", birthDate: "1977-04-16")] + LinkerTests.background
        let result = Linker().link(records)
        let k = try #require((0..<result.pairCount).first { result.left[$0] == 0 && result.right[$0] == 1 }, "blocking pairs Kig with 김")
        let family = result.comparisons.firstIndex(of: .familyName)!
        #expect(result.explain(pair: k).parts[family].meaning == "close")
        #expect(result.clusters[0] == result.clusters[1])
    }

    @Test func oneSlipFromASpellingNobodyElseHasIsItsOwnLevel() {
        let records = [
            LinkRecord(id: "sook-1", name: "김정숙", birthDate: "1970"), LinkRecord(id: "sook-2", name: "김정숙", birthDate: "1971"),
            LinkRecord(id: "soon-1", name: "김정순", birthDate: "1970"), LinkRecord(id: "soon-2", name: "김정순", birthDate: "1971"),
            // 정숫 is written by no one else: a slip of 정숙 rather than another woman's name.
            LinkRecord(id: "sut", name: "김정숫", birthDate: "1970"),
        ] + LinkerTests.background
        let result = Linker().link(records)
        let given = result.comparisons.firstIndex(of: .givenName)!
        var meanings: [String: String] = [:]
        for k in 0..<result.pairCount where result.right[k] < 5 {
            let pair = [records[Int(result.left[k])].id, records[Int(result.right[k])].id].sorted().joined(separator: "/")
            meanings[pair] = result.explain(pair: k).parts[given].meaning
        }
        #expect(meanings["sook-1/soon-1"] == "close", "숙 and 순 are both names others write")
        #expect(meanings["sook-1/sut"] == "close, rare spelling" && meanings["soon-1/sut"] == "close, rare spelling")
        #expect(meanings["sook-1/sook-2"] == "same")
    }
}

/// Places compare by sound across scripts and systems and through the gazetteer's hierarchy;
/// every blocking rule reports its pairs.
struct LinkerPlaceTests {
    @Test func placesResolveThroughTheGazetteer() throws {
        let hoeryong = try #require(PlaceNames.resolve("회령시")), province = try #require(PlaceNames.resolve("함경북도"))
        #expect(hoeryong.code == "KP-09-HOERYONG" && PlaceNames.resolve("Hoeryŏng")?.code == "KP-09-HOERYONG"
                && PlaceNames.resolve("Hoeryong-si")?.code == "KP-09-HOERYONG")
        #expect(province.code == "KP-09" && hoeryong.ancestors.first == "KP-09")
        #expect(PlaceNames.resolve("Musan")?.ancestors.first == "KP-09")
        #expect(PlaceNames.resolve("Springfield")?.code == nil, "a place the gazetteer lacks keeps its sound key only")
    }

    @Test func placesInHangulAndRomanisedAgree() {
        let records = [
            LinkRecord(id: "a", name: "김정숙", birthDate: "1970", birthPlace: "회령"),
            LinkRecord(id: "b", name: "Kim Jong-suk", birthDate: "1970", birthPlace: "Hoe-Ryŏng"),
            LinkRecord(id: "c", name: "Kim Jong Suk", birthDate: "1970", birthPlace: "Hoeryeong"),
            LinkRecord(id: "d", name: "Kim Jong Suk", birthDate: "1970", birthPlace: "Sinuiju"),
        ]
        let result = Linker().link(records)
        let place = result.comparisons.firstIndex(of: .birthPlace)!
        for k in 0..<result.pairCount {
            let pair = Set([records[Int(result.left[k])].id, records[Int(result.right[k])].id])
            let meaning = result.explain(pair: k).parts[place].meaning
            #expect(meaning == (pair.contains("d") ? "different" : "same"), "\(pair.sorted())")
        }
        #expect(result.pairsByRule.map(\.pairs).reduce(0, +) == result.pairCount)
        #expect(result.pairsByRule.first?.rule == .fullName && result.pairsByRule.first?.pairs == 6)
    }
}

/// Place agreement levels through the gazetteer: one place in two scripts is the same, a city and
/// its province or two places of one province are nearby, two gazetteer places are different.
struct PlaceLevelTests {
    @Test func levelsFollowTheHierarchy() {
        let linker = Linker()
        let records = [
            LinkRecord(id: "hangul", name: "김정숙", birthDate: "1970-01-01", birthPlace: "회령시"),
            LinkRecord(id: "latin", name: "Kim Jong-suk", birthDate: "1970-01-01", birthPlace: "Hoeryŏng"),
            LinkRecord(id: "province", name: "김정숙", birthDate: "1970-01-01", birthPlace: "함경북도"),
            LinkRecord(id: "musan", name: "김정숙", birthDate: "1970-01-01", birthPlace: "무산군"),
            LinkRecord(id: "sinuiju", name: "김정숙", birthDate: "1970-01-01", birthPlace: "신의주"),
        ]
        let result = linker.link(records)
        let place = result.comparisons.firstIndex(of: .birthPlace)!
        var meanings: [String: String] = [:]
        for k in 0..<result.pairCount {
            let pair = [records[Int(result.left[k])].id, records[Int(result.right[k])].id].sorted().joined(separator: "/")
            meanings[pair] = result.explain(pair: k).parts[place].meaning
        }
        #expect(meanings["hangul/latin"] == "same")
        #expect(meanings["hangul/province"] == "nearby" && meanings["hangul/musan"] == "nearby", "inside its province, or in the same one")
        #expect(meanings["hangul/sinuiju"] == "different" && meanings["province/sinuiju"] == "different")
    }
}
