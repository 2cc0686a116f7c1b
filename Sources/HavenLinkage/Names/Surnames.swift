/// The usual Latin spellings of the common Korean surnames, beyond what the romanisation systems
/// give: passports and the press write 이 as Lee, Yi, Rhee, Ri or I; 박 as Park, Pak or Bak.
public enum Surnames {
    /// Hangul surnames (in their South Korean form) with the spellings met in practice, the
    /// commonest first (roughly the order of the 2015 census): the hundred or so that nearly every
    /// Korean bears. A Hangul surname missing here meets its romanised spellings only by sound.
    static let table: [(hangul: String, spellings: [String])] = [
        ("김", ["kim", "gim", "ghim"]),
        ("이", ["lee", "yi", "rhee", "ri", "i", "rii", "yee", "ree", "lie"]),
        ("박", ["park", "pak", "bak", "bahk", "parck"]),
        ("최", ["choi", "choe", "chey", "choy", "chwe"]),
        ("정", ["jung", "jeong", "chung", "jong", "chong", "cheong", "joung"]),
        ("강", ["kang", "gang"]),
        ("조", ["cho", "jo", "joe", "chough"]),
        ("윤", ["yoon", "yun", "youn"]),
        ("장", ["jang", "chang"]),
        ("임", ["lim", "im", "rim", "yim", "leem", "lim"]),
        ("한", ["han", "hahn"]),
        ("오", ["oh", "o"]),
        ("서", ["seo", "suh", "so", "sur", "seoh"]),
        ("신", ["shin", "sin", "shinn"]),
        ("권", ["kwon", "gwon", "kwan"]),
        ("황", ["hwang", "whang"]),
        ("안", ["ahn", "an"]),
        ("송", ["song", "soung"]),
        ("류", ["ryu", "yu", "yoo", "rhyu", "ryoo", "lyu"]),
        ("유", ["yoo", "yu", "you", "ryu"]),
        ("홍", ["hong"]),
        ("전", ["jeon", "jun", "chun", "chon", "jon", "cheon"]),
        ("고", ["ko", "go", "koh"]),
        ("문", ["moon", "mun", "moun"]),
        ("양", ["yang", "ryang", "lyang"]),
        ("손", ["son", "sohn"]),
        ("배", ["bae", "pae", "bai"]),
        ("백", ["baek", "paek", "paik", "baik"]),
        ("허", ["heo", "hur", "huh", "ho"]),
        ("남", ["nam"]),
        ("노", ["noh", "no", "roh", "ro"]),
        ("하", ["ha"]),
        ("곽", ["kwak", "gwak"]),
        ("성", ["sung", "seong", "song"]),
        ("차", ["cha"]),
        ("주", ["joo", "ju", "chu", "choo"]),
        ("우", ["woo", "u", "wu"]),
        ("구", ["koo", "ku", "gu", "goo"]),
        ("민", ["min"]),
        ("나", ["na", "ra"]),
        ("진", ["jin", "chin"]),
        ("지", ["ji", "chi"]),
        ("엄", ["eom", "um", "uhm", "om"]),
        ("채", ["chae", "chai"]),
        ("원", ["won", "weon"]),
        ("천", ["cheon", "chun", "chon"]),
        ("방", ["bang", "pang"]),
        ("공", ["kong", "gong"]),
        ("현", ["hyun", "hyeon", "hyon"]),
        ("함", ["ham", "hahm"]),
        ("변", ["byun", "byeon", "pyon"]),
        ("염", ["yeom", "yum", "yom", "ryom"]),
        ("여", ["yeo", "yo", "yuh", "ryo"]),
        ("추", ["chu", "choo"]),
        ("도", ["do", "doh", "to"]),
        ("석", ["seok", "suk", "sok"]),
        ("설", ["seol", "sul", "sol"]),
        ("마", ["ma"]),
        ("길", ["gil", "kil"]),
        ("연", ["yeon", "yun", "yon", "ryon"]),
        ("위", ["wi", "wee"]),
        ("표", ["pyo", "pyoh"]),
        ("명", ["myung", "myeong", "myong"]),
        ("기", ["ki", "gi"]),
        ("반", ["ban", "pan"]),
        ("왕", ["wang"]),
        ("금", ["keum", "kum", "geum"]),
        ("옥", ["ok", "ock"]),
        ("육", ["yuk", "yook", "ryuk"]),
        ("인", ["in"]),
        ("맹", ["maeng"]),
        ("제", ["je", "jae", "che"]),
        ("모", ["mo"]),
        ("탁", ["tak", "thak"]),
        ("국", ["kook", "kuk", "guk"]),
        ("어", ["eo", "o", "uh"]),
        ("은", ["eun", "un"]),
        ("편", ["pyeon", "pyun", "phyon"]),
        ("용", ["yong", "ryong"]),
        ("예", ["ye", "yeh"]),
        ("경", ["kyung", "gyeong", "kyong"]),
        ("봉", ["bong", "pong"]),
        ("사", ["sa"]),
        ("부", ["bu", "boo", "pu"]),
        ("황보", ["hwangbo"]),
        ("남궁", ["namgung", "namkung"]),
        ("제갈", ["jegal", "chegal"]),
        ("선우", ["sunwoo", "seonu", "sonu"]),
        ("심", ["sim", "shim", "seem"]),
        ("도", ["do", "doh", "to"]),
        ("소", ["so", "soh"]),
        ("석", ["seok", "suk", "sok", "seog"]),
        ("선", ["sun", "seon", "son"]),
        ("설", ["seol", "sul", "sol"]),
        ("마", ["ma"]),
        ("길", ["gil", "kil"]),
        ("연", ["yeon", "yun", "yon", "youn"]),
        ("위", ["wi", "wee", "we"]),
        ("표", ["pyo", "pyoh"]),
        ("명", ["myung", "myeong", "myong"]),
        ("기", ["ki", "gi"]),
        ("반", ["ban", "pan"]),
        ("왕", ["wang"]),
        ("금", ["keum", "geum", "kum"]),
        ("옥", ["ok", "ock"]),
        ("육", ["yook", "yuk", "ryuk"]),
        ("인", ["in", "inn"]),
        ("맹", ["maeng", "meng"]),
        ("제", ["je", "jae", "che"]),
        ("모", ["mo", "moh"]),
        ("탁", ["tak", "tahk"]),
        ("국", ["kook", "kuk", "guk"]),
        ("어", ["eo", "uh"]),
        ("은", ["eun", "un"]),
        ("편", ["pyeon", "pyun", "pyon"]),
        ("용", ["yong", "ryong"]),
        ("예", ["ye", "yeh"]),
        ("경", ["kyung", "kyeong", "gyeong", "kyong"]),
        ("봉", ["bong", "pong"]),
        ("사", ["sa"]),
        ("부", ["bu", "boo", "pu"]),
        ("가", ["ka", "ga"]),
        ("복", ["bok", "pok"]),
        ("태", ["tae", "tai"]),
        ("목", ["mok", "mock"]),
        ("형", ["hyung", "hyeong", "hyong"]),
        ("피", ["pi", "phi"]),
        ("두", ["du", "doo", "tu"]),
        ("감", ["kam", "gam"]),
        ("음", ["eum"]),
        ("빈", ["bin", "pin"]),
        ("동", ["dong", "tong"]),
        ("온", ["on"]),
        ("범", ["beom", "bum", "pom"]),
        ("좌", ["jwa", "chwa"]),
        ("팽", ["paeng"]),
        ("승", ["seung"]),
        ("간", ["kan", "gan"]),
        ("상", ["sang"]),
        ("갈", ["kal", "gal"]),
        ("시", ["si", "shi"]),
        ("독고", ["dokgo", "tokko"]),
        ("황보", ["hwangbo", "hwangpo"]),
        ("남궁", ["namgung", "namkung"]),
        ("제갈", ["jegal", "chegal"]),
        ("사공", ["sagong", "sakong"]),
        ("서문", ["seomun", "somun"]),
        ("동방", ["dongbang", "tongbang"]),
    ]

    /// Hangul surname → the spellings met in practice.
    public static let spellings: [String: [String]] = Dictionary(table.map { ($0.hangul, $0.spellings) }, uniquingKeysWith: { $0 + $1 })
    /// Each Hangul surname's place in ``table`` (0 for the commonest).
    static let rank: [String: Int] = Dictionary(table.enumerated().map { ($1.hangul, $0) }, uniquingKeysWith: min)

    /// The Hangul surnames a Latin spelling may stand for, in their South Korean form.
    /// Every known spelling, longest first (to split a name written without separator).
    static let spellingsByLength: [String] = Set(spellings.values.flatMap { $0 }).sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }

    public static func hangul(for spelling: String) -> [String] {
        let key = spelling.asciiMapped(String.lowercaseLetter) ?? spelling.lowercased().filter { $0.isLetter }
        return reverse[key] ?? []
    }

    /// The Hangul surnames whose known spellings sound like an unknown one (Jonng, Kimm, Paak):
    /// a slip in a surname still finds the surname.
    public static func hangul(sounding spelling: String) -> [String] {
        bySound[SoundKey.of(spelling)] ?? []
    }

    /// The Hangul surnames a misspelt surname may stand for (Kig, Kmi, Pka, Kwoon): a word that
    /// is no syllable of any romanisation and whose sound key is one slip from a known spelling's.
    /// A real syllable (Nae, Pok) is left alone, so that given names do not turn into surnames.
    public static func hangul(slip spelling: String) -> [String] {
        let letters = spelling.asciiMapped(String.lowercaseLetter) ?? KoreanName.letters(spelling)
        guard !letters.isEmpty, !Romanizer.isSyllable(letters) else { return [] }
        let key = SoundKey.of(letters)
        var found: [String] = []
        for (sound, hangul) in bySound where StringComparators.withinOneEdit(key, sound) {
            found += hangul
        }
        return Array(Set(found)).sorted()
    }

    /// The Hangul surname a misspelt surname most likely stands for (Kig, Kmi, Pka, Kwoon): a word
    /// that is no syllable of any romanisation, whose sound key is one slip from a known
    /// spelling's. Of several, the commonest: a slip of a short word meets many surnames (Km is
    /// one slip from Kim, Ko, Ku, Ki and Kum), and slips of the commonest surnames are the commonest
    /// slips. A real syllable (Nae, Pok) is left alone, so that given names do not turn into surnames.
    public static func hangul(slip spelling: String) -> String? {
        let letters = KoreanName.letters(spelling)
        guard !letters.isEmpty, !Romanizer.isSyllable(letters) else { return nil }
        let key = SoundKey.of(letters)
        var best: String?
        for (sound, hangul) in bySound where StringComparators.withinOneEdit(key, sound) {
            for surname in hangul where best.map({ rank[surname]! < rank[$0]! }) ?? true { best = surname }
        }
        return best
    }

    static let bySound: [String: [String]] = {
        var table: [String: Set<String>] = [:]
        for (hangul, spellings) in spellings {
            for spelling in spellings { table[SoundKey.of(spelling), default: []].insert(hangul) }
        }
        return table.mapValues { $0.sorted() }
    }()

    static let reverse: [String: [String]] = {
        var table: [String: [String]] = [:]
        for (hangul, spellings) in spellings {
            for spelling in Set(spellings) { table[spelling, default: []].append(hangul) }
        }
        return table.mapValues { $0.sorted() }
    }()
}
