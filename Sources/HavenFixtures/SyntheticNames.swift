import HavenCore

/// Fictional Korean names with their romanisations, built syllable by syllable from common
/// surnames and given-name syllables. Any resemblance to a real person is chance.
public enum SyntheticNames {
    /// Surnames: Hangul, Revised Romanization, McCune–Reischauer.
    static let surnames: [(String, String, String)] = [
        ("김", "Kim", "Kim"), ("이", "Lee", "Yi"), ("박", "Park", "Pak"), ("최", "Choi", "Ch'oe"), ("정", "Jeong", "Chŏng"),
        ("강", "Kang", "Kang"), ("조", "Jo", "Cho"), ("윤", "Yun", "Yun"), ("장", "Jang", "Chang"), ("한", "Han", "Han"),
        ("오", "Oh", "O"), ("서", "Seo", "Sŏ"), ("신", "Shin", "Sin"), ("권", "Kwon", "Kwŏn"), ("황", "Hwang", "Hwang"),
        ("안", "An", "An"), ("송", "Song", "Song"), ("류", "Ryu", "Ryu"), ("홍", "Hong", "Hong"), ("전", "Jeon", "Chŏn"),
    ]
    /// Given-name syllables: Hangul, Revised Romanization, McCune–Reischauer.
    static let syllables: [(String, String, String)] = [
        ("정", "jeong", "chŏng"), ("미", "mi", "mi"), ("영", "yeong", "yŏng"), ("숙", "suk", "suk"), ("철", "cheol", "ch'ŏl"),
        ("민", "min", "min"), ("순", "sun", "sun"), ("희", "hui", "hŭi"), ("성", "seong", "sŏng"), ("호", "ho", "ho"),
        ("금", "geum", "kŭm"), ("옥", "ok", "ok"), ("남", "nam", "nam"), ("혁", "hyeok", "hyŏk"), ("은", "eun", "ŭn"),
        ("경", "gyeong", "kyŏng"), ("명", "myeong", "myŏng"), ("수", "su", "su"), ("련", "ryeon", "ryŏn"), ("향", "hyang", "hyang"),
        ("일", "il", "il"), ("광", "gwang", "kwang"), ("선", "seon", "sŏn"), ("화", "hwa", "hwa"), ("진", "jin", "chin"),
    ]

    /// A fictional person's names in Hangul, Revised Romanization and McCune–Reischauer.
    public static func person(using rng: inout some RandomNumberGenerator) -> [PersonName] {
        let s = surnames.randomElement(using: &rng)!
        let a = syllables.randomElement(using: &rng)!, b = syllables.randomElement(using: &rng)!
        let rr = s.1 + " " + (a.1 + b.1).capitalizedFirst
        let mr = s.2 + " " + (a.2 + "-" + b.2).capitalizedFirst
        return [
            PersonName(s.0 + a.0 + b.0, script: .hangul, system: .southKorean),
            PersonName(rr, script: .latin, system: .revisedRomanization),
            PersonName(mr, script: .latin, system: .mccuneReischauer),
        ]
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
